package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jnetlink.cli.LinkListTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jnl route list --json} against {@code ip -j route}, with 1,000 and 10,000 routes. */
@NetnsTest
class RouteListTest {

    /** One route in the fields both print, with ip's defaults filled in where ip leaves a field out. */
    record R(String dst, String gateway, String dev, String metric, String protocol, String scope, String type,
             String table, String prefsrc) {
    }

    @Test
    void listsTheRoutesIpLists(TestNamespace ns) {
        // No link-local addresses (addrgenmode none): their local routes would appear when DAD ends.
        StringBuilder batch = new StringBuilder("""
                link add e0 type veth peer name f0
                link set e0 addrgenmode none
                link set f0 addrgenmode none
                link set e0 up
                link set f0 up
                address add 10.0.0.1/16 dev e0
                address add fd00::1/64 dev e0 nodad
                route add default via 10.0.0.254
                route add default via fd00::fe
                """);
        int routes = 2;
        for (int i = 0; i < 740; i++) {
            batch.append("route add 10.").append(100 + i / 256).append('.').append(i % 256).append(".0/24 via 10.0.0.2\n");
        }
        for (int i = 0; i < 100; i++) {
            batch.append("route add 10.120.").append(i).append(".0/24 dev e0 metric ").append(i).append(" proto static\n");
        }
        for (String type : List.of("blackhole", "unreachable", "prohibit")) {
            for (int i = 0; i < 40; i++) {
                batch.append("route add ").append(type).append(" 10.13").append(type.length() % 10).append('.')
                        .append(i).append(".0/24\n");
            }
        }
        for (int i = 0; i < 40; i++) {
            batch.append("route add 10.140.").append(i).append(".1 dev e0 scope link src 10.0.0.1\n");
        }
        for (int i = 0; i < 50; i++) {
            batch.append("route add 10.150.").append(i).append(".0/24 via 10.0.0.3 table 100 proto 42\n");
        }
        for (int i = 0; i < 200; i++) {
            batch.append("route add fd10:").append(Integer.toHexString(i)).append("::/64 via fd00::2")
                    .append(i % 2 == 0 ? " metric 7" : "").append('\n');
        }
        for (int i = 0; i < 40; i++) {
            batch.append("route add blackhole fd20:").append(Integer.toHexString(i)).append("::/64\n");
        }
        for (int i = 0; i < 30; i++) {
            batch.append("route add fd30:").append(Integer.toHexString(i)).append("::/64 dev e0 table 100\n");
        }
        routes += 740 + 100 + 120 + 40 + 50 + 200 + 40 + 30;
        Ip ip = Ip.in(ns.name());
        ip.batch(batch.toString());
        String n = ns.name();
        assertTrue(ip.json("route").size() >= 1000, "1000 IPv4 routes in the main table");

        same(n, "main", "route list --json", "route");
        same(n, "main", "-6 route list --json", "-6", "route");
        // Without -4 or -6, "table all" lists both families, with ip as with jnl.
        same(n, "main", "route list table all --json", "route", "show", "table", "all");
        same(n, "main", "-4 route list table all -j", "-4", "route", "show", "table", "all");
        same(n, "main", "route -6 list table all --json", "-6", "route", "show", "table", "all");
        same(n, "100", "route show table 100 -j", "route", "show", "table", "100");
        same(n, "local", "route show table local -j", "route", "show", "table", "local");
        int listed = ip.json("route", "show", "table", "all").size() + ip.json("-6", "route", "show", "table", "all").size();
        assertTrue(listed > routes, "all tables hold the routes added and the kernel's: " + listed);
    }

    @Test
    void dumpsTenThousandRoutes(TestNamespace ns) {
        StringBuilder batch = new StringBuilder("""
                link add e0 type veth peer name f0
                link set e0 up
                link set f0 up
                address add 10.0.0.1/16 dev e0
                """);
        for (int i = 0; i < 10_000; i++) {
            batch.append("route add 172.").append(16 + i / 4096).append('.').append(i / 16 % 256).append('.')
                    .append(i % 16 * 16).append("/28 ");
            batch.append(i % 3 == 0 ? "via 10.0.0.2" : "dev e0").append(" metric ").append(i % 5)
                    .append(" table 7000\n");
        }
        Ip.in(ns.name()).batch(batch.toString());
        assertEquals(10_000, Ip.in(ns.name()).json("route", "show", "table", "7000").size());
        same(ns.name(), "7000", "route list table 7000 --json", "route", "show", "table", "7000");
    }

    /** {@code jnl --netns NS JNL} and {@code ip -n NS -j IP} list the same routes in the same (kernel) order. */
    static void same(String netns, String listedTable, String jnl, String... ip) {
        Cli.Snapshot<JsonNode> s = Cli.settled(() -> Ip.in(netns).json(ip), () -> Cli.ok(netns, jnl).json());
        List<R> fromIp = fromIp(s.oracle(), listedTable);
        List<R> fromJnl = fromJnl(s.jnl());
        assertEquals(fromIp.size(), fromJnl.size(), "as many routes");
        for (int i = 0; i < fromIp.size(); i++) {
            assertEquals(fromIp.get(i), fromJnl.get(i), "route " + i);
        }
    }

    static List<R> fromIp(JsonNode routes, String listedTable) {
        List<R> out = new ArrayList<>();
        for (JsonNode r : routes) {
            out.add(new R(r.get("dst").asText(), text(r, "gateway"), text(r, "dev"), text(r, "metric"),
                    or(text(r, "protocol"), "boot"), or(text(r, "scope"), "global"), or(text(r, "type"), "unicast"),
                    or(text(r, "table"), listedTable), text(r, "prefsrc")));
        }
        return out;
    }

    static List<R> fromJnl(JsonNode routes) {
        List<R> out = new ArrayList<>();
        for (JsonNode r : routes) {
            String dst = r.get("dst").asText();
            // ip leaves the length out of host routes
            String family = r.get("family").asText();
            dst = dst.endsWith(family.equals("inet") ? "/32" : "/128") ? dst.substring(0, dst.lastIndexOf('/')) : dst;
            out.add(new R(dst, text(r, "gateway"), text(r, "dev"), text(r, "metric"), text(r, "protocol"),
                    text(r, "scope"), text(r, "type"), tableName(r.get("table").asLong()), text(r, "prefsrc")));
        }
        return out;
    }

    private static String tableName(long table) {
        return switch ((int) table) {
            case 253 -> "default";
            case 254 -> "main";
            case 255 -> "local";
            default -> Long.toString(table);
        };
    }

    private static String or(String v, String absent) {
        return v == null ? absent : v;
    }
}
