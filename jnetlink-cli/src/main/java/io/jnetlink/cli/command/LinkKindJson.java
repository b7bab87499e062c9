package io.jnetlink.cli.command;

import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.route.link.Link;
import io.jnetlink.route.link.kind.Bridge;
import io.jnetlink.route.link.kind.LinkKind;
import io.jnetlink.route.link.kind.Macvlan;
import io.jnetlink.route.link.kind.Vlan;
import io.jnetlink.route.link.kind.VlanProtocol;
import io.jnetlink.route.link.kind.Vxlan;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code kind_data} member of {@code jnl -j link list}: a link's decoded kind settings, named as
 * {@code ip -j -d link} names them in {@code linkinfo.info_data} (docs/cli.md lists them).
 */
final class LinkKindJson {

    private LinkKindJson() {
    }

    /**
     * The settings of {@code l}'s kind; null for a link without a kind, empty for kinds without settings. Data the
     * kernel sent that jnetlink cannot decode does not fail the listing: it shows as {@code {"undecodable": WHY}}.
     */
    static Map<String, Object> of(Link l, Map<Integer, Link> byIndex) {
        Optional<LinkKind> kind;
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            kind = l.kindInfo();
        } catch (DecodeException e) {
            m.put("undecodable", e.getMessage());
            return m;
        }
        if (kind.isEmpty()) {
            return null;
        }
        switch (kind.get()) {
            case Bridge b -> {
                m.put("forward_delay", centiseconds(b.forwardDelay()));
                m.put("hello_time", centiseconds(b.helloTime()));
                m.put("max_age", centiseconds(b.maxAge()));
                m.put("ageing_time", centiseconds(b.ageingTime()));
                m.put("stp_state", b.stpState().map(s -> Integer.toUnsignedLong(s.value())).orElse(null));
                m.put("priority", value(b.priority()));
                m.put("vlan_filtering", b.vlanFiltering().orElse(null));
                m.put("vlan_protocol", b.vlanProtocol().map(VlanProtocol::name).orElse(null));
                m.put("vlan_default_pvid", value(b.defaultPvid()));
                m.put("group_fwd_mask", value(b.groupForwardMask()));
                m.put("mcast_snooping", b.multicastSnooping().orElse(null));
                m.put("nf_call_iptables", b.nfCallIptables().orElse(null));
                m.put("nf_call_ip6tables", b.nfCallIp6tables().orElse(null));
                m.put("nf_call_arptables", b.nfCallArptables().orElse(null));
            }
            case Vxlan v -> {
                m.put("id", value(v.vni()));
                m.put("local", address(v.local()));
                m.put("remote", address(v.remote()));
                m.put("group", address(v.group()));
                m.put("dev", v.device().isPresent() ? LinkCommand.nameOf(v.device().getAsInt(), byIndex) : null);
                m.put("port", value(v.port()));
                m.put("port_range", v.sourcePortRange().map(r -> {
                    Map<String, Object> range = new LinkedHashMap<>();
                    range.put("low", r.low());
                    range.put("high", r.high());
                    return range;
                }).orElse(null));
                m.put("ttl", value(v.ttl()));
                m.put("tos", value(v.tos()));
                m.put("learning", v.learning().orElse(null));
                m.put("proxy", v.proxy().orElse(null));
                m.put("l2miss", v.l2miss().orElse(null));
                m.put("l3miss", v.l3miss().orElse(null));
                m.put("udp_csum", v.udpChecksum().orElse(null));
                m.put("udp_zero_csum6_tx", v.udp6ZeroChecksumTx().orElse(null));
                m.put("udp_zero_csum6_rx", v.udp6ZeroChecksumRx().orElse(null));
                m.put("external", v.external().orElse(null));
                m.put("vnifilter", v.vniFilter().orElse(null));
            }
            case Macvlan mv -> m.put("mode", mv.mode().map(Object::toString).orElse(null));
            case Vlan vl -> {
                m.put("id", value(vl.id()));
                m.put("protocol", vl.protocol().map(VlanProtocol::name).orElse(null));
            }
            default -> {
                // veth, dummy, wireguard and kinds jnetlink does not model: no decoded settings
            }
        }
        return m;
    }

    private static Long centiseconds(Optional<Duration> d) {
        return d.map(x -> x.toMillis() / 10).orElse(null);
    }

    private static Integer value(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }

    private static String address(Optional<InetAddress> a) {
        return a.map(InetAddresses::toString).orElse(null);
    }
}
