package io.jnetlink.route.neigh;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/** Golden-bytes helpers for the neighbour tests (package-private, so that test code adds no exported API). */
final class NeighFixture {

    private NeighFixture() {
    }

    /** Parses hex digits, ignoring white space and {@code #} comments up to the end of a line. */
    static byte[] hex(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            digits.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(digits);
    }

    /** The nlmsghdr ip sends with seq 1 and port 0 (strace shows the header decoded; the test numbers it 1). */
    static String header(int length, int type, int flags) {
        return String.format("%02x%02x0000 %02x%02x %02x%02x 01000000 00000000%n", length & 0xFF, length >> 8,
                type & 0xFF, type >> 8, flags & 0xFF, flags >> 8);
    }

    /** The request's bytes read back as if the kernel had sent them. */
    static Message asMessage(Request r) {
        return Message.parseAll(ByteBuffer.wrap(r.encode(1, 0)).order(ByteOrder.LITTLE_ENDIAN)).getFirst();
    }

    /** Bytes written by a test, read as the kernel's messages. */
    static Message message(byte[] bytes) {
        return Message.parseAll(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)).getFirst();
    }
}
