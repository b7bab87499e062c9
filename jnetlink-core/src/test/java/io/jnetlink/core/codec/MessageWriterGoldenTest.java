package io.jnetlink.core.codec;

import io.jnetlink.oracles.HexDiff;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.jnetlink.core.testing.Bytes.concat;
import static io.jnetlink.core.testing.Bytes.hex;
import static io.jnetlink.oracles.HexDiff.assertBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MessageWriter against hand-written bytes (linux/netlink.h layout, little-endian host as on x86_64 and
 * aarch64). Each expected array is written one netlink word per group.
 */
class MessageWriterGoldenTest {

    private static byte[] attrs(java.util.function.Consumer<MessageWriter> body) {
        MessageWriter w = new MessageWriter();
        body.accept(w);
        return w.toByteArray();
    }

    @Nested
    class Framing {

        @Test
        void emptyMessageHeaderIsSixteenBytesWithLengthPatched() {
            byte[] actual = new MessageWriter().beginMessage(0x10, 0x0301, 7, 0x1234).endMessage().toByteArray();
            assertBytes(hex("10000000 | 1000 0103 | 07000000 | 34120000"), actual);
        }

        @Test
        void lengthIsBackPatchedAfterAttributes() {
            byte[] actual = new MessageWriter()
                    .beginMessage(16, Nl.NLM_F_REQUEST, 1, 0)
                    .zeros(16)
                    .string(3, "lo")
                    .nested(18, li -> li.string(1, "veth"))
                    .endMessage()
                    .toByteArray();
            assertBytes(hex("""
                    38000000 | 1000 0100 | 01000000 | 00000000
                    00000000 | 00000000 | 00000000 | 00000000
                    07000300 | 6c6f0000
                    10001280 | 09000100 | 76657468 | 00000000
                    """), actual);
        }

        @Test
        void oddFamilyHeaderIsCountedInLengthButPaddedBeforeNextMessage() {
            MessageWriter w = new MessageWriter()
                    .beginMessage(20, 5, 1, 0)
                    .put8(2).put8(24).put8(0).put8(0).put8(9)
                    .endMessage();
            assertEquals(24, w.size(), "the message is padded to a 4-byte boundary");
            w.beginMessage(21, 5, 2, 0).put32(0xCAFEBABE).endMessage();
            assertBytes(hex("""
                    15000000 | 1400 0500 | 01000000 | 00000000
                    02180000 | 09000000
                    14000000 | 1500 0500 | 02000000 | 00000000
                    bebafeca
                    """), w.toByteArray());
        }

        @Test
        void beginTwiceOrEndWithoutBeginIsRefused() {
            MessageWriter w = new MessageWriter().beginMessage(16, 0, 1, 0);
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> w.beginMessage(16, 0, 2, 0));
            assertTrue(twice.getMessage().contains("already open"), twice.getMessage());
            IllegalStateException none = assertThrows(IllegalStateException.class,
                    () -> new MessageWriter().endMessage());
            assertTrue(none.getMessage().contains("no message open"), none.getMessage());
        }

        @Test
        void truncateUndoesAPartlyWrittenMessage() {
            MessageWriter w = new MessageWriter().beginMessage(16, 0, 1, 0).u32(1, 1).endMessage();
            int mark = w.size();
            w.beginMessage(17, 0, 2, 0).u32(2, 2);
            w.truncate(mark);
            w.beginMessage(18, 0, 3, 0).endMessage();
            assertBytes(hex("""
                    18000000 | 1000 0000 | 01000000 | 00000000
                    08000100 | 01000000
                    10000000 | 1200 0000 | 03000000 | 00000000
                    """), w.toByteArray());
            assertThrows(IllegalArgumentException.class, () -> w.truncate(w.size() + 1));
        }

        @Test
        void resetKeepsNothing() {
            MessageWriter w = new MessageWriter().beginMessage(16, 0, 1, 0);
            w.reset();
            assertEquals(0, w.size());
            assertBytes(hex("10000000 | 1100 0000 | 05000000 | 00000000"),
                    w.beginMessage(17, 0, 5, 0).endMessage().toByteArray());
        }

        @Test
        void bufferGrowsFromTheSmallestCapacityWithoutLosingBytes() {
            MessageWriter w = new MessageWriter(1);
            byte[] expected = new byte[8 * 5000];
            for (int i = 0; i < 5000; i++) {
                w.u32(i & 0x3FFF, i);
                byte[] one = {8, 0, (byte) (i & 0xFF), (byte) ((i >> 8) & 0x3F),
                        (byte) i, (byte) (i >>> 8), (byte) (i >>> 16), (byte) (i >>> 24)};
                System.arraycopy(one, 0, expected, 8 * i, 8);
            }
            assertBytes(expected, w.toByteArray());
            assertTrue(w.array().length >= w.size());
        }
    }

    @Nested
    class FixedFields {

        @Test
        void hostAndNetworkOrderFields() {
            byte[] actual = new MessageWriter()
                    .put8(0x1FF)
                    .put8(0x02).put16(0x0304)
                    .put16be(0x0304).put16(0xFFFF)
                    .put32(0x01020304)
                    .put32be(0x01020304)
                    .put64(0x0102030405060708L)
                    .put64be(0x0102030405060708L)
                    .zeros(3)
                    .putBytes(new byte[]{9})
                    .toByteArray();
            assertBytes(hex("""
                    ff020403 | 0304ffff
                    04030201 | 01020304
                    08070605 | 04030201
                    01020304 | 05060708
                    00000009
                    """), actual);
        }
    }

    @Nested
    class Attributes {

        @Test
        void unsignedIntegersInHostOrder() {
            assertBytes(hex("05000100 | ab000000"), attrs(w -> w.u8(1, 0xAB)));
            assertBytes(hex("06000200 | 34120000"), attrs(w -> w.u16(2, 0x1234)));
            assertBytes(hex("08000300 | 04030201"), attrs(w -> w.u32(3, 0x01020304)));
            assertBytes(hex("0c000400 | 08070605 | 04030201"), attrs(w -> w.u64(4, 0x0102030405060708L)));
            assertBytes(hex("08000500 | feffffff"), attrs(w -> w.s32(5, -2)));
        }

        @Test
        void bigEndianVariantsDifferOnlyInPayloadOrder() {
            assertBytes(hex("06000200 | 12340000"), attrs(w -> w.u16be(2, 0x1234)));
            assertBytes(hex("08000300 | 01020304"), attrs(w -> w.u32be(3, 0x01020304)));
            assertBytes(hex("0c000400 | 01020304 | 05060708"), attrs(w -> w.u64be(4, 0x0102030405060708L)));
        }

        @Test
        void stringsAreNulTerminatedAndPadded() {
            assertAttr(hex("08000300 | 61626300"), attrs(w -> w.string(3, "abc")), "3 chars + NUL: no padding");
            assertAttr(hex("09000300 | 65746830 | 00000000"), attrs(w -> w.string(3, "eth0")), "len counts NUL, not padding");
            assertAttr(hex("05000300 | 00000000"), attrs(w -> w.string(3, "")), "empty string is one NUL");
            assertAttr(hex("07000300 | c3a90000"), attrs(w -> w.string(3, "\u00e9")), "UTF-8, length in bytes");
        }

        @Test
        void oddLengthBytesArePaddedWithZerosAndNextAttributeIsAligned() {
            byte[] actual = attrs(w -> w.bytes(6, new byte[]{1, 2, 3}).u8(7, 0xEE).bytes(8, new byte[0]));
            assertBytes(hex("07000600 | 01020300 | 05000700 | ee000000 | 04000800"), actual);
        }

        @Test
        void flagIsAHeaderOnly() {
            assertBytes(hex("04000700 | 05000100 | 01000000"), attrs(w -> w.flag(7).u8(1, 1)));
        }

        @Test
        void attributeTypeBitsAreWrittenAsGiven() {
            // An explicit NLA_F_NET_BYTEORDER in the type stays; the writer does not add or strip flags.
            assertBytes(hex("08000140 | 00000001"), attrs(w -> w.u32be(Nl.NLA_F_NET_BYTEORDER | 1, 1)));
        }

        private static void assertAttr(byte[] expected, byte[] actual, String what) {
            HexDiff.assertBytes(what, expected, actual);
        }
    }

    @Nested
    class Nests {

        @Test
        void nestedSetsFlagAndBackPatchesLength() {
            assertBytes(hex("0c000180 | 08000200 | 07000000"), attrs(w -> w.nested(1, n -> n.u32(2, 7))));
        }

        @Test
        void emptyNestIsJustItsHeader() {
            assertBytes(hex("04000180"), attrs(w -> w.nested(1, n -> {
            })));
        }

        @Test
        void nestsInsideNestsPatchEachLevel() {
            byte[] actual = attrs(w -> w
                    .nested(1, a -> a
                            .u8(2, 0xAA)
                            .nested(3, b -> b.string(4, "x")))
                    .u16(5, 1));
            assertBytes(hex("""
                    18000180 | 05000200 | aa000000
                    0c000380 | 06000400 | 78000000
                    06000500 | 01000000
                    """), actual);
        }

        @Test
        void threeLevelsWithOddPayloadAtTheBottom() {
            byte[] actual = attrs(w -> w.nested(1, a -> a.nested(2, b -> b.nested(3, c -> c.bytes(4, new byte[]{7})))));
            assertBytes(hex("14000180 | 10000280 | 0c000380 | 05000400 | 07000000"), actual);
        }

        @Test
        void nestedWithoutFlagLeavesTypeBare() {
            assertBytes(hex("0c000100 | 08000200 | 07000000"),
                    attrs(w -> w.nestedWithoutFlag(1, n -> n.u32(2, 7))));
        }
    }

    @Nested
    class RawAttributes {

        /** An attribute region of types the reader does not model: flags, odd lengths, nests, empty. */
        private final byte[] region = hex("""
                07000540 | 01020300
                0c000980 | 05000100 | ff000000
                04000900
                09000a00 | 68656c6c | 6f000000
                """);

        @Test
        void decodedRawAttributesReEncodeByteIdentically() {
            List<RawAttribute> raws = new ArrayList<>();
            AttributeReader r = AttributeReader.of(region, AttributeNames.NUMBERED);
            while (r.next()) {
                raws.add(r.raw());
            }
            assertEquals(4, raws.size());
            assertEquals(Nl.NLA_F_NET_BYTEORDER | 5, raws.get(0).typeBits());
            assertTrue(raws.get(1).nested());
            assertEquals(9, raws.get(1).type());

            MessageWriter w = new MessageWriter();
            raws.forEach(w::raw);
            assertBytes(region, w.toByteArray());
        }

        @Test
        void rawInsideAMessageKeepsTheMessageLengthRight() {
            RawAttribute nested = new RawAttribute(Nl.NLA_F_NESTED | 3, hex("05000100 | 2a000000"));
            byte[] actual = new MessageWriter().beginMessage(16, 0, 1, 2).raw(nested).endMessage().toByteArray();
            assertBytes(hex("1c000000 | 1000 0000 | 01000000 | 02000000 | 0c000380 | 05000100 | 2a000000"), actual);
        }

        @Test
        void rawAttributeIsAValueWithDefensiveCopies() {
            byte[] payload = {1, 2, 3};
            RawAttribute a = new RawAttribute(7, payload);
            payload[0] = 9;
            a.payload()[1] = 9;
            assertEquals(new RawAttribute(7, new byte[]{1, 2, 3}), a);
            assertEquals(new RawAttribute(7, new byte[]{1, 2, 3}).hashCode(), a.hashCode());
            assertTrue(a.toString().contains("010203"), a.toString());
        }
    }

    @Nested
    class Limits {

        @Test
        void largestAttributeFits() {
            byte[] out = attrs(w -> w.bytes(1, new byte[0xFFFF - Nl.NLA_HDRLEN]));
            assertBytes(hex("ffff0100"), Arrays.copyOf(out, 4));
            assertEquals(Nl.align(0xFFFF), out.length);
        }

        @Test
        void attributeOverLimitIsRejectedNamingTypeAndSize() {
            MessageWriter w = new MessageWriter();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.bytes(Nl.NLA_F_NESTED | 6, new byte[0xFFFF - Nl.NLA_HDRLEN + 1]));
            assertEquals("attribute type 6: payload of 65532 bytes exceeds the 65535-byte attribute limit", e.getMessage());
            assertEquals(0, w.size(), "nothing was written for the rejected attribute");
        }

        @Test
        void longStringCountsItsNul() {
            String s = "a".repeat(0xFFFF - Nl.NLA_HDRLEN);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MessageWriter().string(3, s));
            assertTrue(e.getMessage().contains("65532 bytes"), e.getMessage());
        }

        @Test
        void rawOverLimitIsRejected() {
            RawAttribute big = new RawAttribute(2, new byte[70_000]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MessageWriter().raw(big));
            assertTrue(e.getMessage().contains("attribute type 2") && e.getMessage().contains("70000"), e.getMessage());
        }

        @Test
        void nestOverLimitIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MessageWriter()
                    .nested(1, n -> n.bytes(2, new byte[40_000]).bytes(3, new byte[40_000])));
            assertEquals("nested attribute of 80012 bytes exceeds the 65535-byte limit", e.getMessage());
        }
    }

    @Test
    void stringBytesAreUtf8() {
        byte[] out = attrs(w -> w.string(1, "\u00fcber"));
        byte[] utf8 = "\u00fcber".getBytes(StandardCharsets.UTF_8);
        assertBytes(concat(hex("0a000100"), utf8, hex("00 0000")), out);
    }
}
