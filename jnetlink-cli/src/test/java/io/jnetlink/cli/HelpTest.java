package io.jnetlink.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command answers --help (the usage errors point there), without touching the kernel. */
class HelpTest {

    @ParameterizedTest(name = "jnl {0} --help")
    @ValueSource(strings = {"", "link", "link list", "link show", "link add", "link del", "link set", "addr",
            "addr list", "addr add", "addr del", "route", "route list", "route add", "route replace", "route del",
            "netns", "netns list", "netns add", "netns del", "demo", "neigh", "neigh list", "neigh add",
            "neigh replace", "neigh del", "fdb", "fdb list", "fdb add", "fdb append", "fdb replace", "fdb del", "fdb sync",
            "bridge", "bridge link", "bridge link list", "bridge link set", "bridge vlan", "bridge vlan list",
            "bridge vlan add", "bridge vlan del", "tap", "tap add", "tap del", "sysctl", "sysctl get", "sysctl set", "garp",
            "ethtool", "ethtool features", "ethtool set", "wg", "wg show", "wg set", "monitor"})
    void everyCommandHasHelp(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        Cli.Result r = Cli.jnl(args.toArray(String[]::new)).ok();
        assertTrue(r.out().startsWith("Usage: jnl " + command), r.out());
        assertTrue(r.out().contains("--netns=NAME") && r.out().contains("--json"), r.out());
    }

    @ParameterizedTest(name = "jnl {0}")
    @ValueSource(strings = {"--version", "-V"})
    void version(String option) {
        Cli.Result r = Cli.jnl(option).ok();
        assertTrue(r.out().startsWith("jnl (jnetlink) "), r.out());
        assertEquals(1, r.out().lines().count());
    }
}
