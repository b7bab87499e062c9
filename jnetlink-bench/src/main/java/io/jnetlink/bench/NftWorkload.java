package io.jnetlink.bench;

import io.jnetlink.core.ns.NetNs;
import io.jnetlink.nftables.Nftables;
import io.jnetlink.nftables.Op;
import io.jnetlink.nftables.expr.Cmp;
import io.jnetlink.nftables.expr.CmpOp;
import io.jnetlink.nftables.expr.Counter;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.Immediate;
import io.jnetlink.nftables.expr.Meta;
import io.jnetlink.nftables.expr.MetaKey;
import io.jnetlink.nftables.expr.Payload;
import io.jnetlink.nftables.expr.PayloadBase;
import io.jnetlink.nftables.lang.NftCompiler;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Hook;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.Table;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The in-process side of bench/nft-e2e.sh: N rules applied in one nftables transaction inside a named namespace
 * that the script created, either built as operations in Java ({@code --mode model}) or compiled from nft text
 * ({@code --mode compiler}). The script runs {@code nft -f} of the same text, and one {@code nft add rule} exec
 * per rule, next to it.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp ... io.jnetlink.bench.NftWorkload \
 *     --netns NAME --mode model|compiler [--rules N] [--warmup 10] [--repeat 5] [--paced]
 * java ... io.jnetlink.bench.NftWorkload --mode text|commands [--rules N]
 * </pre>
 *
 * <p>The workload ({@link #text(int)}): table {@value #TABLE} (family ip) with one base chain {@value #CHAIN}
 * (filter, hook input, priority 0, policy accept) and N rules, rule {@code i} being
 * {@code ip saddr 10.a.b.c tcp dport P counter accept} with {@code 10.a.b.c = 10.0.0.0 + i + 1} and
 * {@code P = 1024 + i % 60000}: four matches, a counter and a verdict, nine expressions as nft sends them.
 * {@code --mode text} prints that ruleset (the file the script gives {@code nft -f}); {@code --mode commands}
 * prints it as {@code add table}, {@code add chain} and one {@code add rule} line per rule.
 *
 * <p>A round: flush the ruleset (not timed), then the timed part: {@code model} builds the operations
 * (table, chain, N rules) and commits them in one transaction; {@code compiler} compiles the text with
 * {@link NftCompiler} and commits the result the same way. Like {@code nft -f}, the commit does not ask for the
 * kernel's echoes ({@link io.jnetlink.nftables.Transaction#withoutHandles()}): same work, same answer. After each round (not timed) a dump checks that the
 * chain holds N rules. Warm-up rounds run first and are reported on stderr only; {@code --paced} prints
 * {@code ready} after the warm-up and then runs one counted round per line read from stdin.
 *
 * <p>Output on stdout, per counted round: {@code jnetlink-model apply 1000 12.345ms}; for the compiler also
 * the compilation alone: {@code jnetlink-compiler compile 1000 4.567ms} then
 * {@code jnetlink-compiler apply 1000 15.678ms} (compile and commit). Exit status 2 for bad arguments.
 */
public final class NftWorkload {

    static final String TABLE = "bench";
    static final String CHAIN = "input";
    /** Sources 10.0.0.1 .. 10.255.255.255 */
    static final int MAX_RULES = (1 << 24) - 1;

    /** nft loads every 4-byte-or-smaller field into NFT_REG_1 (its 32-bit register 0 counted as reg 1). */
    private static final int REG_1 = 1;
    private static final int REG_VERDICT = 0;
    /** IPv4 source address: network header offset 12, 4 bytes (linux/ip.h). */
    private static final int IPV4_SADDR_OFFSET = 12;
    /** TCP destination port: transport header offset 2, 2 bytes (linux/tcp.h). */
    private static final int TCP_DPORT_OFFSET = 2;
    private static final byte IPPROTO_TCP = 6;

    private final String netns;
    private final boolean model;
    private final int rules;
    private final int warmup;
    private final int repeat;
    private final BufferedReader pace;

    private NftWorkload(String netns, boolean model, int rules, int warmup, int repeat, BufferedReader pace) {
        this.netns = netns;
        this.model = model;
        this.rules = rules;
        this.warmup = warmup;
        this.repeat = repeat;
        this.pace = pace;
    }

    public static void main(String[] args) {
        HarnessOptions o;
        String mode;
        int rules;
        try {
            o = HarnessOptions.parse(args, "--rules");
            mode = o.get("--mode");
            rules = o.count("--rules", 1000);
            if (rules < 1 || rules > MAX_RULES) {
                throw new IllegalArgumentException("--rules goes from 1 to " + MAX_RULES + ", not " + rules);
            }
            if (mode == null || !List.of("model", "compiler", "text", "commands").contains(mode)) {
                throw new IllegalArgumentException("--mode must be model, compiler, text or commands, not '"
                        + mode + "'");
            }
            if (mode.equals("text") || mode.equals("commands")) {
                System.out.print(mode.equals("text") ? text(rules) : commands(rules));
                System.out.flush();
                return;
            }
            o.netns();
        } catch (IllegalArgumentException e) {
            System.err.println("NftWorkload: " + e.getMessage());
            System.err.println("usage: NftWorkload --netns NAME --mode model|compiler [--rules N] [--warmup N]"
                    + " [--repeat N] [--paced]  |  NftWorkload --mode text|commands [--rules N]");
            System.exit(2);
            return;
        }
        new NftWorkload(o.netns(), mode.equals("model"), rules, o.warmup(), o.repeat(), o.paceReader())
                .run(System.out, System.err);
    }

    /** Rule {@code i}'s source address bytes: 10.0.0.0 + i + 1. */
    static byte[] source(int i) {
        int v = 0x0A00_0000 + i + 1;
        return new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Rule {@code i}'s TCP destination port. */
    static int port(int i) {
        return 1024 + i % 60_000;
    }

    private static String rule(int i) {
        byte[] s = source(i);
        return String.format(Locale.ROOT, "ip saddr %d.%d.%d.%d tcp dport %d counter accept",
                s[0] & 0xff, s[1] & 0xff, s[2] & 0xff, s[3] & 0xff, port(i));
    }

    /** The ruleset as an nft file (no {@code flush ruleset}: every contender starts from an empty ruleset). */
    static String text(int rules) {
        StringBuilder sb = new StringBuilder(64 * rules + 200);
        sb.append("table ip ").append(TABLE).append(" {\n\tchain ").append(CHAIN).append(" {\n")
                .append("\t\ttype filter hook input priority filter; policy accept;\n");
        for (int i = 0; i < rules; i++) {
            sb.append("\t\t").append(rule(i)).append('\n');
        }
        return sb.append("\t}\n}\n").toString();
    }

    /** The same ruleset as nft commands, one per line: what a script calling {@code nft} per rule runs. */
    static String commands(int rules) {
        StringBuilder sb = new StringBuilder(80 * rules + 200);
        sb.append("add table ip ").append(TABLE).append('\n');
        sb.append("add chain ip ").append(TABLE).append(' ').append(CHAIN)
                .append(" { type filter hook input priority filter; policy accept; }\n");
        for (int i = 0; i < rules; i++) {
            sb.append("add rule ip ").append(TABLE).append(' ').append(CHAIN).append(' ').append(rule(i)).append('\n');
        }
        return sb.toString();
    }

    /** The operations nft sends for {@link #text(int)}, built directly (the expressions of each rule by hand). */
    static List<Op> ops(int rules) {
        List<Op> ops = new ArrayList<>(rules + 2);
        ops.add(new Op.AddTable(Table.of(Family.IP, TABLE), false));
        ops.add(new Op.AddChain(Chain.base(Family.IP, TABLE, CHAIN,
                new Chain.Base("filter", Hook.INPUT, 0, Optional.of(Chain.Policy.ACCEPT), List.of())), false));
        Data.Value tcp = new Data.Value(new byte[]{IPPROTO_TCP});
        Expr l4proto = new Meta(MetaKey.L4PROTO, REG_1);
        Expr isTcp = new Cmp(REG_1, CmpOp.EQ, tcp);
        Expr saddr = new Payload(PayloadBase.NETWORK, IPV4_SADDR_OFFSET, 4, REG_1);
        Expr dport = new Payload(PayloadBase.TRANSPORT, TCP_DPORT_OFFSET, 2, REG_1);
        Expr accept = new Immediate(REG_VERDICT, new Data.Verdict(Data.Verdict.ACCEPT, Optional.empty()));
        for (int i = 0; i < rules; i++) {
            int p = port(i);
            List<Expr> exprs = List.of(
                    saddr, new Cmp(REG_1, CmpOp.EQ, new Data.Value(source(i))),
                    l4proto, isTcp,
                    dport, new Cmp(REG_1, CmpOp.EQ, new Data.Value(new byte[]{(byte) (p >>> 8), (byte) p})),
                    new Counter(0, 0),
                    accept);
            ops.add(Op.AddRule.append(Rule.of(Family.IP, TABLE, CHAIN, exprs)));
        }
        return ops;
    }

    /** One transaction, without echoes: what nft -f asks of the kernel. */
    private static void commit(Nftables nft, List<Op> ops) {
        try (var tx = nft.begin().withoutHandles()) {
            tx.addAll(ops);
            tx.commit();
        }
    }

    private String label() {
        return model ? "jnetlink-model" : "jnetlink-compiler";
    }

    void run(PrintStream out, PrintStream log) {
        Pacer pacer = new Pacer(pace);
        String text = text(rules);
        try (NetNs ns = NetNs.open(netns); Nftables nft = Nftables.open(ns)) {
            for (int round = 0; round < warmup + repeat; round++) {
                boolean counted = round >= warmup;
                if (!pacer.awaitRound(round, warmup, out, log)) {
                    return;
                }
                // Not timed: back to the empty ruleset.
                nft.apply(List.of(new Op.FlushRuleset(Optional.empty())));
                long t0 = System.nanoTime();
                long compiled;
                if (model) {
                    commit(nft, ops(rules));
                    compiled = t0;
                } else {
                    List<Op> ops = NftCompiler.compile(text, "bench.nft").ops();
                    compiled = System.nanoTime();
                    commit(nft, ops);
                }
                long t1 = System.nanoTime();
                verify(nft);
                PrintStream sink = counted ? out : log;
                String prefix = counted ? "" : "# warm-up " + (round + 1) + ": ";
                if (!model) {
                    sink.println(prefix + String.format(Locale.ROOT, "%s compile %d %.3fms", label(), rules,
                            (compiled - t0) / 1e6));
                }
                sink.println(prefix + String.format(Locale.ROOT, "%s apply %d %.3fms", label(), rules,
                        (t1 - t0) / 1e6));
                sink.flush();
            }
        }
    }

    /** Fails the run (rather than print a flattering number) when the chain does not hold every rule. */
    private void verify(Nftables nft) {
        Ruleset r = nft.list();
        long n = r.rules().stream().filter(x -> x.table().equals(TABLE) && x.chain().equals(CHAIN)).count();
        if (n != rules) {
            throw new IllegalStateException("expected " + rules + " rules in ip " + TABLE + " " + CHAIN
                    + ", the kernel holds " + n);
        }
    }

}
