package io.jnetlink.nftables.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.nftables.Nftables;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.oracles.Nft;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every corpus file: {@code nft -f FILE}, list with jnetlink, render; the text must equal {@code nft list ruleset}
 * and the JSON {@code nft -j list ruleset} (counter values ignored on both sides).
 */
@NetnsTest
class NftCorpusRenderKernelTest {

    static final Path CORPUS = Path.of("src/test/resources/nft-corpus");

    static List<Path> corpus() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> p.toString().endsWith(".nft")).sorted().toList();
        }
    }

    /**
     * Counter values zeroed and element expiry times blanked: both change between nft's listing and ours
     * (an element with a timeout counts down while the test runs).
     */
    static String stable(String listing) {
        return Nft.withoutCounters(listing).replaceAll("expires [0-9dhms]+", "expires T");
    }

    /** Interface index to name in the namespace, from {@code ip -j link} (nft resolves names the same way). */
    static IntFunction<Optional<String>> ifnames(String netns) {
        Map<Integer, String> names = new HashMap<>();
        for (JsonNode l : Oracle.json("ip", "-n", netns, "-j", "link")) {
            names.put(l.get("ifindex").asInt(), l.get("ifname").asText());
        }
        return i -> Optional.ofNullable(names.get(i));
    }

    static final Path EXTRA = Path.of("src/test/resources/io/jnetlink/nftables/text");

    @Test
    void everyCorpusFileRendersLikeNft(TestNamespace ns) throws IOException {
        compareAll(ns, corpus());
    }

    /** Rulesets written for the renderer (not the corpus): statements and families the corpus does not use. */
    @Test
    void extraRulesetsRenderLikeNft(TestNamespace ns) throws IOException {
        // -Drender.dir=DIR runs another folder of rulesets (e.g. the holdout set) the same way
        Path dir = System.getProperty("render.dir") == null ? EXTRA : Path.of(System.getProperty("render.dir"));
        try (Stream<Path> s = Files.list(dir)) {
            compareAll(ns, s.filter(p -> p.toString().endsWith(".nft")).sorted().toList());
        }
    }

    private static void compareAll(TestNamespace ns, List<Path> files) throws IOException {
        Nft nft = Nft.in(ns.name());
        Oracle.run(null, "ip", "-n", ns.name(), "link", "set", "lo", "up");
        String only = System.getProperty("render.only", "");
        Path dump = System.getProperty("render.dump") == null ? null : Path.of(System.getProperty("render.dump"));
        List<String> textFail = new ArrayList<>();
        List<String> jsonFail = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int total = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!only.isEmpty() && !name.contains(only)) {
                continue;
            }
            nft.apply("flush ruleset\n");
            if (nft.attemptApply(Files.readString(file)).exitCode() != 0) {
                // depends on state this loop does not recreate (rule positions): nft itself refuses it here
                skipped.add(name);
                continue;
            }
            total++;
            String expected = stable(nft.listRuleset());
            JsonNode expectedJson = JsonListings.withoutCounters(nft.jsonRuleset());
            Ruleset rs;
            try (Nftables nf = Nftables.open(ns.netns())) {
                rs = nf.list();
            }
            String actual;
            try {
                actual = stable(NftText.render(rs, ifnames(ns.name())));
            } catch (RuntimeException e) {
                actual = "EXCEPTION " + e;
            }
            if (!actual.equals(expected)) {
                textFail.add(name);
            } else if (!rs.tables().isEmpty()) {
                // nft list table FAMILY NAME prints the same block for one table
                var t = rs.tables().getLast();
                // (a table named like an nft keyword, "maps", cannot be listed by name: skipped)
                Oracle.Result listed = nft.attempt("list", "table", t.family().nftName(), t.name());
                String one = stable(listed.stdout());
                if (listed.exitCode() == 0 && !one.equals(stable(NftText.renderTable(rs, t.family(), t.name(),
                        ifnames(ns.name()))))) {
                    textFail.add(name + " (list table)");
                }
            }
            JsonNode actualJson;
            try {
                actualJson = JsonListings.withoutCounters(JsonListings.parse(NftJson.render(rs, ifnames(ns.name()))));
            } catch (RuntimeException e) {
                actualJson = null;
            }
            if (!expectedJson.equals(actualJson)) {
                jsonFail.add(name);
            }
            if (dump != null) {
                Files.createDirectories(dump);
                String b = name.replace(".nft", "");
                Files.writeString(dump.resolve(b + ".expected.txt"), expected);
                Files.writeString(dump.resolve(b + ".actual.txt"), actual);
                Files.writeString(dump.resolve(b + ".expected.json"), expectedJson.toPrettyString());
                Files.writeString(dump.resolve(b + ".actual.json"), actualJson == null ? "null"
                        : actualJson.toPrettyString());
            }
        }
        String summary = "text: " + (total - textFail.size()) + "/" + total + " identical, failing " + textFail
                + "\njson: " + (total - jsonFail.size()) + "/" + total + " identical, failing " + jsonFail
                + (skipped.isEmpty() ? "" : "\nskipped (nft -f refused): " + skipped);
        System.out.println(summary);
        assertTrue(textFail.isEmpty() && jsonFail.isEmpty(), summary);
    }
}
