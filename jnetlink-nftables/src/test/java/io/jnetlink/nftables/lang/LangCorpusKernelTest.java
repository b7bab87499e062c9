package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.Nftables;
import io.jnetlink.nftables.Op;
import io.jnetlink.oracles.Nft;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every corpus file, both ways in one namespace: {@code nft -f FILE} then {@code nft list ruleset}; flush;
 * compile with {@link NftCompiler}, apply with {@link Nftables}, {@code nft list ruleset} again. The two
 * listings must be identical (counter values aside). Set {@code -Dlang.corpus=REGEX} to run a subset;
 * on a mismatch both listings and the compiled operations are written to {@code target/lang-corpus/}.
 */
@NetnsTest
class LangCorpusKernelTest {

    static final Path CORPUS = Path.of("src/test/resources/nft-corpus");

    /** Rulesets written for the compiler beyond the corpus (command syntax, rarer matches, families). */
    static final Path EXTRA = Path.of("src/test/resources/io/jnetlink/nftables/lang");

    static Stream<String> files() throws IOException {
        String filter = System.getProperty("lang.corpus", ".*");
        List<String> out = new java.util.ArrayList<>();
        for (Path dir : List.of(CORPUS, EXTRA)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nft"))
                        .filter(n -> n.matches(filter)).sorted().forEach(out::add);
            }
        }
        return out.stream();
    }

    static Path path(String file) {
        return file.startsWith("extra-") ? EXTRA.resolve(file) : CORPUS.resolve(file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void compiledRulesetListsLikeNft(String file, TestNamespace ns) throws Exception {
        String text = Files.readString(path(file));
        Nft nft = Nft.in(ns.name());
        nft.apply(text);
        String expected = normalize(nft.listRuleset());
        nft.run("flush", "ruleset");

        Script script = NftCompiler.compile(text, file);
        try (Nftables nl = Nftables.open(ns.netns())) {
            nl.apply(script.ops());
        } catch (RuntimeException e) {
            dump(file, expected, "APPLY FAILED: " + e, script.ops());
            throw e;
        }
        String actual = normalize(nft.listRuleset());
        if (!expected.equals(actual)) {
            dump(file, expected, actual, script.ops());
        }
        assertEquals(expected, actual, file);
    }

    /**
     * nft's own listing is nft input too, in canonical form ({@code counter packets 0 bytes 0}, multi-line
     * element lists, {@code typeof}, {@code flags dynamic}...): compiling it must give what {@code nft -f} of
     * the listing gives.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void compiledListingReproducesItself(String file, TestNamespace ns) throws Exception {
        Nft nft = Nft.in(ns.name());
        nft.apply(Files.readString(path(file)));
        String listing = nft.listRuleset();
        // what nft itself makes of its listing (hash sets list newest first, so it may differ from listing)
        nft.run("flush", "ruleset");
        org.junit.jupiter.api.Assumptions.assumeTrue(nft.attemptApply(listing).exitCode() == 0,
                "nft cannot read back its own listing of " + file);
        String expected = normalize(nft.listRuleset());
        nft.run("flush", "ruleset");
        Script script = NftCompiler.compile(listing, file + ".listing");
        try (Nftables nl = Nftables.open(ns.netns())) {
            nl.apply(script.ops());
        } catch (RuntimeException e) {
            dump(file + ".listing", expected, "APPLY FAILED: " + e, script.ops());
            throw e;
        }
        String actual = normalize(nft.listRuleset());
        if (!expected.equals(actual)) {
            dump(file + ".listing", expected, actual, script.ops());
        }
        assertEquals(expected, actual, file);
    }

    /** Counter values and element expiry times are live values, not part of the comparison. */
    static String normalize(String listing) {
        return Nft.withoutCounters(listing).replaceAll(" expires [0-9dhms]+", "");
    }

    static void dump(String file, String expected, String actual, List<Op> ops) throws IOException {
        Path dir = Path.of("target/lang-corpus");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file + ".expected"), expected);
        Files.writeString(dir.resolve(file + ".actual"), actual);
        Files.writeString(dir.resolve(file + ".ops"), OpsDump.dump(ops));
    }
}
