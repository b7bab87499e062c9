package io.jnetlink.route.address;

import io.jnetlink.route.testing.NetFixture;
import io.jnetlink.route.Scope;
import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Addresses against the kernel, each result checked with {@code ip -j address} (the oracle), never only with
 * jnetlink's own reader.
 */
@NetnsTest
class AddressesKernelTest {

    private static final long FOREVER = 0xFFFF_FFFFL;
    /** IFA_F_PERMANENT of linux/if_addr.h; ip prints "dynamic" when it is missing. */
    private static final int PERMANENT = 0x80;
    /** The boolean keys ip -j prints for IFA_F_* bits (linux/if_addr.h values, typed independently). */
    private static final Map<String, Integer> IP_FLAG_KEYS = Map.ofEntries(
            Map.entry("secondary", 0x01), Map.entry("temporary", 0x01), Map.entry("nodad", 0x02),
            Map.entry("optimistic", 0x04), Map.entry("dadfailed", 0x08), Map.entry("home", 0x10),
            Map.entry("deprecated", 0x20), Map.entry("tentative", 0x40), Map.entry("mngtmpaddr", 0x100),
            Map.entry("noprefixroute", 0x200), Map.entry("autojoin", 0x400), Map.entry("stable-privacy", 0x800));
    private static final int IP_PRINTED_FLAGS = 0xFFF;

    /**
     * One address as both sides can describe it. Finite lifetimes are compared separately: they count down
     * between the two reads.
     */
    record Row(int index, String family, String local, int prefixlen, String peer, String broadcast, String scope,
               String label, int flags, boolean validForever, boolean preferredForever) {
    }

    private static Row row(Address a) {
        return new Row(a.index(), a.local().isIpv4() ? "inet" : "inet6", InetAddresses.toString(a.local().address()),
                a.local().length(), a.peer().map(InetAddresses::toString).orElse(null),
                a.broadcast().map(InetAddresses::toString).orElse(null), a.scope().name(), a.label().orElse(null),
                a.flags() & IP_PRINTED_FLAGS, a.validLifetime().isEmpty(), a.preferredLifetime().isEmpty());
    }

    private static Row row(int index, JsonNode j) {
        int flags = 0;
        for (Map.Entry<String, Integer> e : IP_FLAG_KEYS.entrySet()) {
            if (j.path(e.getKey()).asBoolean(false)) {
                flags |= e.getValue();
            }
        }
        if (!j.path("dynamic").asBoolean(false)) {
            flags |= PERMANENT;
        }
        return new Row(index, j.get("family").asText(), j.get("local").asText(), j.get("prefixlen").asInt(),
                text(j, "address"), text(j, "broadcast"), j.get("scope").asText(), text(j, "label"), flags,
                j.get("valid_life_time").asLong() == FOREVER, j.get("preferred_life_time").asLong() == FOREVER);
    }

    private static String text(JsonNode j, String field) {
        return j.has(field) ? j.get(field).asText() : null;
    }

    /** {@code ip -j address show [dev DEV]} as rows. */
    private static Set<Row> oracle(Ip ip, String... dev) {
        List<String> args = new ArrayList<>(List.of("address", "show"));
        if (dev.length > 0) {
            args.addAll(List.of("dev", dev[0]));
        }
        Set<Row> rows = new HashSet<>();
        for (JsonNode link : ip.json(args.toArray(String[]::new))) {
            for (JsonNode a : link.get("addr_info")) {
                rows.add(row(link.get("ifindex").asInt(), a));
            }
        }
        return rows;
    }

    private static Set<Row> rows(List<Address> addresses) {
        Set<Row> rows = addresses.stream().map(AddressesKernelTest::row).collect(Collectors.toSet());
        assertEquals(addresses.size(), rows.size(), "no address may be listed twice");
        return rows;
    }

    private static JsonNode ipAddress(Ip ip, String dev, String local) {
        for (JsonNode a : ip.json("address", "show", "dev", dev).get(0).get("addr_info")) {
            if (a.get("local").asText().equals(local)) {
                return a;
            }
        }
        throw new AssertionError("ip does not show " + local + " on " + dev);
    }

    private static Address v4(int index, String cidr) {
        return Address.builder(index, IpPrefix.parse(cidr)).build();
    }

    private static Address v6(int index, String cidr) {
        return Address.builder(index, IpPrefix.parse(cidr)).flags(AddressFlags.NODAD).build();
    }

    @Test
    void ipv4FieldsRoundTrip(TestNamespace ns) {
        Ip ip = NetFixture.vethPair(ns, "veth0", "veth1");
        int veth0 = NetFixture.indexOf(ip, "veth0");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Addresses addresses = rt.addresses();
            addresses.add(Address.builder(veth0, IpPrefix.parse("10.0.0.1/24"))
                    .broadcast(InetAddresses.parse("10.0.0.255")).label("veth0:x").build());
            addresses.add(v4(veth0, "10.0.0.7/24")); // a second address in the subnet: secondary
            addresses.add(Address.builder(veth0, IpPrefix.parse("10.2.0.1/24")).peer(InetAddresses.parse("10.2.0.2"))
                    .scope(Scope.LINK).build());
            addresses.add(Address.builder(veth0, IpPrefix.parse("10.1.0.1/24")).flags(AddressFlags.NOPREFIXROUTE)
                    .build());
            addresses.add(Address.builder(veth0, IpPrefix.parse("10.3.0.1/24")).validLifetime(1000)
                    .preferredLifetime(500).build());
            addresses.add("veth0", "192.168.5.5/16");
            addresses.add(Address.builder(veth0, IpPrefix.parse("10.4.0.1/24")).scope(Scope.HOST).build());

            List<Address> mine = addresses.list("veth0");
            Set<Row> theirs = oracle(ip, "veth0");
            assertEquals(theirs, rows(mine));
            assertEquals(8, mine.size(), "seven added and the kernel's IPv6 link-local");
            assertEquals(oracle(ip), rows(addresses.list()), "every link, lo included");

            // The oracle saw each field as it was set, not only the same as jnetlink.
            JsonNode labelled = ipAddress(ip, "veth0", "10.0.0.1");
            assertEquals("veth0:x", labelled.get("label").asText());
            assertEquals("10.0.0.255", labelled.get("broadcast").asText());
            assertTrue(ipAddress(ip, "veth0", "10.0.0.7").path("secondary").asBoolean());
            JsonNode peer = ipAddress(ip, "veth0", "10.2.0.1");
            assertEquals("10.2.0.2", peer.get("address").asText());
            assertEquals("link", peer.get("scope").asText());
            assertTrue(ipAddress(ip, "veth0", "10.1.0.1").path("noprefixroute").asBoolean());
            assertEquals("host", ipAddress(ip, "veth0", "10.4.0.1").get("scope").asText());

            // Lifetimes count down: jnetlink read first, so ip's value can only be smaller or equal.
            Address timed = mine.stream().filter(a -> a.local().equals(IpPrefix.parse("10.3.0.1/24"))).findFirst()
                    .orElseThrow();
            JsonNode theirsTimed = ipAddress(ip, "veth0", "10.3.0.1");
            assertTrue(theirsTimed.path("dynamic").asBoolean());
            long valid = timed.validLifetime().orElseThrow();
            long preferred = timed.preferredLifetime().orElseThrow();
            assertTrue(valid <= 1000 && theirsTimed.get("valid_life_time").asLong() <= valid, () -> "valid " + valid);
            assertTrue(preferred <= 500 && theirsTimed.get("preferred_life_time").asLong() <= preferred,
                    () -> "preferred " + preferred);
        }
    }

    @Test
    void ipv6FieldsRoundTripIncludingTheLinkLocal(TestNamespace ns) {
        Ip ip = NetFixture.vethPair(ns, "veth0", "veth1");
        int veth0 = NetFixture.indexOf(ip, "veth0");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Addresses addresses = rt.addresses();
            addresses.add(v6(veth0, "2001:db8::1/64"));
            addresses.add(Address.builder(veth0, IpPrefix.parse("2001:db8:1::1/64"))
                    .flags(AddressFlags.NODAD | AddressFlags.NOPREFIXROUTE).build());
            addresses.add(Address.builder(veth0, IpPrefix.parse("2001:db8:77::1/64"))
                    .peer(InetAddresses.parse("2001:db8:77::2")).flags(AddressFlags.NODAD).build());
            addresses.add(Address.builder(veth0, IpPrefix.parse("2001:db8:2::1/64")).flags(AddressFlags.NODAD)
                    .validLifetime(2000).preferredLifetime(1000).build());
            NetFixture.settle(ip);

            List<Address> mine = addresses.list(veth0);
            assertEquals(oracle(ip, "veth0"), rows(mine));
            assertEquals(5, mine.size(), "four added and the kernel's link-local");
            Address linkLocal = mine.stream().filter(a -> a.local().address().isLinkLocalAddress()).findFirst()
                    .orElseThrow();
            assertEquals(Scope.LINK, linkLocal.scope());
            assertEquals(64, linkLocal.local().length());

            JsonNode peer = ipAddress(ip, "veth0", "2001:db8:77::1");
            assertEquals("2001:db8:77::2", peer.get("address").asText());
            JsonNode flagged = ipAddress(ip, "veth0", "2001:db8:1::1");
            assertTrue(flagged.path("nodad").asBoolean() && flagged.path("noprefixroute").asBoolean());
            Address timed = mine.stream().filter(a -> a.local().equals(IpPrefix.parse("2001:db8:2::1/64")))
                    .findFirst().orElseThrow();
            JsonNode theirsTimed = ipAddress(ip, "veth0", "2001:db8:2::1");
            assertTrue(timed.validLifetime().orElseThrow() <= 2000
                    && theirsTimed.get("valid_life_time").asLong() <= timed.validLifetime().orElseThrow());
            assertTrue(timed.preferredLifetime().orElseThrow() <= 1000
                    && theirsTimed.get("preferred_life_time").asLong() <= timed.preferredLifetime().orElseThrow());
        }
    }

    @Test
    void replaceChangesInPlace(TestNamespace ns) {
        Ip ip = NetFixture.vethPair(ns, "veth0", "veth1");
        int veth0 = NetFixture.indexOf(ip, "veth0");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Addresses addresses = rt.addresses();
            Address v4 = v4(veth0, "10.0.0.1/24");
            addresses.add(v4);
            assertFalse(ipAddress(ip, "veth0", "10.0.0.1").path("dynamic").asBoolean());
            addresses.replace(v4.toBuilder().validLifetime(600).preferredLifetime(300).build());
            JsonNode after = ipAddress(ip, "veth0", "10.0.0.1");
            assertTrue(after.path("dynamic").asBoolean());
            assertTrue(after.get("valid_life_time").asLong() <= 600);
            assertTrue(after.get("preferred_life_time").asLong() <= 300);

            Address v6 = v6(veth0, "2001:db8::1/64");
            addresses.add(v6);
            assertFalse(ipAddress(ip, "veth0", "2001:db8::1").path("noprefixroute").asBoolean());
            addresses.replace(v6.toBuilder().addFlags(AddressFlags.NOPREFIXROUTE).build());
            assertTrue(ipAddress(ip, "veth0", "2001:db8::1").path("noprefixroute").asBoolean());

            Address fresh = v4(veth0, "10.9.0.1/24");
            addresses.replace(fresh); // NLM_F_CREATE: replace of a missing address adds it
            ipAddress(ip, "veth0", "10.9.0.1");

            NetFixture.settle(ip);
            assertEquals(oracle(ip, "veth0"), rows(addresses.list("veth0")));
            assertEquals(1, oracle(ip, "veth0").stream().filter(r -> r.local().equals("10.0.0.1")).count(),
                    "replaced in place, not added twice");
        }
    }

    @Test
    void deleteRemoves(TestNamespace ns) {
        Ip ip = NetFixture.vethPair(ns, "veth0", "veth1");
        int veth0 = NetFixture.indexOf(ip, "veth0");
        ip.run("address", "add", "10.0.0.1/24", "dev", "veth0");
        ip.run("address", "add", "10.0.1.1/24", "dev", "veth0");
        ip.run("address", "add", "2001:db8::1/64", "dev", "veth0", "nodad");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Addresses addresses = rt.addresses();
            addresses.delete(v4(veth0, "10.0.0.1/24"));
            addresses.delete("veth0", "2001:db8::1/64");
            // A decoded address deletes itself.
            Address listed = addresses.list("veth0").stream()
                    .filter(a -> a.local().equals(IpPrefix.parse("10.0.1.1/24"))).findFirst().orElseThrow();
            addresses.delete(listed);
            Set<String> left = oracle(ip, "veth0").stream().map(Row::local).collect(Collectors.toSet());
            assertFalse(left.contains("10.0.0.1"));
            assertFalse(left.contains("10.0.1.1"));
            assertFalse(left.contains("2001:db8::1"));
            assertEquals(1, left.size(), "only the link-local is left: " + left);

            KernelException e = assertThrows(KernelException.class, () -> addresses.delete("veth0", "10.0.0.1/24"));
            assertEquals(Errno.EADDRNOTAVAIL, e.errno());
            assertTrue(e.getMessage().startsWith("delete address 10.0.0.1/24 dev veth0: EADDRNOTAVAIL"),
                    e.getMessage());
            assertIpSays(ip.attempt("address", "del", "10.0.0.1/24", "dev", "veth0"), e);
        }
    }

    @Test
    void addingAnExistingAddressFailsWithEexistNamingTheOperation(TestNamespace ns) {
        Ip ip = NetFixture.vethPair(ns, "veth0", "veth1");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Addresses addresses = rt.addresses();
            addresses.add("veth0", "10.0.0.1/24");
            KernelException e = assertThrows(KernelException.class, () -> addresses.add("veth0", "10.0.0.1/24"));
            assertEquals(Errno.EEXIST, e.errno());
            assertEquals("add address 10.0.0.1/24 dev veth0", e.operation());
            assertTrue(e.getMessage().startsWith("add address 10.0.0.1/24 dev veth0: EEXIST (File exists)"),
                    e.getMessage());
            assertIpSays(ip.attempt("address", "add", "10.0.0.1/24", "dev", "veth0"), e);

            addresses.add("veth0", "2001:db8::1/64");
            KernelException e6 = assertThrows(KernelException.class, () -> addresses.add("veth0", "2001:db8::1/64"));
            assertEquals(Errno.EEXIST, e6.errno());
            assertIpSays(ip.attempt("address", "add", "2001:db8::1/64", "dev", "veth0"), e6);
        }
    }

    /**
     * The kernel's answer as ip reports it: {@code Error: TEXT.} when there is an extended-ACK message (which
     * jnetlink must then carry, also in its exception message), else {@code RTNETLINK answers: STRERROR}.
     */
    static void assertIpSays(Oracle.Result ip, KernelException e) {
        assertNotEquals(0, ip.exitCode(), "ip must fail the same way");
        String said = ip.stderr().strip();
        if (said.startsWith("Error: ")) {
            String text = e.kernelMessage().orElseThrow(() -> new AssertionError("ip said '" + said
                    + "' but jnetlink has no extended-ACK message: " + e.getMessage()));
            assertEquals(said, "Error: " + text + (text.endsWith(".") ? "" : "."));
            assertTrue(e.getMessage().contains(text), e.getMessage());
        } else {
            assertEquals("RTNETLINK answers: " + e.errno().description(), said);
            assertEquals(Optional.empty(), e.kernelMessage());
        }
    }

    @Test
    void thousandAddressesInOneBatchListExactlyAsIpShowsThem(TestNamespace ns) {
        Ip ip = NetFixture.vethPair(ns, "veth0", "veth1");
        int veth0 = NetFixture.indexOf(ip, "veth0");
        List<Address> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(v4(veth0, "10." + (100 + i / 250) + "." + (i % 250) + ".1/24"));
            many.add(v6(veth0, "2001:db8:100::" + Integer.toHexString(i + 1) + "/64"));
        }
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Addresses addresses = rt.addresses();
            long before = rt.socket().stats().datagramsSent();
            addresses.addAll(many);
            long datagrams = rt.socket().stats().datagramsSent() - before;
            assertTrue(datagrams < many.size() / 10, "batched into few datagrams, sent " + datagrams);
            NetFixture.settle(ip);

            Set<String> mine = addresses.list("veth0").stream().map(a -> a.local().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> theirs = new TreeSet<>();
            for (JsonNode a : ip.json("address", "show", "dev", "veth0").get(0).get("addr_info")) {
                theirs.add(a.get("local").asText() + "/" + a.get("prefixlen").asInt());
            }
            assertEquals(theirs, mine);
            assertEquals(many.size() + 1, mine.size(), "1000 added and the link-local");
            assertEquals(oracle(ip, "veth0"), rows(addresses.list("veth0")));

            addresses.deleteAll(many);
            assertEquals(1, oracle(ip, "veth0").size(), "only the link-local is left");
        }
    }

    @Test
    void batchFailureInTheMiddleNamesTheRequestAndTheOthersApply(TestNamespace ns) {
        Ip ip = NetFixture.vethPair(ns, "veth0", "veth1");
        int veth0 = NetFixture.indexOf(ip, "veth0");
        ip.run("address", "add", "10.0.2.1/24", "dev", "veth0");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            List<Address> batch = List.of(v4(veth0, "10.0.1.1/24"), v4(veth0, "10.0.2.1/24"), v4(veth0, "10.0.3.1/24"));
            BatchException e = assertThrows(BatchException.class, () -> rt.addresses().addAll(batch));
            assertEquals(3, e.batchSize());
            assertEquals(1, e.failures().size());
            assertEquals(1, e.failures().getFirst().index());
            assertEquals(Errno.EEXIST, e.first().errno());
            assertEquals("add address 10.0.2.1/24 ifindex " + veth0, e.first().operation());
            assertTrue(e.getMessage().contains("add address 10.0.2.1/24 ifindex " + veth0)
                    && e.getMessage().contains("[request 2 of 3]"), e.getMessage());
            Set<String> present = oracle(ip, "veth0").stream().map(Row::local).collect(Collectors.toSet());
            assertTrue(present.containsAll(Set.of("10.0.1.1", "10.0.2.1", "10.0.3.1")), present.toString());
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent(TestNamespace ns) {
        Ip ip = NetFixture.vethPair(ns, "veth0", "veth1");
        int veth0 = NetFixture.indexOf(ip, "veth0");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            Addresses addresses = rt.addresses();
            long sent = rt.socket().stats().messagesSent();
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> addresses.add("veth0", "10.0.0.1/33"));
            assertTrue(bad.getMessage().contains("prefix length 33"), bad.getMessage());
            assertThrows(IllegalArgumentException.class, () -> addresses.add("veth0", "veth0.example.com/24"));
            Address valid = v4(veth0, "10.0.0.1/24");
            // The second entry is invalid for a request (valid lifetime 0): the whole batch is refused unsent.
            Address invalid = Address.builder(veth0, IpPrefix.parse("10.0.1.1/24")).validLifetime(0)
                    .preferredLifetime(0).build();
            assertThrows(IllegalArgumentException.class, () -> addresses.addAll(List.of(valid, invalid)));
            assertEquals(sent, rt.socket().stats().messagesSent(), "nothing was sent");
            assertTrue(oracle(ip, "veth0").stream().noneMatch(r -> r.family().equals("inet")));
        }
    }

    @Test
    void listByIndexIsFilteredByTheKernel(TestNamespace ns) {
        Ip ip = NetFixture.vethPair(ns, "veth0", "veth1");
        ip.run("address", "add", "10.0.0.1/24", "dev", "veth0");
        ip.run("address", "add", "10.0.0.2/24", "dev", "veth1");
        ip.run("address", "add", "2001:db8::2/64", "dev", "veth1", "nodad");
        int veth1 = NetFixture.indexOf(ip, "veth1");
        try (Rtnetlink rt = Rtnetlink.open(ns.netns())) {
            NetlinkSocket socket = rt.socket();
            List<Message> raw = socket.dump(AddressCodec.dump(veth1));
            assertFalse(raw.isEmpty());
            for (Message m : raw) {
                assertEquals(Rtm.RTM_NEWADDR, m.type());
                assertTrue(m.hasFlag(Nl.NLM_F_DUMP_FILTERED), "the kernel applied the filter");
                assertEquals(veth1, AddressCodec.decode(m).index());
            }
            assertEquals(oracle(ip, "veth1"), rows(rt.addresses().list(veth1)));
            KernelException e = assertThrows(KernelException.class, () -> rt.addresses().list("nosuchdev"));
            assertEquals(Errno.ENODEV, e.errno());
        }
    }
}
