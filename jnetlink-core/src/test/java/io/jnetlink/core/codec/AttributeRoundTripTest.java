package io.jnetlink.core.codec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.jnetlink.oracles.HexDiff.assertBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** decode(encode(x)) == x for seeded random attribute trees and typed values, and re-encoding is byte-identical. */
class AttributeRoundTripTest {

    private sealed interface Node permits Leaf, Nest {
    }

    private record Leaf(RawAttribute attribute) implements Node {
    }

    private record Nest(int type, List<Node> children) implements Node {
    }

    private static List<Node> randomTree(Random rnd, int depth) {
        List<Node> nodes = new ArrayList<>();
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (depth < 4 && rnd.nextInt(3) == 0) {
                nodes.add(new Nest(rnd.nextInt(Nl.NLA_TYPE_MASK + 1), randomTree(rnd, depth + 1)));
            } else {
                byte[] payload = new byte[rnd.nextInt(41)];
                rnd.nextBytes(payload);
                // Any type bits but NLA_F_NESTED, which would make a leaf indistinguishable from a nest.
                int typeBits = rnd.nextInt(Nl.NLA_F_NESTED);
                nodes.add(new Leaf(new RawAttribute(typeBits, payload)));
            }
        }
        return nodes;
    }

    private static void encode(MessageWriter w, List<Node> nodes) {
        for (Node node : nodes) {
            switch (node) {
                case Leaf l -> w.raw(l.attribute());
                case Nest n -> w.nested(n.type(), inner -> encode(inner, n.children()));
            }
        }
    }

    private static List<Node> decode(AttributeReader r) {
        List<Node> nodes = new ArrayList<>();
        while (r.next()) {
            if ((r.typeBits() & Nl.NLA_F_NESTED) != 0) {
                nodes.add(new Nest(r.type(), decode(r.nested(AttributeNames.NUMBERED))));
            } else {
                nodes.add(new Leaf(r.raw()));
            }
        }
        return nodes;
    }

    @Test
    void randomTreesRoundTrip() {
        Random rnd = new Random(42);
        int nonEmpty = 0;
        for (int i = 0; i < 2_000; i++) {
            List<Node> tree = randomTree(rnd, 0);
            MessageWriter w = new MessageWriter();
            encode(w, tree);
            byte[] bytes = w.toByteArray();
            assertEquals(0, bytes.length % 4, "attributes end aligned");
            List<Node> decoded = decode(AttributeReader.of(bytes, AttributeNames.NUMBERED));
            assertEquals(tree, decoded, "tree #" + i);
            MessageWriter again = new MessageWriter();
            encode(again, decoded);
            assertBytes("tree #" + i, bytes, again.toByteArray());
            nonEmpty += tree.isEmpty() ? 0 : 1;
        }
        assertTrue(nonEmpty > 1_000, "most trees had attributes: " + nonEmpty);
    }

    @Test
    void typedValuesRoundTrip() {
        Random rnd = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            int u8 = rnd.nextInt(256);
            int u16 = rnd.nextInt(0x10000);
            int u32 = rnd.nextInt();
            long u64 = rnd.nextLong();
            String s = randomString(rnd);
            byte[] raw = new byte[rnd.nextInt(20)];
            rnd.nextBytes(raw);
            byte[] bytes = new MessageWriter()
                    .u8(1, u8).u16(2, u16).u16be(3, u16).u32(4, u32).u32be(5, u32).s32(6, u32)
                    .u64(7, u64).u64be(8, u64).string(9, s).bytes(10, raw).flag(11)
                    .nested(12, n -> n.u32(1, u32).string(2, s))
                    .toByteArray();
            AttributeReader r = AttributeReader.of(bytes, AttributeNames.NUMBERED);
            r.next();
            assertEquals(u8, r.u8());
            r.next();
            assertEquals(u16, r.u16());
            r.next();
            assertEquals(u16, r.u16be());
            r.next();
            assertEquals(u32, r.u32());
            r.next();
            assertEquals(u32, r.u32be());
            r.next();
            assertEquals(u32, r.s32());
            r.next();
            assertEquals(u64, r.u64());
            r.next();
            assertEquals(u64, r.u64be());
            r.next();
            assertEquals(s, r.string());
            r.next();
            assertArrayEquals(raw, r.bytes());
            r.next();
            assertTrue(r.flag());
            r.next();
            AttributeReader n = r.nested(AttributeNames.NUMBERED);
            n.next();
            assertEquals(u32, n.u32());
            n.next();
            assertEquals(s, n.string());
            assertFalse(n.next());
            assertFalse(r.next());
        }
    }

    private static String randomString(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(16);
        for (int i = 0; i < n; i++) {
            // Printable ASCII and some non-ASCII code points; never NUL, which ends a netlink string.
            sb.appendCodePoint(rnd.nextBoolean() ? 0x20 + rnd.nextInt(0x5F) : 0xA0 + rnd.nextInt(0x2000));
        }
        return sb.toString();
    }
}
