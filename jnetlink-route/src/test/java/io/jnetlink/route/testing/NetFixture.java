package io.jnetlink.route.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.TestNamespace;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * For kernel tests: a veth pair set up with the {@code ip} oracle, waiting until IPv6 has settled so that
 * jnetlink and the oracle see the same state; and hex parsing for golden bytes. The address and route tests each
 * have a package-private copy, so that test code adds nothing to the exported API.
 */
public final class NetFixture {

    private static final int SETTLE_ROUNDS = 250;
    private static final long SETTLE_PAUSE_MS = 20;

    private NetFixture() {
    }

    /**
     * Creates veth pair {@code a}/{@code b} in the namespace with IPv6 duplicate address detection off (so that
     * the link-local addresses the kernel adds are final at once), brings both and lo up, and waits until
     * addresses and routes have settled.
     */
    public static Ip vethPair(TestNamespace ns, String a, String b) {
        Oracle.run(null, "ip", "netns", "exec", ns.name(), "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0",
                "net.ipv6.conf.default.accept_dad=0").orThrow();
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", a, "type", "veth", "peer", "name", b);
        ip.run("link", "set", "lo", "up");
        ip.run("link", "set", a, "up");
        ip.run("link", "set", b, "up");
        settle(ip);
        return ip;
    }

    /**
     * Waits until IPv6 has finished its asynchronous work (link-local addresses, local routes added by the
     * address workqueue): no address is tentative and two snapshots of addresses and routes 20 ms apart are
     * equal. Not an assertion on timing: the tests compare only after this.
     */
    public static void settle(Ip ip) {
        String last = null;
        for (int i = 0; i < SETTLE_ROUNDS; i++) {
            String now = ip.json("addr").toString() + ip.json("-4", "route", "show", "table", "all")
                    + ip.json("-6", "route", "show", "table", "all");
            if (now.equals(last) && !now.contains("\"tentative\"")) {
                return;
            }
            last = now;
            try {
                Thread.sleep(SETTLE_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for IPv6 to settle", e);
            }
        }
        fail("addresses and routes did not settle in namespace " + ip.netns());
    }

    /** Link index to name, from {@code ip -j link}. */
    public static Map<Integer, String> linkNames(Ip ip) {
        Map<Integer, String> names = new HashMap<>();
        for (JsonNode l : ip.json("link")) {
            names.put(l.get("ifindex").asInt(), l.get("ifname").asText());
        }
        return names;
    }

    /** The index of a link, from {@code ip -j link show dev NAME}. */
    public static int indexOf(Ip ip, String name) {
        return ip.json("link", "show", "dev", name).get(0).get("ifindex").asInt();
    }

    /** Parses hex, ignoring white space. */
    public static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }
}
