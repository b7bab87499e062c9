package io.jnetlink.genl.ethtool;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.genl.GenericNetlink;

import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Encodes ethtool netlink requests (ETHTOOL_MSG_STRSET_GET, ETHTOOL_MSG_FEATURES_GET, ETHTOOL_MSG_FEATURES_SET)
 * and decodes their replies. Requests are byte for byte what ethtool 6.1 sends for the same command (apart
 * from attribute padding, which ethtool leaves uninitialised and jnetlink zeroes), including the
 * ETHTOOL_FLAG_COMPACT_BITSETS flag; the decoders accept compact and verbose bitsets alike.
 *
 * <p>Every request takes the id of the {@code ethtool} generic netlink family, as resolved by
 * {@code GenericNetlink.resolve(socket, "ethtool")}; {@link Ethtool} resolves it once.
 */
public final class EthtoolCodec {

    private EthtoolCodec() {
    }

    // ---- linux/ethtool_netlink.h: family, message types and request header flags

    /** ETHTOOL_GENL_NAME. */
    public static final String FAMILY_NAME = "ethtool";
    /** ETHTOOL_GENL_VERSION, sent in every genlmsghdr. */
    static final int ETHTOOL_GENL_VERSION = 1;

    // message types, userspace to kernel (genlmsghdr.cmd)
    static final int ETHTOOL_MSG_STRSET_GET = 1;
    static final int ETHTOOL_MSG_FEATURES_GET = 11;
    static final int ETHTOOL_MSG_FEATURES_SET = 12;

    // message types, kernel to userspace
    static final int ETHTOOL_MSG_STRSET_GET_REPLY = 1;
    static final int ETHTOOL_MSG_FEATURES_GET_REPLY = 11;
    static final int ETHTOOL_MSG_FEATURES_SET_REPLY = 12;
    static final int ETHTOOL_MSG_FEATURES_NTF = 13;

    /** ETHTOOL_FLAG_COMPACT_BITSETS: replies carry bitsets as value/mask arrays instead of named bits. */
    static final int ETHTOOL_FLAG_COMPACT_BITSETS = 1;

    // ---- linux/ethtool.h

    /** ETH_SS_FEATURES: the string set naming the netdev feature bits. */
    static final int ETH_SS_FEATURES = 4;

    /** ALTIFNAMSIZ (linux/if.h): ETHTOOL_A_HEADER_DEV_NAME may be an alternative name of up to 127 bytes. */
    static final int ALTIFNAMSIZ = 128;

    /** enum ETHTOOL_A_HEADER_*: the request/reply header nest. */
    static final class Header {
        private Header() {
        }

        static final int ETHTOOL_A_HEADER_DEV_INDEX = 1;
        static final int ETHTOOL_A_HEADER_DEV_NAME = 2;
        static final int ETHTOOL_A_HEADER_FLAGS = 3;

        static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "ETHTOOL_A_HEADER_");
    }

    /** enum ETHTOOL_A_STRSET_*: top level of STRSET_GET and its reply. */
    static final class Strset {
        private Strset() {
        }

        static final int ETHTOOL_A_STRSET_HEADER = 1;
        static final int ETHTOOL_A_STRSET_STRINGSETS = 2;
        static final int ETHTOOL_A_STRSET_COUNTS_ONLY = 3;

        static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "ETHTOOL_A_STRSET_");
    }

    /** enum ETHTOOL_A_STRINGSETS_*: the list of string sets. */
    static final class Stringsets {
        private Stringsets() {
        }

        static final int ETHTOOL_A_STRINGSETS_STRINGSET = 1;

        static final AttributeNames NAMES =
                AttributeNames.fromConstants(MethodHandles.lookup(), "ETHTOOL_A_STRINGSETS_");
    }

    /** enum ETHTOOL_A_STRINGSET_*: one string set. */
    static final class Stringset {
        private Stringset() {
        }

        static final int ETHTOOL_A_STRINGSET_ID = 1;
        static final int ETHTOOL_A_STRINGSET_COUNT = 2;
        static final int ETHTOOL_A_STRINGSET_STRINGS = 3;

        static final AttributeNames NAMES =
                AttributeNames.fromConstants(MethodHandles.lookup(), "ETHTOOL_A_STRINGSET_");
    }

    /** enum ETHTOOL_A_STRINGS_*: the strings of a set. */
    static final class Strings {
        private Strings() {
        }

        static final int ETHTOOL_A_STRINGS_STRING = 1;

        static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "ETHTOOL_A_STRINGS_");
    }

    /** enum ETHTOOL_A_STRING_*: one string. */
    static final class StringEntry {
        private StringEntry() {
        }

        static final int ETHTOOL_A_STRING_INDEX = 1;
        static final int ETHTOOL_A_STRING_VALUE = 2;

        static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "ETHTOOL_A_STRING_");
    }

    /** enum ETHTOOL_A_FEATURES_*: FEATURES_GET, FEATURES_SET and their replies. */
    static final class FeaturesAttr {
        private FeaturesAttr() {
        }

        static final int ETHTOOL_A_FEATURES_HEADER = 1;
        static final int ETHTOOL_A_FEATURES_HW = 2;
        static final int ETHTOOL_A_FEATURES_WANTED = 3;
        static final int ETHTOOL_A_FEATURES_ACTIVE = 4;
        static final int ETHTOOL_A_FEATURES_NOCHANGE = 5;

        static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "ETHTOOL_A_FEATURES_");
    }

    /** enum ETHTOOL_A_BITSET_*: a bitset, compact (SIZE, VALUE, MASK) or verbose (SIZE, BITS). */
    static final class BitsetAttr {
        private BitsetAttr() {
        }

        static final int ETHTOOL_A_BITSET_NOMASK = 1;
        static final int ETHTOOL_A_BITSET_SIZE = 2;
        static final int ETHTOOL_A_BITSET_BITS = 3;
        static final int ETHTOOL_A_BITSET_VALUE = 4;
        static final int ETHTOOL_A_BITSET_MASK = 5;

        static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "ETHTOOL_A_BITSET_");
    }

    /** enum ETHTOOL_A_BITSET_BITS_*: the list of named bits of a verbose bitset. */
    static final class BitsetBits {
        private BitsetBits() {
        }

        static final int ETHTOOL_A_BITSET_BITS_BIT = 1;

        static final AttributeNames NAMES =
                AttributeNames.fromConstants(MethodHandles.lookup(), "ETHTOOL_A_BITSET_BITS_");
    }

    /** enum ETHTOOL_A_BITSET_BIT_*: one bit of a verbose bitset. */
    static final class BitsetBit {
        private BitsetBit() {
        }

        static final int ETHTOOL_A_BITSET_BIT_INDEX = 1;
        static final int ETHTOOL_A_BITSET_BIT_NAME = 2;
        static final int ETHTOOL_A_BITSET_BIT_VALUE = 3;

        static final AttributeNames NAMES =
                AttributeNames.fromConstants(MethodHandles.lookup(), "ETHTOOL_A_BITSET_BIT_");
    }

    // ---- requests

    /**
     * Asks for the ETH_SS_FEATURES string set: the kernel's names of the netdev feature bits. They are the same
     * for every device, so the request names none (an empty header), as ethtool sends it.
     */
    public static Request getFeatureNames(int familyId) {
        return new Request("get ethtool string set ETH_SS_FEATURES", checkFamily(familyId), 0, w -> {
            GenericNetlink.header(w, ETHTOOL_MSG_STRSET_GET, ETHTOOL_GENL_VERSION);
            w.nested(Strset.ETHTOOL_A_STRSET_HEADER, h -> {
            });
            w.nested(Strset.ETHTOOL_A_STRSET_STRINGSETS, sets ->
                    sets.nested(Stringsets.ETHTOOL_A_STRINGSETS_STRINGSET, set ->
                            set.u32(Stringset.ETHTOOL_A_STRINGSET_ID, ETH_SS_FEATURES)));
        });
    }

    /**
     * Gets the features of one device, with compact bitsets. Equivalent to: {@code ethtool -k DEV}.
     *
     * @param dev the device's name or one of its alternative names
     */
    public static Request getFeatures(int familyId, String dev) {
        checkDevice(dev);
        return new Request("get features dev " + dev, checkFamily(familyId), 0, w -> {
            GenericNetlink.header(w, ETHTOOL_MSG_FEATURES_GET, ETHTOOL_GENL_VERSION);
            header(w, FeaturesAttr.ETHTOOL_A_FEATURES_HEADER, dev);
        });
    }

    /**
     * Changes features of one device: an ETHTOOL_A_FEATURES_WANTED bitset listing each named bit, with
     * ETHTOOL_A_BITSET_BIT_VALUE when it is to be on. Equivalent to: {@code ethtool -K DEV tx off tso off gro off}.
     *
     * <p>Each key is a kernel feature name from {@code names} or an ethtool alias ({@link FeatureAlias}: {@code
     * tx}, {@code tso}, ...), which stands for every kernel feature its pattern matches. Bits are sent in the
     * map's iteration order (a {@link LinkedHashMap} gives ethtool's argument order), the features of one alias
     * in kernel bit order; a bit named twice with the same value is sent once.
     *
     * @throws IllegalArgumentException naming the device or the feature when the device name is invalid, a
     *                                  name is neither a kernel feature nor an alias, an alias matches no
     *                                  feature of this kernel, two keys ask opposite values for one feature,
     *                                  or the map is empty
     */
    public static Request setFeatures(int familyId, String dev, Map<String, Boolean> wanted, FeatureNames names) {
        checkDevice(dev);
        Map<Integer, Boolean> bits = resolve(wanted, names);
        StringJoiner op = new StringJoiner(" ", "set features dev " + dev + " ", "");
        wanted.forEach((k, v) -> op.add(k + (v ? " on" : " off")));
        List<String> bitNames = new ArrayList<>(bits.size());
        List<Boolean> bitValues = new ArrayList<>(bits.size());
        bits.forEach((index, value) -> {
            bitNames.add(names.name(index));
            bitValues.add(value);
        });
        return new Request(op.toString(), checkFamily(familyId), 0, w -> {
            GenericNetlink.header(w, ETHTOOL_MSG_FEATURES_SET, ETHTOOL_GENL_VERSION);
            header(w, FeaturesAttr.ETHTOOL_A_FEATURES_HEADER, dev);
            w.nested(FeaturesAttr.ETHTOOL_A_FEATURES_WANTED, set ->
                    set.nested(BitsetAttr.ETHTOOL_A_BITSET_BITS, list -> {
                        for (int i = 0; i < bitNames.size(); i++) {
                            String name = bitNames.get(i);
                            boolean on = bitValues.get(i);
                            list.nested(BitsetBits.ETHTOOL_A_BITSET_BITS_BIT, bit -> {
                                bit.string(BitsetBit.ETHTOOL_A_BITSET_BIT_NAME, name);
                                if (on) {
                                    bit.flag(BitsetBit.ETHTOOL_A_BITSET_BIT_VALUE);
                                }
                            });
                        }
                    }));
        });
    }

    /**
     * The kernel feature bits a change map stands for, in sending order: kernel bit index to wanted value.
     *
     * @throws IllegalArgumentException as {@link #setFeatures}
     */
    static Map<Integer, Boolean> resolve(Map<String, Boolean> wanted, FeatureNames names) {
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(names, "names");
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("no features to change: the map of wanted features is empty");
        }
        Map<Integer, Boolean> bits = new LinkedHashMap<>();
        Map<Integer, String> requestedBy = new LinkedHashMap<>();
        for (Map.Entry<String, Boolean> e : wanted.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "feature name");
            Boolean value = e.getValue();
            if (value == null) {
                throw new IllegalArgumentException("feature '" + key + "': value is null, must be true (on) or false (off)");
            }
            List<Integer> indexes = indexesOf(key, names);
            for (int index : indexes) {
                Boolean before = bits.putIfAbsent(index, value);
                if (before != null && before.booleanValue() != value) {
                    throw new IllegalArgumentException("feature '" + key + "' " + (value ? "on" : "off")
                            + " contradicts '" + requestedBy.get(index) + "' " + (before ? "on" : "off")
                            + ": both set kernel feature " + names.name(index));
                }
                requestedBy.putIfAbsent(index, key);
            }
        }
        return bits;
    }

    /** An alias (checked first, as ethtool does) or a kernel name, as kernel bit indexes. */
    private static List<Integer> indexesOf(String key, FeatureNames names) {
        var alias = FeatureAlias.byName(key);
        if (alias.isPresent()) {
            List<Integer> matching = names.matching(alias.get());
            if (matching.isEmpty()) {
                throw new IllegalArgumentException("feature alias '" + key + "' (kernel features "
                        + alias.get().pattern() + ") matches no feature of this kernel");
            }
            return matching;
        }
        var index = names.indexOf(key);
        if (index.isEmpty()) {
            throw new IllegalArgumentException("unknown feature '" + key + "': neither a kernel feature name of"
                    + " the ETH_SS_FEATURES string set nor an alias (" + FeatureAlias.names() + ")");
        }
        return List.of(index.getAsInt());
    }

    /** The request header nest naming a device, with compact bitsets asked for (as ethtool asks). */
    private static void header(MessageWriter w, int type, String dev) {
        w.nested(type, h -> {
            h.string(Header.ETHTOOL_A_HEADER_DEV_NAME, dev);
            h.u32(Header.ETHTOOL_A_HEADER_FLAGS, ETHTOOL_FLAG_COMPACT_BITSETS);
        });
    }

    private static int checkFamily(int familyId) {
        if (familyId < Nl.NLMSG_MIN_TYPE || familyId > 0xFFFF) {
            throw new IllegalArgumentException("invalid generic netlink family id " + familyId
                    + ": must be 16..65535 (resolve \"" + FAMILY_NAME + "\" first)");
        }
        return familyId;
    }

    /**
     * A device name as ETHTOOL_A_HEADER_DEV_NAME takes it: 1 to 127 bytes (a name or an alternative name), no NUL.
     */
    static String checkDevice(String dev) {
        Objects.requireNonNull(dev, "dev");
        int bytes = dev.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes >= ALTIFNAMSIZ || dev.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid dev '" + dev + "': must be 1 to " + (ALTIFNAMSIZ - 1)
                    + " bytes without NUL, is " + bytes + " bytes");
        }
        return dev;
    }

    // ---- decoding

    /**
     * Decodes an ETHTOOL_MSG_STRSET_GET_REPLY holding the ETH_SS_FEATURES string set.
     *
     * @throws DecodeException when the reply is malformed or holds no ETH_SS_FEATURES set
     */
    public static FeatureNames decodeFeatureNames(Message m) {
        checkCommand(m, ETHTOOL_MSG_STRSET_GET_REPLY, -1, "ETHTOOL_MSG_STRSET_GET_REPLY");
        AttributeReader top = m.attributes(GenericNetlink.GENL_HDRLEN, Strset.NAMES);
        while (top.next()) {
            if (top.type() != Strset.ETHTOOL_A_STRSET_STRINGSETS) {
                continue;
            }
            AttributeReader sets = top.nested(Stringsets.NAMES);
            while (sets.next()) {
                if (sets.type() == Stringsets.ETHTOOL_A_STRINGSETS_STRINGSET) {
                    List<String> names = decodeStringSet(sets.nested(Stringset.NAMES), ETH_SS_FEATURES);
                    if (names != null) {
                        return new FeatureNames(names);
                    }
                }
            }
        }
        throw new DecodeException("ETHTOOL_MSG_STRSET_GET_REPLY without the ETH_SS_FEATURES string set");
    }

    /** The strings of one set, index order; null when the set is another one than {@code wantedId}. */
    private static List<String> decodeStringSet(AttributeReader set, int wantedId) {
        int id = -1;
        int count = -1;
        AttributeReader strings = null;
        while (set.next()) {
            switch (set.type()) {
                case Stringset.ETHTOOL_A_STRINGSET_ID -> id = set.u32();
                case Stringset.ETHTOOL_A_STRINGSET_COUNT -> count = set.u32();
                case Stringset.ETHTOOL_A_STRINGSET_STRINGS -> strings = set.nested(Strings.NAMES);
                default -> {
                }
            }
        }
        if (id != wantedId) {
            return null;
        }
        if (count < 0) {
            throw new DecodeException("ETH_SS_FEATURES string set without ETHTOOL_A_STRINGSET_COUNT");
        }
        String[] names = new String[count];
        if (strings != null) {
            while (strings.next()) {
                if (strings.type() != Strings.ETHTOOL_A_STRINGS_STRING) {
                    continue;
                }
                AttributeReader s = strings.nested(StringEntry.NAMES);
                int index = -1;
                String value = null;
                while (s.next()) {
                    switch (s.type()) {
                        case StringEntry.ETHTOOL_A_STRING_INDEX -> index = s.u32();
                        case StringEntry.ETHTOOL_A_STRING_VALUE -> value = s.string();
                        default -> {
                        }
                    }
                }
                if (index < 0 || index >= count || value == null) {
                    throw new DecodeException("ETH_SS_FEATURES string " + index + " of " + count
                            + (value == null ? " without ETHTOOL_A_STRING_VALUE" : " is outside the set"));
                }
                names[index] = value;
            }
        }
        List<String> out = new ArrayList<>(count);
        for (String n : names) {
            out.add(n == null ? "" : n);
        }
        return out;
    }

    /**
     * Decodes an ETHTOOL_MSG_FEATURES_GET_REPLY (or ETHTOOL_MSG_FEATURES_NTF), compact or verbose. Bit names come
     * from a verbose bitset when it carries them, else from {@code names}.
     *
     * @throws DecodeException when the header, a bitset or one of the four feature bitsets is missing or malformed
     */
    public static Features decodeFeatures(Message m, FeatureNames names) {
        checkCommand(m, ETHTOOL_MSG_FEATURES_GET_REPLY, ETHTOOL_MSG_FEATURES_NTF, "ETHTOOL_MSG_FEATURES_GET_REPLY");
        Objects.requireNonNull(names, "names");
        DeviceHeader dev = null;
        Bitset hw = null;
        Bitset wanted = null;
        Bitset active = null;
        Bitset nochange = null;
        List<RawAttribute> unknown = new ArrayList<>();
        AttributeReader a = m.attributes(GenericNetlink.GENL_HDRLEN, FeaturesAttr.NAMES);
        while (a.next()) {
            switch (a.type()) {
                case FeaturesAttr.ETHTOOL_A_FEATURES_HEADER -> dev = DeviceHeader.decode(a.nested(Header.NAMES));
                case FeaturesAttr.ETHTOOL_A_FEATURES_HW -> hw = Bitset.decode(a, names);
                case FeaturesAttr.ETHTOOL_A_FEATURES_WANTED -> wanted = Bitset.decode(a, names);
                case FeaturesAttr.ETHTOOL_A_FEATURES_ACTIVE -> active = Bitset.decode(a, names);
                case FeaturesAttr.ETHTOOL_A_FEATURES_NOCHANGE -> nochange = Bitset.decode(a, names);
                default -> unknown.add(a.raw());
            }
        }
        String what = "ETHTOOL_MSG_FEATURES_GET_REPLY";
        dev = required(dev, what, FeaturesAttr.ETHTOOL_A_FEATURES_HEADER);
        what += " dev " + dev.name();
        hw = required(hw, what, FeaturesAttr.ETHTOOL_A_FEATURES_HW);
        wanted = required(wanted, what, FeaturesAttr.ETHTOOL_A_FEATURES_WANTED);
        active = required(active, what, FeaturesAttr.ETHTOOL_A_FEATURES_ACTIVE);
        nochange = required(nochange, what, FeaturesAttr.ETHTOOL_A_FEATURES_NOCHANGE);

        int size = Math.max(Math.max(hw.size(), wanted.size()), Math.max(active.size(), nochange.size()));
        List<Feature> features = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            boolean isHw = hw.isSet(i);
            boolean isWanted = wanted.isSet(i);
            boolean isActive = active.isSet(i);
            boolean isNochange = nochange.isSet(i);
            String name = nameOf(i, names, hw, wanted, active, nochange);
            if (name.isEmpty() && !(isHw || isWanted || isActive || isNochange)) {
                continue; // a retired feature bit: unnamed and never set
            }
            features.add(new Feature(i, name.isEmpty() ? unnamed(i) : name, isHw, isWanted, isActive, isNochange));
        }
        return new Features(dev.index(), dev.name(), features, unknown);
    }

    /**
     * Decodes an ETHTOOL_MSG_FEATURES_SET_REPLY: the kernel's account of what a FEATURES_SET did. Its
     * ETHTOOL_A_FEATURES_WANTED lists (in its mask) every requested feature whose resulting state differs from the
     * request, with the requested value; its ETHTOOL_A_FEATURES_ACTIVE lists every feature whose active state
     * changed, with the new value, requested or not.
     */
    public static FeatureChanges decodeFeatureChanges(Message m, FeatureNames names) {
        checkCommand(m, ETHTOOL_MSG_FEATURES_SET_REPLY, -1, "ETHTOOL_MSG_FEATURES_SET_REPLY");
        Objects.requireNonNull(names, "names");
        DeviceHeader dev = null;
        Bitset wanted = null;
        Bitset active = null;
        AttributeReader a = m.attributes(GenericNetlink.GENL_HDRLEN, FeaturesAttr.NAMES);
        while (a.next()) {
            switch (a.type()) {
                case FeaturesAttr.ETHTOOL_A_FEATURES_HEADER -> dev = DeviceHeader.decode(a.nested(Header.NAMES));
                case FeaturesAttr.ETHTOOL_A_FEATURES_WANTED -> wanted = Bitset.decode(a, names);
                case FeaturesAttr.ETHTOOL_A_FEATURES_ACTIVE -> active = Bitset.decode(a, names);
                default -> {
                }
            }
        }
        String what = "ETHTOOL_MSG_FEATURES_SET_REPLY";
        dev = required(dev, what, FeaturesAttr.ETHTOOL_A_FEATURES_HEADER);
        what += " dev " + dev.name();
        wanted = required(wanted, what, FeaturesAttr.ETHTOOL_A_FEATURES_WANTED);
        active = required(active, what, FeaturesAttr.ETHTOOL_A_FEATURES_ACTIVE);
        return new FeatureChanges(dev.name(), masked(active, names), masked(wanted, names));
    }

    /** The bits in a bitset's mask with their values, kernel bit order. */
    private static Map<String, Boolean> masked(Bitset b, FeatureNames names) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (int i = b.mask().nextSetBit(0); i >= 0; i = b.mask().nextSetBit(i + 1)) {
            String name = nameOf(i, names, b);
            out.put(name.isEmpty() ? unnamed(i) : name, b.isSet(i));
        }
        return Collections.unmodifiableMap(out);
    }

    private static String nameOf(int index, FeatureNames names, Bitset... verbose) {
        for (Bitset b : verbose) {
            String n = b.names().get(index);
            if (n != null && !n.isEmpty()) {
                return n;
            }
        }
        return index < names.size() ? names.name(index) : "";
    }

    /** How a bit the kernel leaves unnamed is reported: {@code #2} for bit 2. */
    static String unnamed(int index) {
        return "#" + index;
    }

    private static void checkCommand(Message m, int command, int alsoAccepted, String expected) {
        int cmd = Byte.toUnsignedInt(m.header(GenericNetlink.GENL_HDRLEN, "genlmsghdr").get(0));
        if (cmd != command && cmd != alsoAccepted) {
            throw new DecodeException("expected " + expected + " (ethtool command " + command + "), got command " + cmd);
        }
    }

    private static <T> T required(T value, String what, int attribute) {
        if (value == null) {
            throw new DecodeException(what + ": required attribute " + FeaturesAttr.NAMES.name(attribute) + " is missing");
        }
        return value;
    }

    /** The device named by a reply header. */
    private record DeviceHeader(int index, String name) {

        static DeviceHeader decode(AttributeReader h) {
            int index = -1;
            String name = null;
            while (h.next()) {
                switch (h.type()) {
                    case Header.ETHTOOL_A_HEADER_DEV_INDEX -> index = h.u32();
                    case Header.ETHTOOL_A_HEADER_DEV_NAME -> name = h.string();
                    default -> {
                    }
                }
            }
            if (index < 0 || name == null) {
                throw new DecodeException("ETHTOOL_A_FEATURES_HEADER without "
                        + (index < 0 ? "ETHTOOL_A_HEADER_DEV_INDEX" : "ETHTOOL_A_HEADER_DEV_NAME"));
            }
            return new DeviceHeader(index, name);
        }
    }
}
