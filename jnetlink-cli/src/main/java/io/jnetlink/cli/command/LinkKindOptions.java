package io.jnetlink.cli.command;

import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.route.link.Links;
import io.jnetlink.route.link.kind.Bridge;
import io.jnetlink.route.link.kind.Dummy;
import io.jnetlink.route.link.kind.LinkKind;
import io.jnetlink.route.link.kind.Macvlan;
import io.jnetlink.route.link.kind.MacvlanMode;
import io.jnetlink.route.link.kind.StpState;
import io.jnetlink.route.link.kind.Vlan;
import io.jnetlink.route.link.kind.VlanProtocol;
import io.jnetlink.route.link.kind.Vxlan;
import io.jnetlink.route.link.kind.Wireguard;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;

/**
 * The options after {@code type KIND} of {@code link add} and {@code link set}, as ip takes them (ip-link(8) and
 * {@code ip link help KIND}): every token up to the end of the command line belongs to the kind.
 */
final class LinkKindOptions {

    private LinkKindOptions() {
    }

    /** The kinds {@code link add} creates through a {@link LinkKind} (veth has its own path). */
    static final List<String> KINDS = List.of(Bridge.KIND, Vxlan.KIND, Macvlan.KIND, Vlan.KIND, Dummy.KIND,
            Wireguard.KIND);

    private static final int U16_MAX = 0xFFFF;
    private static final int U8_MAX = 0xFF;
    private static final int VNI_MAX = (1 << 24) - 1;
    private static final int VLAN_ID_MAX = 4094;
    /** ip's {@code tos inherit}: the kernel's value 1 copies the inner packet's TOS (vxlan_xmit_one). */
    private static final int TOS_INHERIT = 1;
    private static final Duration CENTISECOND = Duration.ofMillis(10);

    private static final String BRIDGE_OPTIONS = "forward_delay, hello_time, max_age, ageing_time, stp_state, priority, "
            + "vlan_filtering, vlan_protocol, vlan_default_pvid, mcast_snooping, nf_call_iptables, nf_call_ip6tables, "
            + "nf_call_arptables or group_fwd_mask";
    private static final String VXLAN_OPTIONS = "id, local, remote, group, dev, dstport, srcport, ttl, tos, "
            + "[no]learning, [no]proxy, [no]l2miss, [no]l3miss, [no]udpcsum, [no]udp6zerocsumtx, [no]udp6zerocsumrx, "
            + "[no]external or [no]vnifilter";

    /**
     * A kind as parsed; the underlying device of a VXLAN link ({@code dev NAME}) is still a name, since the
     * request carries its index.
     */
    record Parsed(LinkKind kind, Optional<String> device) {

        /** The kind with the device's index filled in (one lookup when there is a device). */
        LinkKind resolve(Links links) {
            if (device.isEmpty()) {
                return kind;
            }
            return ((Vxlan) kind).withDevice(links.indexOf(device.get()));
        }
    }

    /**
     * Reads the rest of the command line as options of {@code type}. With {@code create} (link add) the options
     * ip requires at creation are required, and a VXLAN link gets ip's default {@code learning} (on unless
     * {@code external}); otherwise (link set) only the options given are sent.
     */
    static Parsed parse(Keywords k, String type, boolean create) {
        return switch (type) {
            case Bridge.KIND -> new Parsed(bridge(k), Optional.empty());
            case Vxlan.KIND -> vxlan(k, create);
            case Macvlan.KIND -> new Parsed(macvlan(k), Optional.empty());
            case Vlan.KIND -> new Parsed(vlan(k, create), Optional.empty());
            case Dummy.KIND -> {
                k.end("nothing after 'type dummy'");
                yield new Parsed(new Dummy(), Optional.empty());
            }
            case Wireguard.KIND -> {
                k.end("nothing after 'type wireguard' (keys and peers are set with jnl wg set)");
                yield new Parsed(new Wireguard(), Optional.empty());
            }
            default -> throw k.usage("unsupported link type '" + type + "' (supported: veth, " + String.join(", ", KINDS)
                    + ")");
        };
    }

    private static Bridge bridge(Keywords k) {
        Bridge b = Bridge.of();
        while (k.hasNext()) {
            String t = k.next();
            b = switch (t) {
                case "forward_delay" -> b.withForwardDelay(centiseconds(k, t));
                case "hello_time" -> b.withHelloTime(centiseconds(k, t));
                case "max_age" -> b.withMaxAge(centiseconds(k, t));
                case "ageing_time" -> b.withAgeingTime(centiseconds(k, t));
                case "stp_state" -> b.withStpState(StpState.of(k.u32Value(t, 0)));
                case "priority" -> b.withPriority(k.intValue(t, 0, U16_MAX));
                case "vlan_filtering" -> b.withVlanFiltering(k.zeroOrOne(t));
                case "vlan_protocol" -> b.withVlanProtocol(vlanProtocol(k, t));
                case "vlan_default_pvid", "default_pvid" -> b.withDefaultPvid(k.intValue(t, 0, VLAN_ID_MAX));
                case "mcast_snooping" -> b.withMulticastSnooping(k.zeroOrOne(t));
                case "nf_call_iptables" -> b.withNfCallIptables(k.zeroOrOne(t));
                case "nf_call_ip6tables" -> b.withNfCallIp6tables(k.zeroOrOne(t));
                case "nf_call_arptables" -> b.withNfCallArptables(k.zeroOrOne(t));
                case "group_fwd_mask" -> b.withGroupForwardMask((int) k.numberValue(t, 0, U16_MAX));
                default -> throw k.unknown(t, BRIDGE_OPTIONS);
            };
        }
        return b;
    }

    /** ip takes bridge timers in centiseconds (clock_t), as the kernel does: {@code forward_delay 1500} is 15 s. */
    private static Duration centiseconds(Keywords k, String keyword) {
        return CENTISECOND.multipliedBy(Integer.toUnsignedLong(k.u32Value(keyword, 0)));
    }

    private static VlanProtocol vlanProtocol(Keywords k, String keyword) {
        String v = k.value(keyword);
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "802.1q" -> VlanProtocol.IEEE_802_1Q;
            case "802.1ad" -> VlanProtocol.IEEE_802_1AD;
            default -> throw k.usage("invalid " + keyword + " '" + v + "': must be 802.1Q or 802.1ad");
        };
    }

    private static Parsed vxlan(Keywords k, boolean create) {
        Vxlan v = Vxlan.of();
        Optional<String> device = Optional.empty();
        while (k.hasNext()) {
            String t = k.next();
            switch (t) {
                case "id", "vni" -> v = v.withVni(k.intValue(t, 0, VNI_MAX));
                case "local" -> v = vxlanAddress(k, t, v, Vxlan::withLocal);
                case "remote" -> v = vxlanAddress(k, t, v, Vxlan::withRemote);
                case "group" -> v = vxlanAddress(k, t, v, Vxlan::withGroup);
                case "dev" -> device = Optional.of(k.value(t));
                case "dstport" -> v = v.withPort(k.intValue(t, 0, U16_MAX));
                case "srcport" -> {
                    int low = k.intValue("srcport", 0, U16_MAX);
                    int high = k.intValue("srcport", 0, U16_MAX);
                    if (high < low) {
                        throw k.usage("invalid srcport '" + low + " " + high + "': the maximum is below the minimum");
                    }
                    v = v.withSourcePortRange(low, high);
                }
                case "ttl", "hoplimit" -> {
                    String value = k.value(t);
                    v = v.withTtl(value.equals("auto") ? 0 : (int) k.number(t, value, 0, U8_MAX));
                }
                case "tos", "dsfield" -> {
                    String value = k.value(t);
                    v = v.withTos(value.equals("inherit") ? TOS_INHERIT : (int) k.number(t, value, 0, U8_MAX));
                }
                case "learning" -> v = v.withLearning(true);
                case "nolearning" -> v = v.withLearning(false);
                case "proxy" -> v = v.withProxy(true);
                case "noproxy" -> v = v.withProxy(false);
                case "l2miss" -> v = v.withL2miss(true);
                case "nol2miss" -> v = v.withL2miss(false);
                case "l3miss" -> v = v.withL3miss(true);
                case "nol3miss" -> v = v.withL3miss(false);
                case "udpcsum" -> v = v.withUdpChecksum(true);
                case "noudpcsum" -> v = v.withUdpChecksum(false);
                case "udp6zerocsumtx" -> v = v.withUdp6ZeroChecksumTx(true);
                case "noudp6zerocsumtx" -> v = v.withUdp6ZeroChecksumTx(false);
                case "udp6zerocsumrx" -> v = v.withUdp6ZeroChecksumRx(true);
                case "noudp6zerocsumrx" -> v = v.withUdp6ZeroChecksumRx(false);
                case "external" -> v = v.withExternal(true);
                case "noexternal" -> v = v.withExternal(false);
                case "vnifilter" -> v = v.withVniFilter(true);
                case "novnifilter" -> v = v.withVniFilter(false);
                default -> throw k.unknown(t, VXLAN_OPTIONS);
            }
        }
        if (create) {
            boolean external = v.external().orElse(false);
            if (v.vni().isEmpty() && !external) {
                throw k.usage("type vxlan needs 'id VNI' (or 'external')");
            }
            if (v.vniFilter().orElse(false) && !external) {
                throw k.usage("invalid vnifilter: only with 'external'");
            }
            if (v.learning().isEmpty()) {
                // As ip: learning is always sent at creation, off for a metadata (external) device.
                v = v.withLearning(!external);
            }
        }
        return new Parsed(v, device);
    }

    /** Sets an address option; the record's checks (multicast or not, one family) become usage errors. */
    private static Vxlan vxlanAddress(Keywords k, String keyword, Vxlan v,
                                      BiFunction<Vxlan, InetAddress, Vxlan> with) {
        InetAddress a = k.parsed(keyword, InetAddresses::parse);
        try {
            return with.apply(v, a);
        } catch (IllegalArgumentException e) {
            throw k.usage(e.getMessage());
        }
    }

    private static Macvlan macvlan(Keywords k) {
        Macvlan m = Macvlan.of();
        while (k.hasNext()) {
            String t = k.next();
            if (!t.equals("mode")) {
                throw k.unknown(t, "mode");
            }
            String v = k.value("mode");
            m = Macvlan.of(switch (v) {
                case "private" -> MacvlanMode.PRIVATE;
                case "vepa" -> MacvlanMode.VEPA;
                case "bridge" -> MacvlanMode.BRIDGE;
                case "passthru" -> MacvlanMode.PASSTHRU;
                case "source" -> MacvlanMode.SOURCE;
                default -> throw k.usage("invalid mode '" + v + "': must be private, vepa, bridge, passthru or source");
            });
        }
        return m;
    }

    private static Vlan vlan(Keywords k, boolean create) {
        Integer id = null;
        VlanProtocol protocol = null;
        while (k.hasNext()) {
            String t = k.next();
            switch (t) {
                case "id" -> id = k.intValue(t, 0, VLAN_ID_MAX);
                case "protocol" -> protocol = vlanProtocol(k, t);
                default -> throw k.unknown(t, "id or protocol");
            }
        }
        if (id == null && create) {
            throw k.usage("type vlan needs 'id VLANID'");
        }
        return new Vlan(id == null ? OptionalInt.empty() : OptionalInt.of(id), Optional.ofNullable(protocol));
    }
}
