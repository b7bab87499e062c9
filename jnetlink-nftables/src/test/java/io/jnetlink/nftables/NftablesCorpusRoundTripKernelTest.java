package io.jnetlink.nftables;

import io.jnetlink.nftables.expr.Dynset;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.Lookup;
import io.jnetlink.nftables.expr.ObjrefMap;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.oracles.Nft;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every corpus ruleset survives the trip kernel -> model -> kernel: after {@code nft -f FILE}, {@link Nftables#list()}
 * decodes it, the decoded objects are re-encoded and applied in one transaction (flush ruleset first), and
 * {@code nft list ruleset} prints exactly what it printed before. Checks the decoders lose nothing and the
 * encoders of every object kind are complete, for whatever the corpus holds.
 */
@NetnsTest
class NftablesCorpusRoundTripKernelTest {

    /** Remaining timeouts change from one listing to the next. */
    static String stable(String listing) {
        return listing.replaceAll("expires \\S+", "expires X");
    }

    @Test
    void everyCorpusRulesetRoundTripsThroughTheModel(TestNamespace ns) throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/nft-corpus").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".nft")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "corpus found: " + files.size());
        Nft nft = Nft.in(ns.name());
        List<String> failures = new ArrayList<>();
        try (Nftables nf = Nftables.open(ns.netns())) {
            for (Path f : files) {
                nft.run("flush", "ruleset");
                var applied = nft.attemptApply(Files.readString(f));
                if (applied.exitCode() != 0) {
                    continue; // the corpus test reports files nft refuses here
                }
                String before = stable(nft.listRuleset());
                try {
                    Ruleset rs = nf.list();
                    nf.apply(reapply(rs));
                    String after = stable(nft.listRuleset());
                    if (!after.equals(before)) {
                        failures.add(f.getFileName() + ": listing differs\n--- nft -f\n" + before + "\n--- jnetlink\n" + after);
                    }
                } catch (RuntimeException e) {
                    failures.add(f.getFileName() + ": " + e);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + files.size() + " failed:\n"
                + String.join("\n\n", failures));
    }

    /** flush ruleset, then every object of {@code rs}; sets get ids, references to anonymous sets use them. */
    static List<Op> reapply(Ruleset rs) {
        List<Op> ops = new ArrayList<>();
        ops.add(new Op.FlushRuleset(Optional.empty()));
        rs.tables().forEach(t -> ops.add(new Op.AddTable(t, false)));
        rs.chains().forEach(c -> ops.add(new Op.AddChain(c, false)));
        rs.objects().forEach(o -> ops.add(new Op.AddObject(o, false)));
        rs.flowtables().forEach(f -> ops.add(new Op.AddFlowtable(f, false)));
        Map<String, Integer> ids = new HashMap<>();
        for (NftSet s : rs.sets()) {
            int id = ids.size() + 1;
            ids.put(s.family() + " " + s.table() + " " + s.name(), id);
            ops.add(new Op.AddSet(s.withId(id), false));
        }
        for (SetElements e : rs.elements()) {
            ops.add(new Op.AddElements(new SetElements(e.family(), e.table(), e.set(),
                    OptionalInt.of(ids.get(e.family() + " " + e.table() + " " + e.set())), e.elements()), false));
        }
        for (Rule r : rs.rules()) {
            String prefix = r.family() + " " + r.table() + " ";
            List<Expr> exprs = r.exprs().stream().map(x -> switch (x) {
                case Lookup l when l.set().startsWith("__") ->
                        new Lookup(l.sreg(), l.set(), OptionalInt.of(ids.get(prefix + l.set())), l.dreg(), l.flags());
                case ObjrefMap m when m.set().startsWith("__") ->
                        new ObjrefMap(m.sreg(), m.set(), OptionalInt.of(ids.get(prefix + m.set())));
                case Dynset d when d.set().startsWith("__") -> new Dynset(d.sregKey(), d.sregData(), d.op(), d.set(),
                        OptionalInt.of(ids.get(prefix + d.set())), d.timeoutMs(), d.exprs(), d.flags());
                default -> x;
            }).toList();
            ops.add(Op.AddRule.append(new Rule(r.family(), r.table(), r.chain(), exprs, r.userdata(), OptionalLong.empty())));
        }
        return ops;
    }
}
