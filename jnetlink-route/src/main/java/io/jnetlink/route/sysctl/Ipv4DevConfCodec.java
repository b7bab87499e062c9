package io.jnetlink.route.sysctl;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.route.Rtm;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Per-interface IPv4 settings over rtnetlink: IFLA_AF_SPEC { AF_INET { IFLA_INET_CONF } } of a link.
 *
 * <p>The two directions differ in shape. Setting (RTM_NEWLINK) nests one u32 attribute per setting, its type
 * being the IPV4_DEVCONF index; reading (the RTM_NEWLINK of a link dump or get) carries IFLA_INET_CONF as a
 * flat array of IPV4_DEVCONF_MAX u32 values, the setting with index i at position i - 1.
 */
public final class Ipv4DevConfCodec {

    private Ipv4DevConfCodec() {
    }

    // linux/rtnetlink.h: struct ifinfomsg, and RTEXT_FILTER_SKIP_STATS for IFLA_EXT_MASK
    static final int IFINFOMSG_SIZE = 16;
    static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;
    // linux/if_link.h
    static final int IFLA_IFNAME = 3;
    static final int IFLA_AF_SPEC = 26;
    static final int IFLA_EXT_MASK = 29;
    // linux/if_link.h: enum { IFLA_INET_UNSPEC, IFLA_INET_CONF }
    static final int IFLA_INET_CONF = 1;
    /** IFNAMSIZ (linux/if.h), the NUL included. */
    static final int IFNAMSIZ = 16;

    static final AttributeNames IFLA_NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "IFLA_");

    /**
     * Gets one link, with its IFLA_AF_SPEC and without statistics. Equivalent to what {@code ip -d link show
     * dev NAME} asks for; decode the answer with {@link #decode(Message)}.
     */
    public static Request get(String device) {
        checkDevice(device);
        return new Request("get ipv4 conf of link " + device, Rtm.RTM_GETLINK, 0, w -> {
            ifinfomsg(w);
            w.u32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
            w.string(IFLA_IFNAME, device);
        });
    }

    /**
     * Sets per-interface IPv4 settings of {@code device} in one request (all or none are applied):
     * RTM_NEWLINK without NLM_F_CREATE carrying IFLA_AF_SPEC { AF_INET { IFLA_INET_CONF { index: u32 } } }.
     * Equivalent in effect to {@code sysctl -w net.ipv4.conf.DEV.NAME=VALUE} for each setting, except for what
     * {@link Ipv4DevConf#sysctlSideEffects()} lists.
     *
     * @throws IllegalArgumentException when the device name is invalid, there is no setting, or one is read-only
     */
    public static Request set(String device, Map<Ipv4DevConf, Integer> values) {
        checkDevice(device);
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("invalid values {}: at least one setting is needed");
        }
        SequencedMap<Ipv4DevConf, Integer> sorted = new TreeMap<>((a, b) -> Integer.compare(a.index(), b.index()));
        for (Map.Entry<Ipv4DevConf, Integer> e : values.entrySet()) {
            Ipv4DevConf key = Objects.requireNonNull(e.getKey(), "setting");
            if (key.isReadOnly()) {
                throw new IllegalArgumentException("invalid setting " + key.name() + ": it is read-only");
            }
            sorted.put(key, Objects.requireNonNull(e.getValue(), key.name()));
        }
        String op = "set ipv4 conf of link " + device + " " + sorted.entrySet().stream()
                .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(" "));
        return new Request(op, Rtm.RTM_NEWLINK, 0, w -> {
            ifinfomsg(w);
            w.string(IFLA_IFNAME, device);
            w.nested(IFLA_AF_SPEC, spec -> spec.nested(Rtm.AF_INET, inet -> inet.nested(IFLA_INET_CONF, conf -> {
                for (Map.Entry<Ipv4DevConf, Integer> e : sorted.entrySet()) {
                    conf.u32(e.getKey().index(), e.getValue());
                }
            })));
        });
    }

    /** As {@link #set(String, Map)} for one setting. */
    public static Request set(String device, Ipv4DevConf setting, int value) {
        return set(device, Map.of(Objects.requireNonNull(setting, "setting"), value));
    }

    /**
     * The per-interface IPv4 settings in an RTM_NEWLINK, by index in kernel order (values as the signed ints
     * /proc/sys prints); empty when the link has no IPv4 (no AF_INET in IFLA_AF_SPEC, e.g. an MTU below 68).
     *
     * @throws DecodeException when the message is not RTM_NEWLINK, is truncated, or IFLA_INET_CONF is not a
     *                         whole number of u32 values
     */
    public static Optional<Map<Ipv4DevConf, Integer>> decode(Message m) {
        if (m.type() != Rtm.RTM_NEWLINK) {
            throw new DecodeException("expected RTM_NEWLINK, got " + Rtm.name(m.type()));
        }
        m.header(IFINFOMSG_SIZE, "ifinfomsg");
        AttributeReader a = m.attributes(IFINFOMSG_SIZE, IFLA_NAMES);
        while (a.next()) {
            if (a.type() != IFLA_AF_SPEC) {
                continue;
            }
            AttributeReader families = a.nested(AttributeNames.NUMBERED);
            while (families.next()) {
                if (families.type() != Rtm.AF_INET) {
                    continue;
                }
                AttributeReader inet = families.nested(type -> type == IFLA_INET_CONF ? "IFLA_INET_CONF" : "IFLA_INET_" + type);
                while (inet.next()) {
                    if (inet.type() == IFLA_INET_CONF) {
                        return Optional.of(array(inet));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Map<Ipv4DevConf, Integer> array(AttributeReader conf) {
        int n = conf.length();
        if (n % 4 != 0) {
            throw new DecodeException.AttributeSize(conf.name(), "a multiple of 4 bytes (u32 values)", n - n % 4, n);
        }
        ByteBuffer values = conf.payload();
        Map<Ipv4DevConf, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < n / 4; i++) {
            out.put(Ipv4DevConf.of(i + 1), values.getInt(4 * i));
        }
        return Collections.unmodifiableMap(out);
    }

    /** struct ifinfomsg, family AF_UNSPEC, all zero: the link is named by IFLA_IFNAME. */
    private static void ifinfomsg(MessageWriter w) {
        w.zeros(IFINFOMSG_SIZE);
    }

    /** Whether {@code name} can be an interface name: 1 to 15 bytes, not "." or "..", no '/', ':' or whitespace. */
    static boolean isInterfaceName(String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes >= IFNAMSIZ || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || c == '\0' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    static void checkDevice(String device) {
        Objects.requireNonNull(device, "device");
        if (!isInterfaceName(device)) {
            throw new IllegalArgumentException("invalid device '" + device
                    + "': must be 1 to 15 bytes, not '.' or '..', without '/', ':', NUL or whitespace");
        }
    }
}
