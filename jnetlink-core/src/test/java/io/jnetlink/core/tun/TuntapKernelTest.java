package io.jnetlink.core.tun;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.testing.NetNsTestBase;
import io.jnetlink.oracles.Oracle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TUN/TAP devices created and deleted in a test namespace, each result checked with {@code ip -j -d link}. */
class TuntapKernelTest extends NetNsTestBase {

    /** A uid and gid that no account has, so that ip prints them as numbers. */
    private static final long UID = 4242;
    private static final long GID = 4343;

    private JsonNode link(String name) {
        return ip.json("-d", "link", "show", "dev", name).get(0);
    }

    private boolean exists(String name) {
        return ip.attempt("link", "show", "dev", name).exitCode() == 0;
    }

    private static List<String> flags(JsonNode link) {
        List<String> out = new ArrayList<>();
        link.path("flags").forEach(f -> out.add(f.asText()));
        return out;
    }

    /** What ip prints for a uid or gid: the account's name when there is one, else the number. */
    private static String owner(String database, long id) {
        Oracle.Result r = Oracle.run(null, "getent", database, Long.toString(id));
        return r.exitCode() == 0 ? r.stdout().split(":")[0] : Long.toString(id);
    }

    @Test
    void tapWithOwnerGroupMultiQueueAndVnetHdrIsWhatIpTuntapAddCreates() {
        String name = Tuntap.add(ns, TapSpec.tap("tap0").withOwner(UID).withGroup(GID).withMultiQueue().withVnetHdr());
        assertEquals("tap0", name);

        JsonNode tap = link("tap0");
        assertEquals("ether", tap.path("link_type").asText());
        JsonNode info = tap.path("linkinfo");
        assertEquals("tun", info.path("info_kind").asText());
        JsonNode data = info.path("info_data");
        assertEquals("tap", data.path("type").asText());
        assertFalse(data.path("pi").asBoolean(true), "IFF_NO_PI: no packet-information header");
        assertTrue(data.path("vnet_hdr").asBoolean(), "vnet_hdr");
        assertTrue(data.path("multi_queue").asBoolean(), "multi_queue");
        assertTrue(data.path("persist").asBoolean(), "persist");
        assertEquals(owner("passwd", UID), data.path("user").asText());
        assertEquals(owner("group", GID), data.path("group").asText());
    }

    @Test
    void tunWithDefaultsHasNoOwnerAndOneQueue() {
        assertEquals("tun0", Tuntap.add(ns, TapSpec.tun("tun0")));

        JsonNode tun = link("tun0");
        assertEquals("none", tun.path("link_type").asText());
        assertTrue(flags(tun).containsAll(List.of("POINTOPOINT", "NOARP")), "a tun device: " + flags(tun));
        JsonNode data = tun.path("linkinfo").path("info_data");
        assertEquals("tun", data.path("type").asText());
        assertFalse(data.path("pi").asBoolean(true));
        assertFalse(data.path("vnet_hdr").asBoolean(true));
        assertFalse(data.path("multi_queue").asBoolean(true));
        assertTrue(data.path("persist").asBoolean());
        assertFalse(data.has("user"), "no TUNSETOWNER: " + data);
        assertFalse(data.has("group"), "no TUNSETGROUP: " + data);
    }

    @Test
    void deviceIsCreatedInTheNamespaceNotTheHost() {
        String name = "jt" + ProcessHandle.current().pid() % 1_000_000 + "x";
        assertFalse(Oracle.run(null, "ip", "link", "show", "dev", name).exitCode() == 0, "precondition: host has no " + name);
        Tuntap.add(ns, TapSpec.tap(name));
        assertTrue(exists(name), "ip -n " + nsName + " shows " + name);
        assertNotEquals(0, Oracle.run(null, "ip", "link", "show", "dev", name).exitCode(), "the host has no " + name);
    }

    @Test
    void percentDPatternIsCompletedByTheKernel() {
        assertEquals("jt0", Tuntap.add(ns, TapSpec.tap("jt%d")));
        assertEquals("jt1", Tuntap.add(ns, TapSpec.tap("jt%d")));
        assertTrue(exists("jt0") && exists("jt1"));
    }

    @Test
    void existingNameIsEEXISTAndLeavesTheDeviceAlone() {
        Tuntap.add(ns, TapSpec.tap("tap0").withOwner(UID));
        String before = link("tap0").toString();

        SyscallException again = assertThrows(SyscallException.class, () -> Tuntap.add(ns, TapSpec.tap("tap0").withMultiQueue()));
        assertEquals(Errno.EEXIST, again.errno());
        ip.run("link", "add", "d0", "type", "veth", "peer", "name", "d1");
        SyscallException taken = assertThrows(SyscallException.class, () -> Tuntap.add(ns, TapSpec.tun("d0")));
        assertEquals(Errno.EEXIST, taken.errno());

        assertEquals(before, link("tap0").toString(), "the first device is unchanged");
        assertEquals("veth", link("d0").path("linkinfo").path("info_kind").asText());
    }

    @Test
    void deleteRemovesThePersistentDevice() {
        TapSpec spec = TapSpec.tap("tap0").withMultiQueue().withVnetHdr().withOwner(UID);
        Tuntap.add(ns, spec);
        Tuntap.add(ns, TapSpec.tun("tun0"));

        Tuntap.delete(ns, spec);
        Tuntap.delete(ns, TapSpec.tun("tun0"));

        assertFalse(exists("tap0"), "ip no longer shows tap0");
        assertFalse(exists("tun0"), "ip no longer shows tun0");
    }

    @Test
    void deleteWithTheWrongModeOrQueuesChangesNothing() {
        Tuntap.add(ns, TapSpec.tap("tap0"));

        SyscallException mode = assertThrows(SyscallException.class, () -> Tuntap.delete(ns, TapSpec.tun("tap0")));
        assertEquals(Errno.EINVAL, mode.errno());
        SyscallException queues = assertThrows(SyscallException.class, () -> Tuntap.delete(ns, TapSpec.tap("tap0").withMultiQueue()));
        assertEquals(Errno.EINVAL, queues.errno());
        ip.run("link", "add", "d0", "type", "veth", "peer", "name", "d1");
        assertEquals(Errno.EINVAL, assertThrows(SyscallException.class, () -> Tuntap.delete(ns, TapSpec.tap("d0"))).errno());

        assertTrue(link("tap0").path("linkinfo").path("info_data").path("persist").asBoolean(), "tap0 is still there");
        assertTrue(exists("d0"));
    }

    @Test
    void deleteOfAMissingDeviceIsENODEVAndCreatesNothing() {
        SyscallException e = assertThrows(SyscallException.class, () -> Tuntap.delete(ns, TapSpec.tap("tap9")));
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals(List.of("lo"), linkNames());
    }

    private List<String> linkNames() {
        List<String> names = new ArrayList<>();
        ip.json("link").forEach(l -> names.add(l.path("ifname").asText()));
        return names;
    }
}
