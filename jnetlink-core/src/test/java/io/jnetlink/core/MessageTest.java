package io.jnetlink.core;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.error.DecodeException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.List;

import static io.jnetlink.core.testing.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splitting datagrams into messages: lengths, padding between messages, truncation. */
class MessageTest {

    @Test
    void parseAllSplitsMessagesAtAlignedBoundaries() {
        byte[] datagram = hex("""
                15000000 | 1000 0200 | 01000000 | 39300000
                aabbccdd | ee000000
                18000000 | 1400 0200 | 01000000 | 39300000
                08000100 | 7f000001
                14000000 | 0300 0200 | 01000000 | 39300000
                00000000
                """);
        List<Message> ms = Message.parseAll(ByteBuffer.wrap(datagram));
        assertEquals(3, ms.size());

        Message first = ms.get(0);
        assertEquals(16, first.type());
        assertEquals(Nl.NLM_F_MULTI, first.flags());
        assertEquals(1, first.seq());
        assertEquals(12345, first.portId());
        assertEquals(5, first.payload().remaining(), "nlmsg_len 21: payload excludes the padding");
        assertEquals((byte) 0xEE, first.payload().get(4));

        Message second = ms.get(1);
        assertEquals(20, second.type());
        AttributeReader a = second.attributes(0, AttributeNames.NUMBERED);
        assertTrue(a.next());
        assertEquals(0x7f000001, a.u32be());
        assertFalse(a.next());

        assertEquals(Nl.NLMSG_DONE, ms.get(2).type());
        assertTrue(ms.get(2).hasFlag(Nl.NLM_F_MULTI));
        assertFalse(ms.get(2).hasFlag(Nl.NLM_F_MULTI | Nl.NLM_F_ACK), "hasFlag needs every bit");
    }

    @Test
    void parseAllRoundTripsWhatTheWriterFramed() {
        MessageWriter w = new MessageWriter();
        for (int i = 0; i < 10; i++) {
            w.beginMessage(16 + i, Nl.NLM_F_MULTI, 100 + i, 7);
            for (int j = 0; j < i; j++) {
                w.put8(j);
            }
            w.endMessage();
        }
        List<Message> ms = Message.parseAll(ByteBuffer.wrap(w.toByteArray()));
        assertEquals(10, ms.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(16 + i, ms.get(i).type());
            assertEquals(100 + i, ms.get(i).seq());
            assertEquals(i, ms.get(i).payload().remaining());
        }
    }

    @Test
    void parseAllRespectsPositionAndLimit() {
        byte[] bytes = hex("ffffffff | 10000000 | 1000 0000 | 01000000 | 00000000 | 10000000");
        ByteBuffer b = ByteBuffer.wrap(bytes).position(4).limit(20);
        List<Message> ms = Message.parseAll(b);
        assertEquals(1, ms.size());
        assertEquals(4, b.position(), "the caller's buffer is not moved");
    }

    @Test
    void emptyDatagramHasNoMessages() {
        assertTrue(Message.parseAll(ByteBuffer.allocate(0)).isEmpty());
        assertTrue(Message.parseAll(ByteBuffer.allocate(15)).isEmpty(), "less than a header: nothing to read");
    }

    @Test
    void lengthPastTheDatagramIsTruncated() {
        byte[] datagram = hex("20000000 | 1000 0000 | 01000000 | 00000000 | 00000000");
        DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class,
                () -> Message.parseAll(ByteBuffer.wrap(datagram)));
        assertEquals("netlink message (nlmsg_len 32): needs 32 bytes, only 20 available", e.getMessage());
    }

    @Test
    void lengthShorterThanTheHeaderIsTruncated() {
        for (String len : List.of("00000000", "0f000000", "ffffffff")) {
            byte[] datagram = hex(len + " | 1000 0000 | 01000000 | 00000000");
            DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class,
                    () -> Message.parseAll(ByteBuffer.wrap(datagram)), len);
            assertTrue(e.getMessage().startsWith("netlink message (nlmsg_len "), e.getMessage());
        }
    }

    @Test
    void hugeUnsignedLengthIsReportedUnsigned() {
        byte[] datagram = hex("00000080 | 1000 0000 | 01000000 | 00000000");
        DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class,
                () -> Message.parseAll(ByteBuffer.wrap(datagram)));
        assertTrue(e.getMessage().contains("nlmsg_len 2147483648"), e.getMessage());
    }

    @Test
    void secondMessageTruncatedAfterAValidFirst() {
        byte[] datagram = hex("""
                10000000 | 1000 0000 | 01000000 | 00000000
                40000000 | 1000 0000 | 02000000 | 00000000
                """);
        assertThrows(DecodeException.Truncated.class, () -> Message.parseAll(ByteBuffer.wrap(datagram)));
    }

    @Test
    void headerChecksTheFamilyHeaderSize() {
        Message m = new Message(16, 0, 1, 0, ByteBuffer.wrap(new byte[10]));
        assertEquals(10, m.header(10, "struct x").remaining());
        DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class, () -> m.header(16, "struct ifinfomsg"));
        assertEquals("struct ifinfomsg: needs 16 bytes, only 10 available", e.getMessage());
        assertThrows(DecodeException.Truncated.class, () -> m.attributes(16, AttributeNames.NUMBERED));
    }

    @Test
    void payloadIsAReadOnlyLittleEndianViewDetachedFromTheCaller() {
        byte[] backing = hex("01000000");
        Message m = new Message(16, 0, 1, 0, ByteBuffer.wrap(backing).order(ByteOrder.BIG_ENDIAN));
        ByteBuffer p = m.payload();
        assertEquals(ByteOrder.LITTLE_ENDIAN, p.order());
        assertEquals(1, p.getInt(0));
        assertThrows(ReadOnlyBufferException.class, () -> p.put(0, (byte) 2));
        p.position(4);
        assertEquals(0, m.payload().position(), "each call returns a fresh view");
    }
}
