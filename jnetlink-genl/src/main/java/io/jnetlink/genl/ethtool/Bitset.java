package io.jnetlink.genl.ethtool;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.genl.ethtool.EthtoolCodec.BitsetAttr;
import io.jnetlink.genl.ethtool.EthtoolCodec.BitsetBit;
import io.jnetlink.genl.ethtool.EthtoolCodec.BitsetBits;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * An ethtool bitset as decoded from an ETHTOOL_A_BITSET_* nest (Documentation/networking/ethtool-netlink.rst,
 * "Bit sets"). Two encodings reach it:
 * <ul>
 *   <li>compact: ETHTOOL_A_BITSET_SIZE, ETHTOOL_A_BITSET_VALUE and (unless NOMASK) ETHTOOL_A_BITSET_MASK, each an
 *       array of host-order u32 words, bit i in word i / 32;</li>
 *   <li>verbose: ETHTOOL_A_BITSET_SIZE and ETHTOOL_A_BITSET_BITS, a list of bits with index and name. With NOMASK
 *       the listed bits are the ones set; without it they are the mask, and ETHTOOL_A_BITSET_BIT_VALUE marks the
 *       set ones.</li>
 * </ul>
 * A bitset with ETHTOOL_A_BITSET_NOMASK has every bit below {@code size} in its mask.
 *
 * @param size  number of bits (ETHTOOL_A_BITSET_SIZE)
 * @param value the set bits
 * @param mask  the bits the set speaks about
 * @param names names a verbose bitset gave its bits (empty for a compact one)
 */
record Bitset(int size, BitSet value, BitSet mask, Map<Integer, String> names) {

    /** Bits per word of a compact bitset. */
    private static final int WORD_BITS = 32;

    /**
     * The largest size accepted. ethtool's bitsets are far smaller (64 feature bits, about 120 link modes); the
     * bound keeps a corrupt ETHTOOL_A_BITSET_SIZE from making the decoder allocate gigabytes.
     */
    static final int MAX_BITS = 1 << 16;

    boolean isSet(int index) {
        return value.get(index);
    }

    /**
     * Decodes the bitset nest the reader is on. Verbose bits that carry only a name are placed by {@code names}.
     *
     * @throws DecodeException when a size, word array or bit is malformed or outside the set
     */
    static Bitset decode(AttributeReader attribute, FeatureNames names) {
        String what = attribute.name();
        AttributeReader a = attribute.nested(BitsetAttr.NAMES);
        boolean nomask = false;
        Integer sizeAttribute = null;
        byte[] valueWords = null;
        byte[] maskWords = null;
        AttributeReader bits = null;
        while (a.next()) {
            switch (a.type()) {
                case BitsetAttr.ETHTOOL_A_BITSET_NOMASK -> nomask = a.flag();
                case BitsetAttr.ETHTOOL_A_BITSET_SIZE -> sizeAttribute = a.u32();
                case BitsetAttr.ETHTOOL_A_BITSET_VALUE -> valueWords = a.bytes();
                case BitsetAttr.ETHTOOL_A_BITSET_MASK -> maskWords = a.bytes();
                case BitsetAttr.ETHTOOL_A_BITSET_BITS -> bits = a.nested(BitsetBits.NAMES);
                default -> {
                }
            }
        }
        if (sizeAttribute == null) {
            throw new DecodeException(what + ": bitset without ETHTOOL_A_BITSET_SIZE");
        }
        int size = sizeAttribute;
        if (size < 0 || size > MAX_BITS) {
            throw new DecodeException(what + ": ETHTOOL_A_BITSET_SIZE " + Integer.toUnsignedString(size)
                    + " exceeds " + MAX_BITS + " bits");
        }
        BitSet value = new BitSet(size);
        BitSet mask = new BitSet(size);
        Map<Integer, String> bitNames = new HashMap<>();
        if (valueWords != null) {
            value = words(what + " ETHTOOL_A_BITSET_VALUE", valueWords, size);
            if (nomask) {
                mask.set(0, size);
            } else if (maskWords != null) {
                mask = words(what + " ETHTOOL_A_BITSET_MASK", maskWords, size);
            } else {
                throw new DecodeException(what + ": compact bitset without ETHTOOL_A_BITSET_MASK or NOMASK");
            }
        } else {
            if (nomask) {
                mask.set(0, size);
            }
            if (bits != null) {
                while (bits.next()) {
                    if (bits.type() != BitsetBits.ETHTOOL_A_BITSET_BITS_BIT) {
                        continue;
                    }
                    decodeBit(what, bits.nested(BitsetBit.NAMES), size, nomask, names, value, mask, bitNames);
                }
            }
        }
        return new Bitset(size, value, mask, Map.copyOf(bitNames));
    }

    private static void decodeBit(String what, AttributeReader bit, int size, boolean nomask, FeatureNames names,
                                  BitSet value, BitSet mask, Map<Integer, String> bitNames) {
        int index = -1;
        String name = null;
        boolean on = false;
        while (bit.next()) {
            switch (bit.type()) {
                case BitsetBit.ETHTOOL_A_BITSET_BIT_INDEX -> index = bit.u32();
                case BitsetBit.ETHTOOL_A_BITSET_BIT_NAME -> name = bit.string();
                case BitsetBit.ETHTOOL_A_BITSET_BIT_VALUE -> on = bit.flag();
                default -> {
                }
            }
        }
        if (index < 0 && name != null) {
            String bitName = name;
            index = names.indexOf(name).orElseThrow(() ->
                    new DecodeException(what + ": bit '" + bitName + "' is not in the string set"));
        }
        if (index < 0) {
            throw new DecodeException(what + ": bit without ETHTOOL_A_BITSET_BIT_INDEX or ETHTOOL_A_BITSET_BIT_NAME");
        }
        if (index >= size) {
            throw new DecodeException(what + ": bit " + bitNameOrIndex(name, index) + " is outside the bitset of "
                    + size + " bits");
        }
        if (name != null) {
            bitNames.put(index, name);
        }
        if (nomask) {
            value.set(index); // with NOMASK, the listed bits are exactly the set ones
        } else {
            mask.set(index);
            value.set(index, on);
        }
    }

    private static String bitNameOrIndex(String name, int index) {
        return name != null ? index + " (" + name + ")" : String.valueOf(index);
    }

    /** A compact word array, which must hold exactly ceil(size / 32) host-order u32 words. */
    private static BitSet words(String what, byte[] bytes, int size) {
        int words = (size + WORD_BITS - 1) / WORD_BITS;
        if (bytes.length != words * Integer.BYTES) {
            throw new DecodeException.AttributeSize(what, words + " u32 words for " + size + " bits",
                    words * Integer.BYTES, bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        BitSet out = new BitSet(size);
        for (int w = 0; w < words; w++) {
            int word = b.getInt(w * Integer.BYTES);
            for (int bit = 0; bit < WORD_BITS && w * WORD_BITS + bit < size; bit++) {
                if ((word & (1 << bit)) != 0) {
                    out.set(w * WORD_BITS + bit);
                }
            }
        }
        return out;
    }
}
