package io.jnetlink.route.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.oracles.Ip;
import io.jnetlink.route.Rtnetlink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Compares what jnetlink decodes with what {@code ip -j -d link} prints for the same namespace. */
final class LinkOracle {

    private LinkOracle() {
    }

    private static final AtomicInteger PEERS = new AtomicInteger();

    /** ARPHRD_* (linux/if_arp.h) values and the link_type names ip prints for them. */
    private static final Map<Integer, String> LINK_TYPES = Map.of(1, "ether", 772, "loopback");

    /** jnetlink's list and ip's view of the same moment. */
    record Snapshot(List<Link> links, JsonNode ip) {
        Link link(String name) {
            return links.stream().filter(l -> l.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("jnetlink lists no link " + name + ": " + links));
        }

        JsonNode ipLink(String name) {
            return LinkOracle.byName(ip, name);
        }
    }

    /**
     * {@code list()} between two identical {@code ip -j -d link} outputs: state that changes asynchronously
     * (operstate, carrier) is then the same for both sides. Retries a bounded number of times.
     */
    static Snapshot stable(Rtnetlink rt, Ip ip) {
        for (int attempt = 0; attempt < 50; attempt++) {
            JsonNode before = ip.json("-d", "link");
            List<Link> links = rt.links().list();
            JsonNode after = ip.json("-d", "link");
            if (before.equals(after)) {
                return new Snapshot(links, after);
            }
        }
        throw new AssertionError("the namespace's links never held still across 50 snapshots");
    }

    static JsonNode byName(JsonNode ipLinks, String name) {
        for (JsonNode n : ipLinks) {
            if (n.path("ifname").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("ip lists no link " + name + ": " + ipLinks);
    }

    /** A fresh named namespace for a veth peer; delete it with {@link NetNs#delete} in a finally block. */
    static String peerNamespaceName() {
        return "jnlt-peer-" + ProcessHandle.current().pid() + "-" + PEERS.incrementAndGet();
    }

    /** Every link ip prints, with every field both sides model, must match; and no link may be missing. */
    static void assertMatches(Snapshot s) {
        Map<Integer, Link> byIndex = s.links().stream().collect(Collectors.toMap(Link::index, Function.identity()));
        TreeSet<Integer> ipIndexes = new TreeSet<>();
        s.ip().forEach(n -> ipIndexes.add(n.path("ifindex").asInt()));
        assertEquals(ipIndexes, new TreeSet<>(byIndex.keySet()), "link indexes");
        for (JsonNode n : s.ip()) {
            assertLinkMatches(byIndex.get(n.path("ifindex").asInt()), n, byIndex);
        }
    }

    static void assertLinkMatches(Link l, JsonNode n, Map<Integer, Link> sameNamespace) {
        String who = "link " + l.name() + ": ";
        assertEquals(n.path("ifname").asText(), l.name(), who + "ifname");
        assertEquals(n.path("mtu").asInt(), l.mtu(), who + "mtu");
        assertEquals(n.path("operstate").asText(), l.operState().name(), who + "operstate");
        assertEquals(n.path("txqlen").asInt(), l.txQueueLength(), who + "txqlen");
        assertEquals(text(n, "qdisc"), l.qdisc().orElse(null), who + "qdisc");
        assertEquals(text(n, "address"), l.address().map(Object::toString).orElse(null), who + "address");
        assertEquals(text(n, "broadcast"), l.broadcast().map(Object::toString).orElse(null), who + "broadcast");
        assertEquals(text(n, "ifalias"), l.alias().orElse(null), who + "ifalias");
        assertEquals(strings(n.path("altnames")), l.altNames(), who + "altnames");
        assertEquals(text(n.path("linkinfo"), "info_kind"), l.kind().orElse(null), who + "info_kind");
        assertEquals(text(n.path("linkinfo"), "info_slave_kind"), l.slaveKind().orElse(null), who + "info_slave_kind");
        assertEquals(n.has("min_mtu") ? n.path("min_mtu").asInt() : null,
                l.minMtu().isPresent() ? l.minMtu().getAsInt() : null, who + "min_mtu");
        assertEquals(n.has("max_mtu") ? n.path("max_mtu").asInt() : null,
                l.maxMtu().isPresent() ? l.maxMtu().getAsInt() : null, who + "max_mtu");
        String type = LINK_TYPES.get(l.type());
        if (type != null) {
            assertEquals(n.path("link_type").asText(), type, who + "link_type");
        }
        assertEquals(text(n, "master"),
                l.master().isPresent() ? nameOf(sameNamespace, l.master().getAsInt()) : null, who + "master");

        // ip: IFLA_LINK with IFLA_LINK_NETNSID is "link_index" (the index in the other namespace), without it
        // "link" is the name of that link in this namespace, and "M-DOWN" ends the flags when it is down
        boolean mdown = false;
        if (l.linkNetnsId().isPresent()) {
            assertEquals(n.path("link_netnsid").asInt(), l.linkNetnsId().getAsInt(), who + "link_netnsid");
            assertEquals(n.path("link_index").asInt(), l.link().orElseThrow(), who + "link_index");
            assertFalse(n.has("link"), who + "ip printed \"link\" for a link in another namespace");
        } else {
            assertFalse(n.has("link_netnsid"), who + "link_netnsid");
            if (l.link().isPresent() && l.link().getAsInt() != 0) {
                Link peer = sameNamespace.get(l.link().getAsInt());
                assertEquals(n.path("link").asText(), peer == null ? "if" + l.link().getAsInt() : peer.name(),
                        who + "link");
                mdown = peer == null || !peer.isUp();
            } else if (l.link().isPresent()) {
                assertTrue(n.path("link").isNull(), who + "link 0 prints as null");
            } else {
                assertFalse(n.has("link"), who + "link");
            }
        }
        List<String> flags = new ArrayList<>(l.flagNames());
        if (mdown) {
            flags.add("M-DOWN");
        }
        assertEquals(strings(n.path("flags")), flags, who + "flags");
    }

    private static String nameOf(Map<Integer, Link> links, int index) {
        Link l = links.get(index);
        if (l == null) {
            fail("index " + index + " is not in the same dump");
        }
        return l.name();
    }

    static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
