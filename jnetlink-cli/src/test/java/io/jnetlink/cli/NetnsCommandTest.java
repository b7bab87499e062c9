package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jnl netns add|list|del} against {@code ip netns list}. */
@NetnsTest
class NetnsCommandTest {

    @Test
    void addListDel(TestNamespace ns) {
        // Named after the test's namespace, so that the testkit sweeps it if this JVM dies.
        String name = ns.name() + "-n";
        try {
            Cli.jnl("netns", "add", name).ok();
            assertTrue(Cli.ipNetnsList().contains(name), "ip netns list shows it");
            assertEquals(List.of("lo"), LinkCommandTest.names(name), "ip -n can use it");

            List<String> listed = new ArrayList<>();
            JsonNode json = Cli.jnl("netns", "list", "--json").ok().json();
            json.forEach(n -> listed.add(n.get("name").asText()));
            assertTrue(listed.contains(name) && listed.contains(ns.name()), listed.toString());
            // Other tests may add and remove namespaces meanwhile: compare what both show that is ours.
            List<String> ours = Cli.ipNetnsList().stream().filter(n -> ours(ns, n)).sorted().toList();
            assertEquals(ours, listed.stream().filter(n -> ours(ns, n)).toList());

            List<String> table = Cli.jnl("netns").ok().out().lines().toList();
            assertEquals("NAME", table.getFirst());
            assertTrue(table.contains(name), table.toString());

            Cli.Result again = Cli.jnl("netns", "add", name);
            assertEquals(1, again.exit());
            assertTrue(again.err().contains("EEXIST"), again.err());

            Cli.jnl("netns", "del", name).ok();
            assertFalse(Cli.ipNetnsList().contains(name), "ip netns list no longer shows it");

            Cli.Result gone = Cli.jnl("netns", "delete", name);
            assertEquals(1, gone.exit());
            assertTrue(gone.err().contains("ENOENT"), gone.err());
        } finally {
            Cli.ipNetnsDel(name);
        }
    }

    private static boolean ours(TestNamespace ns, String name) {
        return name.equals(ns.name()) || name.startsWith(ns.name() + "-");
    }
}
