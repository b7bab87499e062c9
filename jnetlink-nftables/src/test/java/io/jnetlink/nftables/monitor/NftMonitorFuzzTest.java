package io.jnetlink.nftables.monitor;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.nftables.wire.NftMsg;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@link NftMonitor#decode} on random and mutated notifications: it must always return an event (typed or
 * {@link NftEvent.Undecoded}) and never throw, whatever the kernel (or a bug) sends.
 */
class NftMonitorFuzzTest {

    private static Message message(int type, byte[] payload) {
        MessageWriter w = new MessageWriter();
        w.beginMessage(type, 0, 0, 0);
        w.putBytes(payload);
        w.endMessage();
        return Message.parseAll(ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.LITTLE_ENDIAN)).getFirst();
    }

    /** Random attributes with plausible headers, so that decoders get past the framing. */
    private static byte[] attributes(Random r) {
        MessageWriter w = new MessageWriter();
        w.put8(1 + r.nextInt(10)).put8(0).put16be(r.nextInt(65536));
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            int type = 1 + r.nextInt(20);
            switch (r.nextInt(4)) {
                case 0 -> w.string(type, "x" + r.nextInt(100));
                case 1 -> w.u32be(type, r.nextInt());
                case 2 -> w.u64be(type, r.nextLong());
                default -> {
                    byte[] b = new byte[r.nextInt(40)];
                    r.nextBytes(b);
                    if (r.nextBoolean()) {
                        w.nested(type, x -> x.putBytes(b));
                    } else {
                        w.bytes(type, b);
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(w.toByteArray(), w.size());
    }

    @Test
    void neverThrows() {
        Random r = new Random(7);
        int[] msgs = {NftMsg.NEWTABLE, NftMsg.DELTABLE, NftMsg.NEWCHAIN, NftMsg.DELCHAIN, NftMsg.NEWRULE,
                NftMsg.DELRULE, NftMsg.NEWSET, NftMsg.DELSET, NftMsg.NEWSETELEM, NftMsg.DELSETELEM, NftMsg.NEWOBJ,
                NftMsg.DELOBJ, NftMsg.NEWFLOWTABLE, NftMsg.DELFLOWTABLE, NftMsg.NEWGEN, NftMsg.TRACE};
        for (int i = 0; i < 30_000; i++) {
            int type = NftMsg.type(msgs[r.nextInt(msgs.length)]);
            byte[] payload;
            if (r.nextInt(4) == 0) {
                payload = new byte[r.nextInt(64)];
                r.nextBytes(payload);
            } else {
                payload = attributes(r);
            }
            assertNotNull(NftMonitor.decode(message(type, payload)));
        }
    }
}
