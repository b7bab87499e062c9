package io.jnetlink.nftables.log;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.error.DecodeException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * {@link NflogCodec#decode} on random packet messages: it returns a record or throws
 * {@link DecodeException} (malformed framing), never anything else.
 */
class NflogCodecFuzzTest {

    @Test
    void onlyDecodeExceptions() {
        Random r = new Random(11);
        int[] types = {NflogCodec.NFULA_PACKET_HDR, NflogCodec.NFULA_MARK, NflogCodec.NFULA_TIMESTAMP,
                NflogCodec.NFULA_IFINDEX_INDEV, NflogCodec.NFULA_HWADDR, NflogCodec.NFULA_PAYLOAD,
                NflogCodec.NFULA_PREFIX, NflogCodec.NFULA_UID, NflogCodec.NFULA_GID, NflogCodec.NFULA_SEQ, 30};
        for (int i = 0; i < 30_000; i++) {
            MessageWriter w = new MessageWriter();
            w.beginMessage(NflogCodec.TYPE_PACKET, 0, 0, 0);
            w.put8(r.nextInt(11)).put8(0).put16be(r.nextInt(65536));
            int n = r.nextInt(8);
            for (int k = 0; k < n; k++) {
                byte[] b = new byte[r.nextInt(r.nextBoolean() ? 24 : 90)];
                r.nextBytes(b);
                if (r.nextInt(3) == 0 && b.length > 0) {
                    b[0] = (byte) (0x40 | (r.nextBoolean() ? 0x05 : 0x20)); // version nibbles 4 and 6 (and junk)
                }
                w.bytes(types[r.nextInt(types.length)], b);
            }
            w.endMessage();
            Message m = Message.parseAll(ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.LITTLE_ENDIAN)).getFirst();
            try {
                NflogCodec.decode(m);
            } catch (DecodeException expected) {
                // a fixed-size attribute of the wrong size: reported, named
            }
        }
    }
}
