package io.jnetlink.core.codec;

import io.jnetlink.core.error.DecodeException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.jnetlink.core.testing.Bytes.hex;
import static io.jnetlink.oracles.HexDiff.assertBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding attributes: sizes checked per getter, errors naming the attribute, bounds of every region. */
class AttributeReaderTest {

    // A made-up attribute space, named through AttributeNames.fromConstants like the real codecs do.
    private static final int TEST_UNSPEC = 0;
    private static final int TEST_MTU = 4;
    private static final int TEST_NAME = 3;
    private static final int TEST_ADDRESS = 1;
    private static final int TEST_LINKINFO = 18;
    private static final int TEST_FLAG = 7;
    private static final int NOT_TEST_OTHER = 9;
    private static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "TEST_");
    private static final AttributeNames INNER = AttributeNames.fromConstants(MethodHandles.lookup(), "INNER_");
    private static final int INNER_KIND = 1;
    private static final int INNER_DATA = 2;

    private static AttributeReader single(Consumer<MessageWriter> body) {
        MessageWriter w = new MessageWriter();
        body.accept(w);
        AttributeReader r = AttributeReader.of(w.toByteArray(), NAMES);
        assertTrue(r.next(), "one attribute expected");
        return r;
    }

    @Nested
    class Names {

        @Test
        void fromConstantsNamesByValueWithPrefixFallback() {
            assertEquals("TEST_MTU", NAMES.name(TEST_MTU));
            assertEquals("TEST_NAME", NAMES.name(TEST_NAME));
            assertEquals("TEST_UNSPEC", NAMES.name(TEST_UNSPEC));
            assertEquals("TEST_99", NAMES.name(99), "unknown types keep their number");
            assertEquals("TEST_9", NAMES.name(NOT_TEST_OTHER), "fields without the prefix are not names");
            assertEquals("attribute 5", AttributeNames.NUMBERED.name(5));
        }

        @Test
        void readerNamesTheCurrentAttribute() {
            AttributeReader r = single(w -> w.u32(TEST_MTU, 1500));
            assertEquals("TEST_MTU", r.name());
            assertEquals(TEST_MTU, r.type());
        }
    }

    @Nested
    class Getters {

        @Test
        void valuesInHostAndNetworkOrder() {
            assertEquals(0xAB, single(w -> w.u8(1, 0xAB)).u8());
            assertEquals(0xFEDC, single(w -> w.u16(1, 0xFEDC)).u16());
            assertEquals(0xFEDC, single(w -> w.u16be(1, 0xFEDC)).u16be());
            assertEquals(0xDCFE, single(w -> w.u16be(1, 0xFEDC)).u16(), "be bytes read as host order swap");
            assertEquals(0xF1020304, single(w -> w.u32(1, 0xF1020304)).u32());
            assertEquals(0xF1020304, single(w -> w.u32be(1, 0xF1020304)).u32be());
            assertEquals(-7, single(w -> w.s32(1, -7)).s32());
            assertEquals(0xF102030405060708L, single(w -> w.u64(1, 0xF102030405060708L)).u64());
            assertEquals(0xF102030405060708L, single(w -> w.u64be(1, 0xF102030405060708L)).u64be());
            assertTrue(single(w -> w.flag(TEST_FLAG)).flag());
            assertArrayEquals(new byte[]{1, 2, 3, 4, 5, 6}, single(w -> w.bytes(1, new byte[]{1, 2, 3, 4, 5, 6})).bytes(6));
        }

        @Test
        void unsignedAcceptsEachKernelIntegerSize() {
            assertEquals(0xFFL, single(w -> w.u8(1, 0xFF)).unsigned());
            assertEquals(0xFFFFL, single(w -> w.u16(1, 0xFFFF)).unsigned());
            assertEquals(0xFFFFFFFFL, single(w -> w.u32(1, -1)).unsigned());
            assertEquals(-1L, single(w -> w.u64(1, -1L)).unsigned());
            DecodeException.AttributeSize e = assertThrows(DecodeException.AttributeSize.class,
                    () -> single(w -> w.bytes(TEST_MTU, new byte[3])).unsigned());
            assertEquals("TEST_MTU", e.attribute());
            assertEquals(3, e.actual());
            assertTrue(e.getMessage().contains("1, 2, 4 or 8 bytes"), e.getMessage());
        }

        @Test
        void wrongSizeNamesAttributeExpectedAndActual() {
            AttributeReader r = single(w -> w.u16(TEST_MTU, 1500));
            DecodeException.AttributeSize e = assertThrows(DecodeException.AttributeSize.class, r::u32);
            assertEquals("TEST_MTU", e.attribute());
            assertEquals(4, e.expected());
            assertEquals(2, e.actual());
            assertEquals("TEST_MTU: expected u32, got 2 bytes", e.getMessage());
        }

        @Test
        void everyFixedSizeGetterChecksItsSize() {
            AttributeReader r = single(w -> w.bytes(TEST_ADDRESS, new byte[]{1, 2, 3}));
            assertSize(1, 3, r::u8);
            assertSize(2, 3, r::u16);
            assertSize(2, 3, r::u16be);
            assertSize(4, 3, r::u32);
            assertSize(4, 3, r::u32be);
            assertSize(4, 3, r::s32);
            assertSize(8, 3, r::u64);
            assertSize(8, 3, r::u64be);
            assertSize(0, 3, r::flag);
            assertSize(6, 3, () -> r.bytes(6));
            assertSize(16, 3, () -> r.struct(16, "struct foo"));
            // The unchecked accessors still work after a failed getter.
            assertArrayEquals(new byte[]{1, 2, 3}, r.bytes());
            assertEquals(3, r.length());
        }

        private void assertSize(int expected, int actual, Runnable getter) {
            DecodeException.AttributeSize e = assertThrows(DecodeException.AttributeSize.class, getter::run);
            assertEquals("TEST_ADDRESS", e.attribute());
            assertEquals(expected, e.expected());
            assertEquals(actual, e.actual());
            assertTrue(e.getMessage().startsWith("TEST_ADDRESS: expected "), e.getMessage());
        }

        @Test
        void structAllowsLongerPayloadsAndIsReadOnlyLittleEndian() {
            AttributeReader r = single(w -> w.bytes(1, hex("01000000 02000000 ff")));
            ByteBuffer s = r.struct(8, "struct pair");
            assertEquals(ByteOrder.LITTLE_ENDIAN, s.order(),
                    "struct() promises a little-endian view (asReadOnlyBuffer() resets the order to BIG_ENDIAN)");
            assertEquals(1, s.getInt(0));
            assertEquals(2, s.getInt(4));
            assertEquals(9, s.remaining());
            assertThrows(ReadOnlyBufferException.class, () -> s.put(0, (byte) 5));
            DecodeException.AttributeSize e = assertThrows(DecodeException.AttributeSize.class,
                    () -> r.struct(12, "struct triple"));
            assertTrue(e.getMessage().contains("at least 12 bytes (struct triple)"), e.getMessage());
        }

        @Test
        void gettersWithoutCurrentAttributeFailLoudly() {
            AttributeReader r = AttributeReader.of(hex("08000400 dc050000"), NAMES);
            assertThrows(IllegalStateException.class, r::type);
            assertThrows(IllegalStateException.class, r::u32);
            assertTrue(r.next());
            assertEquals(1500, r.u32());
            assertFalse(r.next());
            IllegalStateException e = assertThrows(IllegalStateException.class, r::u32);
            assertTrue(e.getMessage().contains("next()"), e.getMessage());
        }
    }

    @Nested
    class Strings {

        @Test
        void withNul() {
            assertEquals("eth0", single(w -> w.string(TEST_NAME, "eth0")).string());
        }

        @Test
        void withoutNul() {
            assertEquals("eth0", single(w -> w.bytes(TEST_NAME, hex("65746830"))).string());
        }

        @Test
        void stopsAtFirstNul() {
            assertEquals("ab", single(w -> w.bytes(TEST_NAME, hex("61 62 00 63 64"))).string());
        }

        @Test
        void emptyPayloadAndLoneNulAreEmpty() {
            assertEquals("", single(w -> w.bytes(TEST_NAME, new byte[0])).string());
            assertEquals("", single(w -> w.string(TEST_NAME, "")).string());
        }

        @Test
        void utf8() {
            assertEquals("gr\u00fc\u00df", single(w -> w.string(TEST_NAME, "gr\u00fc\u00df")).string());
        }
    }

    @Nested
    class Iteration {

        @Test
        void iteratesInOrderSkippingPadding() {
            byte[] region = new MessageWriter()
                    .u8(1, 1).string(TEST_NAME, "x").u16(2, 2).bytes(5, new byte[]{1, 2, 3, 4, 5}).flag(TEST_FLAG).u32(TEST_MTU, 9)
                    .toByteArray();
            List<Integer> types = new ArrayList<>();
            AttributeReader r = AttributeReader.of(region, NAMES);
            while (r.next()) {
                types.add(r.type());
            }
            assertEquals(List.of(1, TEST_NAME, 2, 5, TEST_FLAG, TEST_MTU), types);
        }

        @Test
        void typeStripsFlagsTypeBitsKeepsThem() {
            AttributeReader r = AttributeReader.of(hex("04000980 | 08000540 | 00000001"), NAMES);
            assertTrue(r.next());
            assertEquals(9, r.type());
            assertEquals(Nl.NLA_F_NESTED | 9, r.typeBits());
            assertTrue(r.next());
            assertEquals(5, r.type());
            assertEquals(Nl.NLA_F_NET_BYTEORDER | 5, r.typeBits());
            assertEquals(1, r.u32be());
        }

        @Test
        void lastAttributeMayOmitItsPadding() {
            // The kernel's nla_ok accepts an unpadded last attribute; so must we.
            AttributeReader r = AttributeReader.of(hex("05000100 | 2a"), NAMES);
            assertTrue(r.next());
            assertEquals(42, r.u8());
            assertFalse(r.next());
        }

        @Test
        void trailingBytesShorterThanAHeaderAreIgnored() {
            AttributeReader r = AttributeReader.of(hex("05000100 | 2a000000 | 0000"), NAMES);
            assertTrue(r.next());
            assertFalse(r.next());
            assertFalse(r.next(), "next() stays false");
        }

        @Test
        void lengthPastTheEndIsTruncatedNamingTheAttribute() {
            AttributeReader r = AttributeReader.of(hex("08000400 | dc050000 | 0c000300 | 65746830"), NAMES);
            assertTrue(r.next());
            DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class, r::next);
            assertEquals("TEST_NAME (length 12): needs 12 bytes, only 8 available", e.getMessage());
        }

        @Test
        void lengthShorterThanAHeaderIsTruncated() {
            for (String bad : List.of("00000400 00000000", "03000400 00000000")) {
                AttributeReader r = AttributeReader.of(hex(bad), NAMES);
                DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class, r::next, bad);
                assertTrue(e.getMessage().startsWith("TEST_MTU (length "), e.getMessage());
            }
        }

        @Test
        void offsetPastTheBufferIsTruncated() {
            ByteBuffer b = ByteBuffer.wrap(new byte[8]);
            DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class,
                    () -> AttributeReader.of(b, 12, NAMES));
            assertEquals("family header: needs 12 bytes, only 8 available", e.getMessage());
        }

        @Test
        void readsFromAnOffsetToTheLimit() {
            ByteBuffer b = ByteBuffer.wrap(hex("deadbeef | 08000400 | dc050000 | 08000400 | 01000000"));
            b.limit(12);
            AttributeReader r = AttributeReader.of(b, 4, NAMES);
            assertTrue(r.next());
            assertEquals(1500, r.u32());
            assertFalse(r.next(), "the limit ends the region");
        }

        @Test
        void unknownAttributesRoundTripThroughRaw() {
            byte[] region = hex("""
                    08000400 | dc050000
                    07006300 | 0a0b0c00
                    10000980 | 05000100 | 01000000 | 04000200
                    05000540 | 7f000000
                    """);
            AttributeReader r = AttributeReader.of(region, NAMES);
            MessageWriter w = new MessageWriter();
            List<RawAttribute> unknown = new ArrayList<>();
            while (r.next()) {
                if (r.type() == TEST_MTU) {
                    w.u32(TEST_MTU, r.u32());
                } else {
                    RawAttribute raw = r.raw();
                    unknown.add(raw);
                    w.raw(raw);
                }
            }
            assertEquals(3, unknown.size());
            assertEquals(new RawAttribute(0x63, hex("0a0b0c")), unknown.get(0));
            assertTrue(unknown.get(1).nested());
            assertEquals(Nl.NLA_F_NET_BYTEORDER | 5, unknown.get(2).typeBits());
            assertBytes(region, w.toByteArray());
        }
    }

    @Nested
    class Nests {

        private final byte[] region = new MessageWriter()
                .u32(TEST_MTU, 1500)
                .nested(TEST_LINKINFO, li -> li
                        .string(INNER_KIND, "veth")
                        .nested(INNER_DATA, d -> d.u32(1, 7).u8(2, 1)))
                .string(TEST_NAME, "after")
                .toByteArray();

        @Test
        void nestedReaderCoversOnlyTheNestAndNamesInItsOwnSpace() {
            AttributeReader r = AttributeReader.of(region, NAMES);
            assertTrue(r.next());
            assertTrue(r.next());
            assertEquals(TEST_LINKINFO, r.type());
            AttributeReader li = r.nested(INNER);
            assertTrue(li.next());
            assertEquals("INNER_KIND", li.name());
            assertEquals("veth", li.string());
            assertTrue(li.next());
            assertEquals("INNER_DATA", li.name());
            AttributeReader data = li.nested(AttributeNames.NUMBERED);
            assertTrue(data.next());
            assertEquals(7, data.u32());
            assertTrue(data.next());
            assertEquals(1, data.u8());
            assertFalse(data.next());
            assertFalse(li.next(), "the nest ends before the sibling TEST_NAME");
            // The outer reader is unaffected by the nested ones.
            assertTrue(r.next());
            assertEquals("after", r.string());
            assertFalse(r.next());
        }

        @Test
        void nestedLengthIsCheckedAgainstTheNestNotTheBuffer() {
            // Inner attribute claims 12 bytes; the nest holds 8, though the buffer has more after it.
            byte[] bad = hex("0c000180 | 0c000200 | 01000000 | 08000300 | 01000000");
            AttributeReader r = AttributeReader.of(bad, NAMES);
            assertTrue(r.next());
            AttributeReader inner = r.nested(INNER);
            DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class, inner::next);
            assertTrue(e.getMessage().startsWith("INNER_DATA (length 12)"), e.getMessage());
        }

        @Test
        void emptyNestHasNoAttributes() {
            AttributeReader r = AttributeReader.of(hex("04000180"), NAMES);
            assertTrue(r.next());
            assertFalse(r.nested(INNER).next());
        }

        @Test
        void payloadViewIsReadOnly() {
            AttributeReader r = AttributeReader.of(region, NAMES);
            assertTrue(r.next());
            ByteBuffer p = r.payload();
            assertEquals(ByteOrder.LITTLE_ENDIAN, p.order(),
                    "payload() promises a little-endian view (asReadOnlyBuffer() resets the order to BIG_ENDIAN)");
            assertEquals(1500, p.getInt(0));
            assertThrows(ReadOnlyBufferException.class, () -> p.putInt(0, 1));
        }
    }
}
