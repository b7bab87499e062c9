package io.jnetlink.core;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.genl.GenericNetlink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * The decoder property shared by the Jazzer fuzz tests and the seeded random test: for any bytes,
 * splitting into messages, iterating attributes after any family-header length, calling every getter,
 * descending into every attribute as if it were a nest, and decoding a generic netlink family either
 * works or throws {@link DecodeException}. Anything else escaping (IndexOutOfBounds, BufferUnderflow,
 * IllegalState, an endless loop) is a bug.
 */
final class DecoderProperty {

    /** Family header sizes worth trying: none, genlmsghdr, ifaddrmsg, rtmsg/ndmsg-ish, ifinfomsg, nlmsgerr. */
    private static final int[] HEADERS = {0, 4, 8, 12, 16, 20};
    private static final int MAX_DEPTH = 8;

    /** A size-checked getter and the payload sizes it accepts. */
    private record Getter(String name, IntPredicate accepts, Consumer<AttributeReader> read) {
        boolean fits(int length) {
            return accepts.test(length);
        }
    }

    private static final List<Getter> GETTERS = List.of(
            new Getter("u8", n -> n == 1, AttributeReader::u8),
            new Getter("u16", n -> n == 2, AttributeReader::u16),
            new Getter("u16be", n -> n == 2, AttributeReader::u16be),
            new Getter("u32", n -> n == 4, AttributeReader::u32),
            new Getter("u32be", n -> n == 4, AttributeReader::u32be),
            new Getter("s32", n -> n == 4, AttributeReader::s32),
            new Getter("u64", n -> n == 8, AttributeReader::u64),
            new Getter("u64be", n -> n == 8, AttributeReader::u64be),
            new Getter("unsigned", n -> n == 1 || n == 2 || n == 4 || n == 8, AttributeReader::unsigned),
            new Getter("flag", n -> n == 0, AttributeReader::flag),
            new Getter("bytes(6)", n -> n == 6, r -> r.bytes(6)),
            new Getter("struct(12)", n -> n >= 12, r -> r.struct(12, "struct test")));

    /** What a run visited, so tests can show they were not vacuous. */
    static final class Stats {
        long messages;
        long attributes;
        long decodeErrors;
        long families;
    }

    private DecoderProperty() {
    }

    /** Messages of a datagram, then everything inside each. */
    static void parseAll(byte[] data, Stats stats) {
        List<Message> messages;
        try {
            messages = Message.parseAll(ByteBuffer.wrap(data));
        } catch (DecodeException e) {
            stats.decodeErrors++;
            return;
        }
        for (Message m : messages) {
            stats.messages++;
            for (int header : HEADERS) {
                AttributeReader r;
                try {
                    r = m.attributes(header, AttributeNames.NUMBERED);
                } catch (DecodeException e) {
                    stats.decodeErrors++;
                    continue;
                }
                walk(r, 0, stats);
            }
            try {
                GenericNetlink.decodeFamily(m);
                stats.families++;
            } catch (DecodeException e) {
                stats.decodeErrors++;
            }
        }
    }

    /** The bytes as one attribute region, iterated fully and recursively. */
    static void attributes(byte[] data, Stats stats) {
        walk(AttributeReader.of(data, AttributeNames.NUMBERED), 0, stats);
    }

    private static void walk(AttributeReader r, int depth, Stats stats) {
        while (true) {
            try {
                if (!r.next()) {
                    return;
                }
            } catch (DecodeException e) {
                stats.decodeErrors++;
                return;
            }
            stats.attributes++;
            int length = r.length();
            if (r.type() != (r.typeBits() & 0x3FFF) || r.name() == null || r.bytes().length != length
                    || r.payload().remaining() != length || r.raw().payload().length != length) {
                throw new AssertionError("inconsistent accessors for " + r.name());
            }
            r.string();
            // Getters whose size matches must succeed; one getter whose size does not must throw AttributeSize
            // (one, not all: each exception costs a stack trace, and 20,000 inputs must stay fast).
            List<Getter> fitting = new ArrayList<>();
            List<Getter> misfitting = new ArrayList<>();
            for (Getter g : GETTERS) {
                (g.fits(length) ? fitting : misfitting).add(g);
            }
            for (Getter g : fitting) {
                g.read().accept(r);
            }
            Getter wrong = misfitting.get((int) (stats.attributes % misfitting.size()));
            try {
                wrong.read().accept(r);
                throw new AssertionError(wrong.name() + " accepted a payload of " + length + " bytes");
            } catch (DecodeException.AttributeSize expected) {
                stats.decodeErrors++;
            }
            if (depth < MAX_DEPTH) {
                walk(r.nested(AttributeNames.NUMBERED), depth + 1, stats);
            }
        }
    }
}
