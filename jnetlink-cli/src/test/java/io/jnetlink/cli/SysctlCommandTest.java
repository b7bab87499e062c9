package io.jnetlink.cli;

import io.jnetlink.oracles.Ip;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jnl sysctl get|set}, checked with {@code ip netns exec NS sysctl -n KEY}. */
@NetnsTest
class SysctlCommandTest {

    @Test
    void setIsWhatSysctlReadsAndGetIsWhatItPrints(TestNamespace ns) {
        Ip.in(ns.name()).batch("link add v0 type veth peer name v1\n");
        String n = ns.name();
        // one key per way: /proc/sys (global, IPv6, notifying IPv4) and rtnetlink (plain IPv4 settings)
        List<String[]> changes = List.of(
                new String[]{"net.ipv4.ip_forward", "1"},
                new String[]{"net.ipv4.conf.v0.arp_notify", "1"},
                new String[]{"net.ipv4.conf.v0.arp_ignore", "2"},
                new String[]{"net.ipv4.conf.v0.rp_filter", "2"},
                new String[]{"net.ipv6.conf.v0.disable_ipv6", "1"},
                new String[]{"net/ipv4/conf/v1/arp_announce", "2"});
        for (String[] c : changes) {
            String before = Cli.sysctl(n, c[0]);
            assertEquals(before, Cli.ok(n, "sysctl get " + c[0]).out().strip(), "get " + c[0] + " before");
            Cli.ok(n, "sysctl set " + c[0] + " " + c[1]);
            assertEquals(c[1], Cli.sysctl(n, c[0]), "sysctl -n " + c[0]);
            assertEquals(c[1] + "\n", Cli.ok(n, "sysctl get " + c[0]).out(), "get " + c[0] + " after");
        }
        Cli.ok(n, "sysctl set net.ipv4.conf.v0.arp_notify=0");
        assertEquals("0", Cli.sysctl(n, "net.ipv4.conf.v0.arp_notify"), "KEY=VALUE");
        assertEquals(Cli.parse("{\"key\":\"net.ipv4.conf.v1.arp_announce\",\"value\":\"2\"}"),
                Cli.ok(n, "-j sysctl get net.ipv4.conf.v1.arp_announce").json());
        // values longer than one character, and multi-field values with their tabs, as sysctl -n prints them
        for (String key : List.of("net.core.somaxconn", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_rmem",
                "net.ipv6.conf.v0.mtu", "net.ipv4.neigh.v0.base_reachable_time_ms")) {
            assertEquals(Cli.sysctl(n, key) + "\n", Cli.ok(n, "sysctl get " + key).out(), key);
        }
        Cli.ok(n, "sysctl set net.ipv4.ip_local_port_range 20000\t30000");
        assertEquals("20000\t30000", Cli.sysctl(n, "net.ipv4.ip_local_port_range"));
    }

    @Test
    void errors(TestNamespace ns) {
        Ip.in(ns.name()).batch("link add v0 type veth peer name v1\n");
        String n = ns.name();
        String before = Cli.l2State(n) + Cli.sysctl(n, "net.ipv4.conf.v0.arp_notify");
        assertTrue(Cli.refused(n, "sysctl", "get", "net.ipv4.conf.nosuch.arp_notify").err()
                .equals("jnl sysctl get: get net.ipv4.conf.nosuch.arp_notify: ENOENT (No such file or directory): "
                        + "no such key in this namespace\n"));
        assertTrue(Cli.refused(n, "sysctl", "set", "net.ipv4.conf.nosuch.arp_notify", "1").err().contains("ENODEV"));
        assertTrue(Cli.refused(n, "sysctl", "set", "net.ipv4.conf.v0.mc_forwarding", "1").err().contains("EACCES"));
        assertTrue(Cli.refused(n, "sysctl", "set", "net.ipv4.ip_forward_nosuch", "1").err().contains("ENOENT"));
        Cli.usage(n, "'kernel.hostname'", "sysctl", "get", "kernel.hostname");
        Cli.usage(n, "'abc'", "sysctl", "set", "net.ipv4.conf.v0.arp_notify", "abc");
        Cli.usage(n, "net.ipv4.ip_forward", "sysctl", "set", "net.ipv4.ip_forward");
        Cli.usage(n, "net..ipv4", "sysctl", "get", "net..ipv4");
        assertEquals(before, Cli.l2State(n) + Cli.sysctl(n, "net.ipv4.conf.v0.arp_notify"));
    }
}
