package io.jnetlink.nftables.log;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.MessageWriter;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden bytes of the bind request and decoding of a synthesised NFULNL_MSG_PACKET. */
class NflogCodecTest {

    @Test
    void bindRequestBytes() {
        byte[] got = NflogCodec.bind(5, Nflog.Options.defaults().withSequence(true, false)).encode(1, 0);
        // nlmsghdr: len 48, type 0x0401, flags REQUEST|ACK, seq 1, port 0
        // nfgenmsg AF_UNSPEC v0 res_id 5 (big-endian)
        // NFULA_CFG_CMD (1 byte: BIND), NFULA_CFG_MODE (be32 0xffff, PACKET, pad), NFULA_CFG_FLAGS be16 SEQ
        String expected = "30000000" + "01040500" + "01000000" + "00000000"
                + "00000005"
                + "05000100" + "01000000"
                + "0a000200" + "0000ffff" + "02000000"
                + "06000600" + "00010000";
        assertEquals(expected, HexFormat.of().formatHex(got));
    }

    @Test
    void groupOutOfRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NflogCodec.bind(70000, Nflog.Options.defaults()));
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }

    @Test
    void decodesPacketMessage() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(NflogCodec.TYPE_PACKET, 0, 0, 0);
        w.put8(2).put8(0).put16be(5);
        w.bytes(NflogCodec.NFULA_PACKET_HDR, new byte[]{0x08, 0x00, 3, 0});
        w.u32be(NflogCodec.NFULA_MARK, 0x2a);
        w.u32be(NflogCodec.NFULA_IFINDEX_OUTDEV, 7);
        w.bytes(NflogCodec.NFULA_TIMESTAMP, ByteBuffer.allocate(16).putLong(1_700_000_000L).putLong(250_000).array());
        w.string(NflogCodec.NFULA_PREFIX, "jnl: ");
        w.u32be(NflogCodec.NFULA_UID, 1000);
        w.u32be(NflogCodec.NFULA_GID, 100);
        w.bytes(NflogCodec.NFULA_PAYLOAD, PacketHeadersTest.TCP_SYN);
        w.bytes(NflogCodec.NFULA_CT_INFO, new byte[]{0, 0, 0, 2}); // not modelled: skipped
        w.endMessage();
        List<Message> ms = Message.parseAll(ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.LITTLE_ENDIAN));
        NflogRecord r = NflogCodec.decode(ms.getFirst());
        assertEquals(5, r.group());
        assertEquals(2, r.family());
        assertEquals(0x0800, r.hwProtocol());
        assertEquals(3, r.hookNumber());
        assertEquals("jnl: ", r.prefix());
        assertEquals(0x2a, r.mark().orElseThrow());
        assertEquals(7, r.outDevice().orElseThrow());
        assertTrue(r.inDevice().isEmpty());
        assertEquals(1000, r.uid().orElseThrow());
        assertEquals(100, r.gid().orElseThrow());
        assertEquals(java.time.Instant.ofEpochSecond(1_700_000_000L, 250_000_000L), r.timestamp().orElseThrow());
        assertEquals(40000, ((PacketHeaders.Tcp) r.headers().transport().orElseThrow()).sourcePort());
        assertTrue(r.describe().contains("hook output prefix \"jnl: \" out 7 uid 1000 gid 100 mark 0x0000002a ip src 10.0.0.1 dst 10.0.0.2"),
                r.describe());
    }
}
