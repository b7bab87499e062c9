package io.jnetlink.nftables.monitor;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.nftables.wire.GenCodec;
import io.jnetlink.nftables.wire.NfGenMsg;
import io.jnetlink.nftables.wire.NftMsg;
import io.jnetlink.nftables.wire.TableCodec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding of notifications without a kernel: typed events, and Undecoded instead of exceptions. */
class NftMonitorDecodeTest {

    private static Message message(int type, java.util.function.Consumer<MessageWriter> body) {
        MessageWriter w = new MessageWriter();
        w.beginMessage(type, 0, 0, 0);
        body.accept(w);
        w.endMessage();
        return Message.parseAll(ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.LITTLE_ENDIAN)).getFirst();
    }

    @Test
    void generationWithProcess() {
        Message m = message(NftMsg.type(NftMsg.NEWGEN), w -> {
            NfGenMsg.write(w, 0, 5);
            w.u32be(GenCodec.NFTA_GEN_ID, 5);
            w.u32be(GenCodec.NFTA_GEN_PROC_PID, 1234);
            w.string(GenCodec.NFTA_GEN_PROC_NAME, "nft");
        });
        assertEquals(new NftEvent.Generation(5, OptionalInt.of(1234), Optional.of("nft")), NftMonitor.decode(m));
    }

    @Test
    void deletedTable() {
        Message m = message(NftMsg.type(NftMsg.DELTABLE), w -> {
            NfGenMsg.write(w, 1, 0);
            w.string(TableCodec.NFTA_TABLE_NAME, "filter");
        });
        NftEvent.TableChange t = assertInstanceOf(NftEvent.TableChange.class, NftMonitor.decode(m));
        assertEquals(NftEvent.Action.DELETE, t.action());
        assertEquals("filter", t.table().name());
    }

    @Test
    void malformedAndForeignMessagesAreUndecodedNotThrown() {
        Message noName = message(NftMsg.type(NftMsg.NEWTABLE), w -> NfGenMsg.write(w, 1, 0));
        NftEvent.Undecoded u = assertInstanceOf(NftEvent.Undecoded.class, NftMonitor.decode(noName));
        assertTrue(u.reason().startsWith("NFT_MSG_NEWTABLE: "), u.reason());
        Message badFamily = message(NftMsg.type(NftMsg.NEWTABLE), w -> {
            NfGenMsg.write(w, 99, 0);
            w.string(TableCodec.NFTA_TABLE_NAME, "x");
        });
        assertInstanceOf(NftEvent.Undecoded.class, NftMonitor.decode(badFamily));
        Message trace = message(NftMsg.type(NftMsg.TRACE), w -> NfGenMsg.write(w, 1, 0));
        assertInstanceOf(NftEvent.Undecoded.class, NftMonitor.decode(trace));
        Message shortHeader = message(NftMsg.type(NftMsg.NEWCHAIN), w -> w.put8(1));
        assertInstanceOf(NftEvent.Undecoded.class, NftMonitor.decode(shortHeader));
    }
}
