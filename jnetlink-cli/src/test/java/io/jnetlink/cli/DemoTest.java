package io.jnetlink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jnl demo}: it runs, prints, cleans up, and its {@code --ip-script} holds ip commands that build the
 * same addresses and routes.
 */
@NetnsTest
class DemoTest {

    private static final Pattern NAMESPACE = Pattern.compile("scratch namespace (\\S+)");

    @Test
    void runsPrintsAndRemovesItsNamespace(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("ip-script");
        Cli.Result r = Cli.jnl("demo", "--pairs", "3", "--ip-script", script.toString()).ok();

        String name = namespace(r);
        for (String section : List.of("== links", "== addresses", "== routes")) {
            assertTrue(r.out().contains(section), section + " in\n" + r.out());
        }
        assertTrue(r.out().contains("veth2b"), "lists the links it made");
        assertTrue(r.out().contains("fd00:100:2::/64"), "lists the routes it made");
        assertTrue(r.out().contains("jnetlink, in-process, one request per operation: 27 operations"), r.out());
        assertTrue(r.out().contains("removed namespace " + name), r.out());
        assertFalse(Cli.ipNetnsList().contains(name), "ip netns list no longer shows " + name);
        assertEquals(27, Files.readAllLines(script).size(), "9 operations per pair");
    }

    @Test
    void itsIpScriptBuildsWhatTheDemoBuilt(TestNamespace scratch, @TempDir Path dir) throws IOException {
        Path script = dir.resolve("ip-script");
        String kept = "jnl-demo-" + ProcessHandle.current().pid();
        try {
            Cli.Result r = Cli.jnl("demo", "--pairs", "3", "--ip-script", script.toString(), "--keep").ok();
            assertEquals(kept, namespace(r));
            assertTrue(r.out().contains("kept namespace " + kept), r.out());
            assertTrue(Cli.ipNetnsList().contains(kept), "--keep keeps " + kept);
            List<String> lines = Files.readAllLines(script);
            assertEquals(27, lines.size());
            for (String line : lines) {
                // One exec per line, as the ./jnl launcher times it.
                List<String> cmd = new ArrayList<>(List.of("ip", "-n", scratch.name()));
                cmd.addAll(List.of(line.split(" ")));
                Oracle.run(null, cmd.toArray(String[]::new)).orThrow();
            }
            assertEquals(addresses(kept), addresses(scratch.name()));
            assertEquals(routes(kept), routes(scratch.name()));
            assertTrue(addresses(kept).contains("veth2b inet6 fd00:2::2/64"), addresses(kept));
            assertTrue(routes(kept).toString().contains("10.100.2.0/24"), routes(kept).toString());
        } finally {
            Cli.ipNetnsDel(kept);
        }
        assertFalse(Cli.ipNetnsList().contains(kept));
    }

    private static String namespace(Cli.Result r) {
        Matcher m = NAMESPACE.matcher(r.out());
        assertTrue(m.find(), r.out());
        return m.group(1);
    }

    /** dev, family, address/len and flags, without link-local addresses (their MACs differ). */
    private static String addresses(String netns) {
        List<String> out = new ArrayList<>();
        for (JsonNode link : Ip.in(netns).json("addr")) {
            for (JsonNode a : link.get("addr_info")) {
                if (!a.get("local").asText().startsWith("fe80:")) {
                    out.add(link.get("ifname").asText() + " " + a.get("family").asText() + " "
                            + a.get("local").asText() + "/" + a.get("prefixlen").asText() + " "
                            + a.toString().replace("\"tentative\":true,", ""));
                }
            }
        }
        return String.join("\n", out.stream().sorted().toList());
    }

    /** The main tables of both families, without the link-local prefix routes. */
    private static List<String> routes(String netns) {
        List<String> all = new ArrayList<>(Cli.sorted(Ip.in(netns).json("-4", "route")));
        Cli.sorted(Ip.in(netns).json("-6", "route")).stream().filter(r -> !r.contains("\"dst\":\"fe80::")).forEach(all::add);
        return all;
    }
}
