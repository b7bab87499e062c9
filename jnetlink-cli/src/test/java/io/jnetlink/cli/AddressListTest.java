package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.jnetlink.cli.LinkListTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jnl addr list --json} against {@code ip -j addr}, with 1,000 addresses. */
@NetnsTest
class AddressListTest {

    /** The address flags ip prints as JSON booleans (print_ifa_flags, iproute2 ip/ipaddress.c). */
    private static final Set<String> IP_FLAGS = Set.of("secondary", "temporary", "nodad", "optimistic", "dadfailed",
            "home", "deprecated", "tentative", "dynamic", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy");

    /** One address, in the fields both print. */
    record Addr(String dev, String family, String local, int prefixlen, String peer, String broadcast, String scope,
                String label, Set<String> flags) {
    }

    @Test
    void listsTheAddressesIpLists(TestNamespace ns) {
        StringBuilder batch = new StringBuilder();
        for (int l = 0; l < 4; l++) {
            batch.append("link add e").append(l).append(" type veth peer name f").append(l).append('\n');
        }
        // The links stay down: no link-local addresses, no duplicate address detection changing flags meanwhile.
        int v4 = 0;
        for (int l = 0; l < 4; l++) {
            for (int subnet = 0; subnet < 10; subnet++) {
                for (int host = 1; host <= 20; host++) {
                    String a = "10." + l + "." + subnet + "." + host;
                    batch.append("address add ");
                    switch (subnet) {
                        case 7 -> batch.append(a).append(" peer 10.").append(l).append(".77.").append(host).append("/32");
                        case 8 -> batch.append(a).append("/24 scope link");
                        default -> batch.append(a).append("/24");
                    }
                    if (subnet == 0) {
                        batch.append(" brd +");
                    }
                    if (host % 5 == 0 && subnet != 7) {
                        batch.append(" label e").append(l).append(":").append(subnet).append(host);
                    }
                    if (subnet == 9) {
                        batch.append(" noprefixroute");
                    }
                    batch.append(" dev e").append(l).append('\n');
                    v4++;
                }
            }
        }
        int v6 = 0;
        for (int l = 0; l < 4; l++) {
            for (int i = 1; i <= 50; i++) {
                batch.append("address add fd00:").append(l).append("::").append(Integer.toHexString(i)).append("/64");
                if (i % 4 != 0) {
                    batch.append(" nodad");
                }
                if (i % 5 == 0) {
                    batch.append(" noprefixroute");
                }
                batch.append(" dev e").append(l).append('\n');
                v6++;
            }
        }
        assertEquals(1000, v4 + v6);
        Ip.in(ns.name()).batch(batch.toString());

        List<Addr> ip = fromIp(Ip.in(ns.name()).json("addr"));
        List<Addr> jnl = fromJnl(Cli.ok(ns.name(), "addr list --json").json());
        assertTrue(ip.size() >= 1000, "ip lists the 1000 addresses (and link-local ones), got " + ip.size());
        assertEquals(ip.size(), jnl.size(), "as many addresses");
        assertEquals(Set.copyOf(ip), Set.copyOf(jnl));
        assertEquals(ip.size(), Set.copyOf(ip).size(), "no address twice");

        // What the mix is meant to cover is there.
        Set<String> seen = new TreeSet<>();
        jnl.forEach(a -> seen.addAll(a.flags()));
        assertTrue(seen.containsAll(Set.of("secondary", "nodad", "noprefixroute", "tentative")), "flags " + seen);
        assertTrue(jnl.stream().anyMatch(a -> a.peer() != null), "a peer");
        assertTrue(jnl.stream().anyMatch(a -> a.broadcast() != null), "a broadcast");
        assertTrue(jnl.stream().anyMatch(a -> a.label() != null && a.label().contains(":")), "a label");
        assertTrue(jnl.stream().anyMatch(a -> a.scope().equals("link") && a.family().equals("inet")), "scope link");

        // -6 and dev select the same as with ip.
        assertEquals(Set.copyOf(fromIp(Ip.in(ns.name()).json("-6", "addr"))),
                Set.copyOf(fromJnl(Cli.ok(ns.name(), "-6 addr list --json").json())));
        assertEquals(Set.copyOf(fromIp(Ip.in(ns.name()).json("-4", "addr", "show", "dev", "e2"))),
                Set.copyOf(fromJnl(Cli.ok(ns.name(), "-4 addr show dev e2 --json").json())));
    }

    static List<Addr> fromIp(JsonNode links) {
        List<Addr> out = new ArrayList<>();
        for (JsonNode link : links) {
            for (JsonNode a : link.get("addr_info")) {
                Set<String> flags = new TreeSet<>();
                a.properties().forEach(e -> {
                    if (IP_FLAGS.contains(e.getKey()) && e.getValue().asBoolean()) {
                        flags.add(e.getKey());
                    }
                });
                String family = a.get("family").asText();
                out.add(new Addr(link.get("ifname").asText(), family, a.get("local").asText(),
                        a.get("prefixlen").asInt(), text(a, "address"), text(a, "broadcast"), text(a, "scope"),
                        family.equals("inet") ? text(a, "label") : null, flags));
            }
        }
        return out;
    }

    static List<Addr> fromJnl(JsonNode addresses) {
        List<Addr> out = new ArrayList<>();
        Map<String, Integer> seenIndex = new HashMap<>();
        for (JsonNode a : addresses) {
            Set<String> flags = new TreeSet<>();
            a.get("flags").forEach(f -> flags.add(f.asText()));
            seenIndex.putIfAbsent(a.get("dev").asText(), a.get("index").asInt());
            assertEquals(seenIndex.get(a.get("dev").asText()), a.get("index").asInt(), "one index per dev");
            out.add(new Addr(a.get("dev").asText(), a.get("family").asText(), a.get("local").asText(),
                    a.get("prefixlen").asInt(), text(a, "peer"), text(a, "broadcast"), text(a, "scope"),
                    text(a, "label"), flags));
        }
        return out;
    }
}
