package io.jnetlink.nftables.expr;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.oracles.HexDiff;
import io.jnetlink.oracles.Nft;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of nft-1.0.6-golden.txt that this kernel accepts, installed with {@code nft -f}, dumped with a minimal
 * NFT_MSG_GETRULE of this test's own, decoded with {@link Exprs}, and checked against the independent oracles:
 * {@code nft --debug=netlink list ruleset} (libnftnl's reading of the same dump) and the bytes nft sent.
 */
@NetnsTest
class ExprKernelTest {

    // linux/netfilter/nfnetlink.h: NFNL_SUBSYS_NFTABLES; linux/netfilter/nf_tables.h: messages and rule attributes
    private static final int NFNL_SUBSYS_NFTABLES = 10;
    private static final int NFT_MSG_NEWRULE = 6;
    private static final int NFT_MSG_GETRULE = 7;
    private static final int NFTA_RULE_TABLE = 1;
    private static final int NFTA_RULE_CHAIN = 2;
    private static final int NFTA_RULE_HANDLE = 3;
    private static final int NFTA_RULE_EXPRESSIONS = 4;
    private static final int NFGENMSG_SIZE = 4;

    /** One rule as the kernel dumped it: where it is and its NFTA_RULE_EXPRESSIONS payload. */
    record Dumped(String family, String table, String chain, long handle, byte[] exprs) {
        String where() {
            return family + " " + table + " " + chain;
        }
    }

    static String familyName(int nfproto) {
        return switch (nfproto) {
            case 1 -> "inet";
            case 2 -> "ip";
            case 3 -> "arp";
            case 5 -> "netdev";
            case 7 -> "bridge";
            case 10 -> "ip6";
            default -> "family" + nfproto;
        };
    }

    /** NFT_MSG_GETRULE dump of every family (nfgen_family AF_UNSPEC). */
    static List<Dumped> dumpRules(TestNamespace ns) {
        NetlinkSocket sock = ns.openSocket(NetlinkProtocol.NETFILTER);
        Request req = new Request("dump nft rules", NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_GETRULE, 0,
                w -> w.put8(0).put8(0).put16be(0));
        List<Dumped> out = new ArrayList<>();
        for (Message m : sock.dump(req)) {
            if (m.type() != (NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_NEWRULE)) {
                continue;
            }
            int family = Byte.toUnsignedInt(m.header(NFGENMSG_SIZE, "nfgenmsg").get(0));
            AttributeReader a = m.attributes(NFGENMSG_SIZE, AttributeNames.NUMBERED);
            String table = null;
            String chain = null;
            long handle = -1;
            byte[] exprs = new byte[0];
            while (a.next()) {
                switch (a.type()) {
                    case NFTA_RULE_TABLE -> table = a.string();
                    case NFTA_RULE_CHAIN -> chain = a.string();
                    case NFTA_RULE_HANDLE -> handle = a.u64be();
                    case NFTA_RULE_EXPRESSIONS -> exprs = a.bytes();
                    default -> {
                    }
                }
            }
            out.add(new Dumped(familyName(family), table, chain, handle, exprs));
        }
        return out;
    }

    /** The expression lines {@code nft --debug=netlink list ruleset} prints per rule, keyed "family table chain handle". */
    static Map<String, List<String>> nftDebug(Nft nft) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : nft.debugNetlink("list", "ruleset").split("\n")) {
            if (line.startsWith("  [")) {
                if (current != null) {
                    current.add(line.strip());
                }
            } else if (line.matches("\\S+ \\S+ \\S+ \\d+( \\d+)?\\s*")) {
                // "family table chain handle", then the handle of the rule before it when there is one
                String[] w = line.strip().split(" ");
                current = new ArrayList<>();
                out.put(String.join(" ", w[0], w[1], w[2], w[3]), current);
            } else {
                current = null;
            }
        }
        return out;
    }

    static String resource(String name) {
        try (InputStream in = ExprKernelTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** setup.nft, then every golden rule the kernel accepted, as one nft -f script. */
    static List<GoldenRules> installAll(Nft nft) {
        List<GoldenRules> accepted = GoldenRules.load().stream().filter(GoldenRules::accepted).toList();
        StringBuilder script = new StringBuilder(resource("setup.nft"));
        for (GoldenRules r : accepted) {
            script.append("add rule ").append(r.family()).append(' ').append(r.table()).append(' ').append(r.chain())
                    .append(' ').append(r.rule()).append('\n');
        }
        nft.apply(script.toString());
        return accepted;
    }

    static List<Expr> decode(byte[] payload) {
        return Exprs.decodeList(AttributeReader.of(payload, AttributeNames.NUMBERED));
    }

    /** Pairs each dumped rule with the golden rule it came from: the k-th rule of a chain in both lists. */
    static Map<Dumped, GoldenRules> pair(List<Dumped> dumped, List<GoldenRules> golden) {
        Map<String, List<GoldenRules>> byChain = new HashMap<>();
        for (GoldenRules g : golden) {
            byChain.computeIfAbsent(g.family() + " " + g.table() + " " + g.chain(), k -> new ArrayList<>()).add(g);
        }
        Map<String, Integer> seen = new HashMap<>();
        Map<Dumped, GoldenRules> out = new LinkedHashMap<>();
        for (Dumped d : dumped) {
            int k = seen.merge(d.where(), 1, Integer::sum) - 1;
            out.put(d, byChain.get(d.where()).get(k));
        }
        assertEquals(golden.size(), out.size(), "every installed rule is dumped");
        return out;
    }

    @Test
    void dumpedExpressionsPrintAsNftPrintsThem(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        List<GoldenRules> golden = installAll(nft);
        Map<String, List<String>> debug = nftDebug(nft);
        Set<String> kinds = new TreeSet<>();
        List<String> mismatches = new ArrayList<>();
        for (var e : pair(dumpRules(ns), golden).entrySet()) {
            Dumped d = e.getKey();
            List<String> theirs = debug.get(d.where() + " " + d.handle());
            assertTrue(theirs != null, () -> "nft printed no rule " + d.where() + " " + d.handle());
            List<Expr> exprs = decode(d.exprs());
            assertEquals(theirs.size(), exprs.size(), () -> e.getValue() + ": " + theirs + " vs " + exprs);
            for (int i = 0; i < exprs.size(); i++) {
                Expr x = exprs.get(i);
                kinds.add(x.getClass().getSimpleName());
                if (x instanceof RawExpr) {
                    if (!e.getValue().raw()) {
                        mismatches.add(e.getValue() + ": unexpected " + x);
                    }
                    continue;
                }
                String expected = theirs.get(i);
                if (x instanceof Lookup l && l.flags() == 0) {
                    // the kernel always dumps NFTA_LOOKUP_FLAGS, libnftnl then prints "0x0"; nft sends no flags
                    // for a plain lookup and the record (flags 0) prints as nft --debug=netlink add does
                    expected = expected.replace(" 0x0 ]", " ]");
                }
                if (!x.debug().equals(expected)) {
                    mismatches.add(e.getValue() + "\n    nft:  " + theirs.get(i) + "\n    mine: " + x.debug());
                }
            }
        }
        assertEquals("", String.join("\n", mismatches));
        assertEquals(Set.of("Bitwise", "Byteorder", "Cmp", "Connlimit", "Counter", "Ct", "CtSet", "Dynset", "Exthdr",
                "Fib", "Hash", "Immediate", "Limit", "Log", "Lookup", "Masq", "Meta", "MetaSet", "Nat", "Notrack",
                "Numgen", "Objref", "ObjrefMap", "Payload", "PayloadWrite", "Quota", "Range", "RawExpr", "Redir",
                "Reject", "Rt"), kinds);
    }

    /**
     * Re-encoding what the kernel dumped gives the dumped attributes byte for byte: per expression, every leaf
     * attribute (path of types, payload bytes) is the same in both, apart from the two things that cannot be the
     * same. (1) Framing: the kernel nests without NLA_F_NESTED and in its own attribute order, the encoder as libnftnl
     * does. (2) Defaults the kernel always dumps but nft does not send, and the records therefore do not encode
     * when they are zero: listed in {@link #KERNEL_ONLY}. RawExpr data is compared exactly.
     */
    @Test
    void reencodedExpressionsCarryTheDumpedAttributes(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        installAll(nft);
        List<String> problems = new ArrayList<>();
        Set<String> kernelOnlySeen = new TreeSet<>();
        int raw = 0;
        for (Dumped d : dumpRules(ns)) {
            List<byte[][]> dumped = exprData(d.exprs());
            List<Expr> exprs = decode(d.exprs());
            List<byte[][]> mine = exprData(ExprGoldenTest.encode(exprs));
            assertEquals(dumped.size(), mine.size());
            for (int i = 0; i < exprs.size(); i++) {
                String name = new String(dumped.get(i)[0], StandardCharsets.UTF_8);
                if (exprs.get(i) instanceof RawExpr) {
                    raw++;
                    HexDiff.assertBytes(d.where() + " " + name, dumped.get(i)[1], mine.get(i)[1]);
                    continue;
                }
                Set<String> nested = new TreeSet<>();
                List<String> myLeaves = withoutNul(name, leaves(mine.get(i)[1], "", nested, true));
                List<String> theirLeaves = withoutNul(name, leaves(dumped.get(i)[1], "", nested, false));
                List<String> onlyTheirs = new ArrayList<>(theirLeaves);
                myLeaves.forEach(onlyTheirs::remove);
                List<String> onlyMine = new ArrayList<>(myLeaves);
                theirLeaves.forEach(onlyMine::remove);
                for (String leaf : onlyTheirs) {
                    if (KERNEL_ONLY.contains(name + " " + leaf)) {
                        kernelOnlySeen.add(name + " " + leaf);
                    } else {
                        problems.add(d.where() + " " + exprs.get(i).debug() + ": dumped but not re-encoded " + leaf);
                    }
                }
                for (String leaf : onlyMine) {
                    if (NFT_ONLY.contains(name + " " + leaf)) {
                        kernelOnlySeen.add(name + " " + leaf);
                    } else {
                        problems.add(d.where() + " " + exprs.get(i).debug() + ": re-encoded but not dumped " + leaf);
                    }
                }
            }
        }
        assertEquals("", String.join("\n", problems));
        assertEquals(3, raw, "socket, tproxy and synproxy stay raw");
        Set<String> listed = new TreeSet<>(KERNEL_ONLY);
        listed.addAll(NFT_ONLY);
        assertEquals(listed, kernelOnlySeen, "every listed default occurs in this ruleset");
    }

    /**
     * Attributes the kernel dumps with a default value that nft 1.0.6 does not send, so the records leave them out:
     * NFTA_LOOKUP_FLAGS 0, NFTA_COUNTER_BYTES and _PACKETS 0 (also inside a dynset's expressions), NFTA_BITWISE_OP
     * NFT_BITWISE_BOOL, NFTA_PAYLOAD_CSUM_FLAGS 0 (and CSUM_TYPE/CSUM_OFFSET 0 where there is no checksum),
     * NFTA_EXTHDR_FLAGS 0 of a write, NFTA_DYNSET_FLAGS 0, NFTA_DYNSET_TIMEOUT 0 (which the kernel would refuse
     * for a set without timeouts, so the record keeps it but does not send it).
     */
    static final Set<String> KERNEL_ONLY = Set.of("lookup 5=00000000", "counter 1=0000000000000000",
            "counter 2=0000000000000000", "bitwise 6=00000000", "payload 6=00000000", "payload 7=00000000",
            "payload 8=00000000", "exthdr 5=00000000", "dynset 9=00000000", "dynset 6=0000000000000000", "dynset 10/1/2/1=0000000000000000",
            "dynset 10/1/2/2=0000000000000000");

    /**
     * Attributes nft sends with a default value that the kernel does not dump: NFTA_HASH_OFFSET 0 and
     * NFTA_REJECT_ICMP_CODE 0 of a TCP reset.
     */
    static final Set<String> NFT_ONLY = Set.of("hash 6=00000000", "reject 2=00");

    /** Object names: libnftnl sends them without the NUL (mnl_attr_put_str), the kernel dumps them with it. */
    static List<String> withoutNul(String name, List<String> leaves) {
        if (!name.equals("objref")) {
            return leaves;
        }
        return leaves.stream().map(l -> (l.startsWith("2=") || l.startsWith("4=")) && l.endsWith("00")
                && l.length() % 2 == 0 ? l.substring(0, l.length() - 2) : l).toList();
    }

    /** Per expression of a list: its name and its NFTA_EXPR_DATA payload (empty when absent). */
    static List<byte[][]> exprData(byte[] list) {
        List<byte[][]> out = new ArrayList<>();
        AttributeReader elems = AttributeReader.of(list, AttributeNames.NUMBERED);
        while (elems.next()) {
            AttributeReader e = elems.nested(AttributeNames.NUMBERED);
            byte[] name = null;
            byte[] data = new byte[0];
            while (e.next()) {
                if (e.type() == 1) {
                    name = Arrays.copyOf(e.bytes(), e.length() - 1);
                } else if (e.type() == 2) {
                    data = e.bytes();
                }
            }
            out.add(new byte[][] {name, data});
        }
        return out;
    }

    /**
     * Leaf attributes as "type/type=hex" paths (a repeated type at one level gets "#n"). Which types are nests is
     * learnt from the encoder's NLA_F_NESTED ({@code learn}) and applied to the kernel's flagless nests.
     */
    static List<String> leaves(byte[] data, String prefix, Set<String> nested, boolean learn) {
        List<String> out = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        AttributeReader a = AttributeReader.of(data, AttributeNames.NUMBERED);
        while (a.next()) {
            int n = seen.merge(a.type(), 1, Integer::sum);
            String path = prefix + a.type() + (n > 1 ? "#" + n : "");
            if (learn && (a.typeBits() & Nl.NLA_F_NESTED) != 0) {
                nested.add(path);
            }
            if (nested.contains(path)) {
                out.addAll(leaves(a.bytes(), path + "/", nested, learn));
            } else {
                out.add(path + "=" + java.util.HexFormat.of().formatHex(a.bytes()));
            }
        }
        return out;
    }
}
