package io.jnetlink.nftables.corpus;

import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.Errno;
import io.jnetlink.nftables.Nftables;
import io.jnetlink.nftables.Op;
import io.jnetlink.nftables.lang.NftCompiler;
import io.jnetlink.nftables.lang.Script;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.text.NftText;
import io.jnetlink.oracles.Nft;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every ruleset of the corpus (src/test/resources/nft-corpus/*.nft) both ways, each in a fresh namespace,
 * with nft as the oracle:
 * <ul>
 *   <li>(a) compiled by {@link NftCompiler} and applied by {@link Nftables} in one transaction, the kernel
 *       holds what it holds after {@code nft -f} of the same file: the two {@code nft list ruleset} listings
 *       are equal;</li>
 *   <li>(b) after {@code nft -f}, {@link NftText} renders what jnetlink dumps exactly as
 *       {@code nft list ruleset} prints it.</li>
 * </ul>
 * Counter values are the only thing ignored ({@link Nft#withoutCounters}): packets may cross the namespace's
 * loopback between two listings. A mismatch fails with a unified diff of the two listings. A last test rolls back
 * a large compiled transaction whose final operation the kernel refuses.
 */
@NetnsTest
class NftCorpusTest {

    private static final String CORPUS = "nft-corpus";

    static Stream<String> corpus() {
        List<String> names = CorpusFiles.names(corpusDir(), n -> true);
        if (names.size() < 40) {
            throw new IllegalStateException("the corpus has only " + names.size() + " files in " + corpusDir());
        }
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void compiledAndAppliedEqualsNftF(String file, TestNamespace ns) {
        String text = read(file);
        Nft nft = Nft.in(ns.name());
        nft.apply(text);
        String expected = Nft.withoutCounters(nft.listRuleset());
        assertFalse(expected.isBlank(), file + ": nft -f left an empty ruleset; nothing would be compared");
        nft.run("flush", "ruleset");
        assertEquals("", nft.listRuleset(), "flush ruleset left something behind");

        Script script = NftCompiler.compile(text, file);
        try (Nftables nl = Nftables.open(ns.netns())) {
            nl.apply(script.ops());
        }
        String actual = Nft.withoutCounters(nft.listRuleset());
        assertSameListing(file, "nft list ruleset after nft -f " + file, expected,
                "nft list ruleset after jnetlink compile+apply", actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void renderedEqualsNftList(String file, TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        nft.apply(read(file));
        Ruleset ruleset;
        try (Nftables nl = Nftables.open(ns.netns())) {
            ruleset = nl.list();
        }
        String expected = Nft.withoutCounters(nft.listRuleset());
        Map<Integer, String> names = interfaceNames(ns);
        String actual = Nft.withoutCounters(NftText.render(ruleset, i -> Optional.ofNullable(names.get(i))));
        assertSameListing(file, "nft list ruleset", expected, "NftText.render(Nftables.list())", actual);
    }

    /**
     * A whole compiled corpus file, {@code flush ruleset} first, with one refused operation appended, on top of
     * another corpus ruleset: the kernel takes none of it (the flush included), and the error names the last
     * operation, its index, the errno and the kernel's message when it sent one (nf_tables sends none for these
     * refusals, only the attribute offset). NftablesKernelTest covers a three-operation transaction; this one has
     * two flushes, about 450 rules, named and anonymous sets and maps with about 1,650 elements, as a real rollback
     * sees them.
     */
    @Test
    void compiledFilesWithRefusedLastOperationChangeNothing(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        nft.apply(read("41-cloud-hypervisor-vxlan.nft"));
        String before = nft.listRuleset();

        // One script (set ids are unique per compilation, so the two files are compiled together).
        String text = read("44-large-tenant-rules.nft") + read("45-large-sets.nft");
        List<Op> ops = new ArrayList<>(NftCompiler.compile(text, "44+45").ops());
        assertTrue(ops.getFirst() instanceof Op.FlushRuleset, "the file starts with flush ruleset: " + ops.getFirst());
        Op refused = new Op.DeleteTable(Family.IP, "no_such_table");
        ops.add(refused);
        BatchException e;
        try (Nftables nl = Nftables.open(ns.netns())) {
            e = assertThrows(BatchException.class, () -> nl.apply(ops));
        }

        assertEquals(before, nft.listRuleset(), "a refused transaction must leave the ruleset byte-identical");
        assertEquals(1, e.failures().size(), e.getMessage());
        assertEquals(ops.size() - 1, e.failures().getFirst().index(), e.getMessage());
        assertEquals(Errno.ENOENT, e.first().errno(), e.getMessage());
        assertTrue(e.getMessage().startsWith(refused.describe() + ": ENOENT"), e.getMessage());
        assertTrue(e.getMessage().contains("[request " + ops.size() + " of " + ops.size() + "]"), e.getMessage());
        e.first().kernelMessage().ifPresent(m ->
                assertTrue(e.getMessage().contains(m), "the error carries the kernel's message '" + m + "': "
                        + e.getMessage()));
    }

    private static void assertSameListing(String file, String expectedName, String expected, String actualName,
                                          String actual) {
        if (!expected.equals(actual)) {
            fail(file + ": listings differ\n" + ListingDiff.unified(expectedName, expected, actualName, actual));
        }
    }

    /**
     * Interface index to name in the namespace, from {@code ip -o link}: nft prints {@code iif "lo"} by
     * resolving the index in its own namespace, and the renderer is given the same answers.
     */
    private static Map<Integer, String> interfaceNames(TestNamespace ns) {
        Map<Integer, String> names = new HashMap<>();
        for (String line : Oracle.stdout("ip", "-n", ns.name(), "-o", "link", "show").split("\n")) {
            String[] parts = line.split(":\\s+", 3);
            if (parts.length >= 2) {
                String name = parts[1];
                int at = name.indexOf('@');
                names.put(Integer.parseInt(parts[0].strip()), at < 0 ? name : name.substring(0, at));
            }
        }
        return names;
    }

    private static String read(String file) {
        try {
            return Files.readString(corpusDir().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The corpus folder on the test class path (a plain directory when tests run from target/). */
    private static Path corpusDir() {
        URL url = NftCorpusTest.class.getResource("/" + CORPUS + "/01-inet-default-drop.nft");
        if (url == null) {
            throw new IllegalStateException(CORPUS + " is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }
}
