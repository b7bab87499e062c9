package io.jnetlink.route.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.jnetlink.route.link.LinkOracle.assertMatches;
import static io.jnetlink.route.link.LinkOracle.strings;
import static io.jnetlink.route.link.LinkOracle.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Links against the kernel, each result checked with {@code ip -j -d link} in the same namespace. */
@NetnsTest
class LinksKernelTest {

    @Test
    void listMatchesIpInEveryFlagAndLinkState(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        String peerNs = LinkOracle.peerNamespaceName();
        NetNs.create(peerNs).close();
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            ip.batch("""
                    link add a0 type veth peer name a1
                    link add b0 type veth peer name b1
                    link add c0 type veth peer name c1
                    link add d0 type veth peer name d1
                    link add e0 type veth peer name e1 netns %s
                    link add br0 type bridge
                    link set b0 promisc on arp off allmulticast on alias "b zero"
                    link property add dev b1 altname b1-alternative-name-longer-than-ifnamsiz
                    link property add dev b1 altname b1-second
                    link set a1 master br0
                    """.formatted(peerNs));
            // everything down, lo included: LOOPBACK alone; every same-namespace veth shows M-DOWN
            LinkOracle.Snapshot down = LinkOracle.stable(rt, ip);
            assertMatches(down);
            assertEquals(List.of("LOOPBACK"), down.link("lo").flagNames());
            assertEquals(List.of("BROADCAST", "MULTICAST", "M-DOWN"),
                    strings(down.ipLink("d0").path("flags")), "ip's own view of a down veth with a down peer");

            ip.batch("""
                    link set lo up
                    link set a0 up
                    link set b0 up
                    link set b1 up
                    link set c1 up
                    """);
            LinkOracle.Snapshot up = LinkOracle.stable(rt, ip);
            assertMatches(up);
            assertEquals(List.of("LOOPBACK", "UP", "LOWER_UP"), up.link("lo").flagNames());
            assertEquals(List.of("NO-CARRIER", "BROADCAST", "MULTICAST", "UP"), up.link("a0").flagNames());
            assertEquals(List.of("BROADCAST", "MULTICAST", "NOARP", "ALLMULTI", "PROMISC", "UP", "LOWER_UP"),
                    up.link("b0").flagNames());
            assertEquals(List.of("BROADCAST", "MULTICAST"), up.link("c0").flagNames());
            assertEquals(Optional.of("b zero"), up.link("b0").alias());
            assertEquals(List.of("b1-alternative-name-longer-than-ifnamsiz", "b1-second"), up.link("b1").altNames());
            assertEquals(up.link("br0").index(), up.link("a1").master().orElseThrow());
            assertEquals(Optional.of("bridge"), up.link("a1").slaveKind());
            assertTrue(up.link("br0").kindData().isPresent(), "a bridge's IFLA_INFO_DATA is kept raw");
            assertEquals(up.link("a1").index(), up.link("a0").link().orElseThrow());
            assertTrue(up.link("e0").linkNetnsId().isPresent());
            assertFalse(up.link("lo").unknown().isEmpty(), "unmodelled attributes are kept, not dropped");
        } finally {
            NetNs.delete(peerNs);
        }
    }

    @Test
    void vethPeerCreatedStraightInAnotherNamespace(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        String peerNs = LinkOracle.peerNamespaceName();
        NetNs peer = NetNs.create(peerNs);
        try (peer; Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            MacAddress mac = MacAddress.parse("02:aa:00:00:00:01");
            MacAddress peerMac = MacAddress.parse("02:aa:00:00:00:02");
            rt.links().addVeth(VethSpec.of("out0", "in0").withPeerNamespace(peer).withMtu(1400)
                    .withAddress(mac).withPeerAddress(peerMac));

            JsonNode inside = LinkOracle.byName(Ip.in(peerNs).json("-d", "link"), "in0");
            assertEquals(1400, inside.path("mtu").asInt());
            assertEquals(peerMac.toString(), text(inside, "address"));
            assertEquals("veth", text(inside.path("linkinfo"), "info_kind"));
            assertTrue(inside.has("link_netnsid"), "peer's IFLA_LINK points back into another namespace");
            assertFalse(ip.json("link").toString().contains("\"in0\""), "peer is not in the first namespace");

            LinkOracle.Snapshot s = LinkOracle.stable(rt, ip);
            assertMatches(s);
            Link out = s.link("out0");
            assertEquals(mac, out.address().orElseThrow());
            assertEquals(1400, out.mtu());
            assertTrue(out.linkNetnsId().isPresent());
            assertEquals(inside.path("ifindex").asInt(), out.link().orElseThrow(), "IFLA_LINK is the peer's index there");
            assertEquals(out.linkNetnsId().getAsInt(), s.ipLink("out0").path("link_netnsid").asInt());
        } finally {
            NetNs.delete(peerNs);
        }
    }

    @Test
    void everySetOperationIsSeenByIp(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        String peerNs = LinkOracle.peerNamespaceName();
        NetNs other = NetNs.create(peerNs);
        try (other; Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Links links = rt.links();
            links.addVeth(VethSpec.of("s0", "s1"));
            JsonNode s0 = show(ip, "s0");
            assertEquals("veth", text(s0.path("linkinfo"), "info_kind"));
            assertEquals("s1", text(s0, "link"));

            links.setUp("s0");
            assertTrue(strings(show(ip, "s0").path("flags")).contains("UP"));
            links.setDown("s0");
            assertFalse(strings(show(ip, "s0").path("flags")).contains("UP"));

            links.setMtu("s0", 9000);
            assertEquals(9000, show(ip, "s0").path("mtu").asInt());

            MacAddress mac = MacAddress.parse("02:00:5e:10:00:01");
            links.setAddress("s0", mac);
            assertEquals(mac.toString(), text(show(ip, "s0"), "address"));

            links.setAlias("s0", "uplink to the core");
            assertEquals("uplink to the core", text(show(ip, "s0"), "ifalias"));
            links.setAlias("s0", "");
            assertFalse(show(ip, "s0").has("ifalias"), "an empty alias clears it");

            int index = links.indexOf("s0");
            links.rename("s0", "renamed0");
            JsonNode renamed = show(ip, "renamed0");
            assertEquals(index, renamed.path("ifindex").asInt());
            assertNotEquals(0, ip.attempt("link", "show", "dev", "s0").exitCode(), "old name is gone");

            links.moveToNamespace("s1", other);
            assertNotEquals(0, ip.attempt("link", "show", "dev", "s1").exitCode(), "moved away");
            assertEquals("veth", text(LinkOracle.byName(Ip.in(peerNs).json("-d", "link"), "s1")
                    .path("linkinfo"), "info_kind"));
            assertTrue(show(ip, "renamed0").has("link_netnsid"), "the peer is now in another namespace");

            links.delete("renamed0");
            assertFalse(ip.json("link").toString().contains("renamed0"));
            assertFalse(Ip.in(peerNs).json("link").toString().contains("\"s1\""),
                    "deleting one end of a veth deletes the other, even in another namespace");
        } finally {
            NetNs.delete(peerNs);
        }
    }

    @Test
    void getFindsByNameIndexAndAlternativeName(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.batch("""
                link add g0 type veth peer name g1
                link property add dev g0 altname a-name-longer-than-fifteen-bytes
                """);
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            JsonNode g0 = show(ip, "g0");
            int index = g0.path("ifindex").asInt();
            Link byName = rt.links().get("g0").orElseThrow();
            assertEquals(index, byName.index());
            assertEquals(byName.name(), rt.links().get(index).orElseThrow().name());
            assertEquals(index, rt.links().get("a-name-longer-than-fifteen-bytes").orElseThrow().index());
            assertEquals(index, rt.links().indexOf("g0"));
            // the same setters work through the alternative name (sent as IFLA_ALT_IFNAME)
            rt.links().setMtu("a-name-longer-than-fifteen-bytes", 1280);
            assertEquals(1280, show(ip, "g0").path("mtu").asInt());
        }
    }

    @Test
    void errorsNameTheOperationAndCarryTheErrno(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Links links = rt.links();
            links.addVeth(VethSpec.of("e0", "e1"));

            KernelException exists = assertThrows(KernelException.class, () -> links.addVeth(VethSpec.of("e0", "e9")));
            assertEquals(Errno.EEXIST, exists.errno());
            assertEquals("add link e0 type veth peer name e9", exists.operation());
            assertTrue(exists.getMessage().startsWith("add link e0 type veth peer name e9: EEXIST"),
                    exists.getMessage());
            assertFalse(ip.json("link").toString().contains("\"e9\""), "the refused request left nothing behind");

            assertEquals(Optional.empty(), links.get("missing0"));
            assertEquals(Optional.empty(), links.get(99_999));
            KernelException missing = assertThrows(KernelException.class, () -> links.require("missing0"));
            assertEquals(Errno.ENODEV, missing.errno());
            assertTrue(missing.getMessage().contains("get link missing0"), missing.getMessage());

            KernelException setMissing = assertThrows(KernelException.class, () -> links.setUp("missing0"));
            assertEquals(Errno.ENODEV, setMissing.errno());
            assertEquals("set link missing0 up", setMissing.operation());

            assertThrows(KernelException.class, () -> links.indexOf("missing0"));
            assertNotEquals(0, ip.attempt("link", "show", "dev", "missing0").exitCode(), "ip agrees: no such link");
        }
    }

    @Test
    void indexesOfLooksManyLinksUpInOneBatch(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        StringBuilder setup = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            setup.append("link add m").append(2 * i).append(" type veth peer name m").append(2 * i + 1).append('\n');
        }
        setup.append("link property add dev m0 altname m0-alternative-name-longer\n");
        ip.batch(setup.toString());
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            List<String> names = IntStream.range(0, 80).mapToObj(i -> "m" + (79 - i)).collect(Collectors.toList());
            names.add("m3"); // a repeat is looked up once
            names.add("m0-alternative-name-longer");
            long sentBefore = rt.socket().stats().datagramsSent();
            var indexes = rt.links().indexesOf(names);
            assertEquals(1, rt.socket().stats().datagramsSent() - sentBefore, "one datagram for 81 lookups");
            assertEquals(81, indexes.size());
            assertEquals(names.subList(0, 80), List.copyOf(indexes.keySet()).subList(0, 80), "in the order asked");
            for (JsonNode l : ip.json("link")) {
                String name = l.path("ifname").asText();
                if (name.startsWith("m")) {
                    assertEquals(l.path("ifindex").asInt(), indexes.get(name), name);
                }
            }
            assertEquals(indexes.get("m0"), indexes.get("m0-alternative-name-longer"));

            BatchException missing = assertThrows(BatchException.class,
                    () -> rt.links().indexesOf(List.of("m1", "nope0", "m2", "nope1")));
            assertEquals(2, missing.failures().size(), missing.getMessage());
            assertEquals(1, missing.failures().get(0).index());
            assertEquals(Errno.ENODEV, missing.failures().get(0).error().errno());
            assertEquals("get link nope0", missing.failures().get(0).error().operation());
            assertEquals("get link nope1", missing.failures().get(1).error().operation());
        }
    }

    /**
     * A link with as many 127-byte alternative names as the kernel accepts: its RTM_NEWLINK exceeds 64 KiB
     * (the kernel caps IFLA_PROP_LIST, a u16-length attribute, just below 64 KiB; the rest of the message
     * goes on top), so the receive path must grow its buffer past 64 KiB.
     */
    @Test
    void linkWithMessagesOverSixtyFourKibDecodes(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", "big0", "type", "veth", "peer", "name", "big1");
        String lines = IntStream.range(0, 600)
                .mapToObj(i -> "link property add dev big0 altname " + "%04d".formatted(i) + "-".repeat(123))
                .collect(Collectors.joining("\n", "", "\n"));
        // -force: go on after the kernel starts refusing ("effective property list too long")
        Oracle.Result r = Oracle.run(lines, "ip", "-n", ns.name(), "-force", "-batch", "-");
        List<String> expected = strings(show(ip, "big0").path("altnames"));
        assertTrue(expected.size() >= 400, "the kernel accepted only " + expected.size() + " altnames: " + r.stderr());
        assertEquals(127, expected.getFirst().length());

        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            long before = rt.socket().stats().bytesReceived();
            Link big = rt.links().get("big0").orElseThrow();
            long received = rt.socket().stats().bytesReceived() - before;
            assertTrue(received > 64 * 1024, "reply was only " + received + " bytes");
            System.out.printf("kernel accepted %d altnames of 127 bytes; RTM_NEWLINK reply plus ACK: %d bytes%n",
                    expected.size(), received);
            assertEquals(expected, big.altNames());
            assertEquals(big.index(), rt.links().get(expected.getLast()).orElseThrow().index());

            LinkOracle.Snapshot s = LinkOracle.stable(rt, ip);
            assertMatches(s);
            assertEquals(expected, s.link("big0").altNames());
        }
    }

    @Test
    void requestBuildersBatchWithEachRefusalNamed(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", "m0", "type", "veth", "peer", "name", "m1");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            int m1 = rt.links().indexOf("m1");
            BatchException e = assertThrows(BatchException.class, () -> rt.socket().batch(List.of(
                    LinkCodec.setMtu("m0", 1400),
                    LinkCodec.setUp("nothere"),
                    LinkCodec.setMtu(m1, 1400),
                    LinkCodec.setUp("m0"),
                    LinkCodec.setUp(m1))));
            assertEquals(1, e.failures().size());
            assertEquals(1, e.failures().getFirst().index());
            assertEquals("set link nothere up", e.first().operation());
            assertEquals(Errno.ENODEV, e.first().errno());
            // rtnetlink has no transactions: every other request took effect
            for (String name : List.of("m0", "m1")) {
                JsonNode l = show(ip, name);
                assertEquals(1400, l.path("mtu").asInt(), name);
                assertTrue(strings(l.path("flags")).contains("UP"), name);
            }
        }
    }

    private static JsonNode show(Ip ip, String name) {
        JsonNode a = ip.json("-d", "link", "show", "dev", name);
        assertEquals(1, a.size(), "ip link show dev " + name);
        return a.get(0);
    }
}
