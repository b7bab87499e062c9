package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.Op;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.Lookup;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.nftables.model.Userdata;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parser and compiler without a kernel: operation order, expressions as nft emits them, error positions. */
class NftCompilerTest {

    private static List<Op> ops(String text) {
        return NftCompiler.compile(text, "t.nft").ops();
    }

    private static List<String> debug(Op.AddRule r) {
        return r.rule().exprs().stream().map(Expr::debug).toList();
    }

    private static CompileException error(String text) {
        return assertThrows(CompileException.class, () -> NftCompiler.compile(text, "t.nft"));
    }

    @Test
    void tableBlockExpandsInNftOrder() {
        List<Op> ops = ops("""
                flush ruleset
                table inet f {
                    chain input { type filter hook input priority filter; policy drop; tcp dport 22 accept; }
                    set s { type ipv4_addr; elements = { 10.0.0.1 } }
                    counter c { }
                    chain other { }
                }
                """);
        List<String> kinds = ops.stream().map(Op::describe).toList();
        assertEquals(List.of("flush ruleset", "add table inet f", "add chain inet f input", "add chain inet f other",
                "add object inet f c", "add set inet f s", "add element inet f s", "add rule inet f input"), kinds);
    }

    @Test
    void tcpDportSetCompilesLikeNft() {
        List<Op> ops = ops("table inet t { chain c { tcp dport { 22, 80, 443 } counter accept\n}\n}");
        Op.AddSet set = assertInstanceOf(Op.AddSet.class, ops.get(2));
        assertEquals("__set%d", set.set().name());
        assertEquals(NftSet.F_ANONYMOUS | NftSet.F_CONSTANT, set.set().flags());
        assertEquals(1, set.set().id().getAsInt());
        assertEquals(3, set.set().size().getAsInt());
        Op.AddElements el = assertInstanceOf(Op.AddElements.class, ops.get(3));
        assertEquals(1, el.elements().setId().getAsInt());
        Op.AddRule rule = assertInstanceOf(Op.AddRule.class, ops.get(4));
        // nft --debug=netlink of the same rule (nft 1.0.6)
        assertEquals(List.of(
                "[ meta load l4proto => reg 1 ]",
                "[ cmp eq reg 1 0x00000006 ]",
                "[ payload load 2b @ transport header + 2 => reg 1 ]",
                "[ lookup reg 1 set __set%d ]",
                "[ counter pkts 0 bytes 0 ]",
                "[ immediate reg 0 accept ]"), debug(rule));
        assertEquals(1, ((Lookup) rule.rule().exprs().get(3)).setId().getAsInt());
    }

    @Test
    void setIdsAreUniqueFromOne() {
        List<Op> ops = ops("""
                table ip t {
                    set named { type inet_service; }
                    chain c {
                        tcp dport { 1, 2 } accept
                        udp dport { 3, 4 } accept
                    }
                }
                """);
        List<Integer> ids = ops.stream().filter(o -> o instanceof Op.AddSet).map(o -> ((Op.AddSet) o).set().id()
                .getAsInt()).toList();
        assertEquals(List.of(1, 2, 3), ids);
    }

    @Test
    void matchesCompileLikeNft() {
        // each expectation is nft 1.0.6's --debug=netlink output for the rule in an ip table
        assertRule("ip saddr 10.0.0.0/8 tcp dport 1024-65535 drop",
                "[ payload load 1b @ network header + 12 => reg 1 ]",
                "[ cmp eq reg 1 0x0000000a ]",
                "[ meta load l4proto => reg 1 ]",
                "[ cmp eq reg 1 0x00000006 ]",
                "[ payload load 2b @ transport header + 2 => reg 1 ]",
                "[ cmp gte reg 1 0x00000004 ]",
                "[ cmp lte reg 1 0x0000ffff ]",
                "[ immediate reg 0 drop ]");
        assertRule("ip daddr 10.0.0.0/23",
                "[ payload load 4b @ network header + 16 => reg 1 ]",
                "[ bitwise reg 1 = ( reg 1 & 0x00feffff ) ^ 0x00000000 ]",
                "[ cmp eq reg 1 0x0000000a ]");
        assertRule("ct state established,related accept",
                "[ ct load state => reg 1 ]",
                "[ bitwise reg 1 = ( reg 1 & 0x00000006 ) ^ 0x00000000 ]",
                "[ cmp neq reg 1 0x00000000 ]",
                "[ immediate reg 0 accept ]");
        assertRule("ct state != established",
                "[ ct load state => reg 1 ]",
                "[ cmp neq reg 1 0x00000002 ]");
        assertRule("tcp flags & (syn|ack) == syn",
                "[ meta load l4proto => reg 1 ]",
                "[ cmp eq reg 1 0x00000006 ]",
                "[ payload load 1b @ transport header + 13 => reg 1 ]",
                "[ bitwise reg 1 = ( reg 1 & 0x00000012 ) ^ 0x00000000 ]",
                "[ cmp eq reg 1 0x00000002 ]");
        assertRule("meta mark 1-10",
                "[ meta load mark => reg 1 ]",
                "[ byteorder reg 1 = hton(reg 1, 4, 4) ]",
                "[ cmp gte reg 1 0x01000000 ]",
                "[ cmp lte reg 1 0x0a000000 ]");
        assertRule("ip dscp cs1",
                "[ payload load 1b @ network header + 1 => reg 1 ]",
                "[ bitwise reg 1 = ( reg 1 & 0x000000fc ) ^ 0x00000000 ]",
                "[ cmp eq reg 1 0x00000020 ]");
        assertRule("vlan id 10",
                "[ meta load iiftype => reg 1 ]",
                "[ cmp eq reg 1 0x00000001 ]",
                "[ payload load 2b @ link header + 12 => reg 1 ]",
                "[ cmp eq reg 1 0x00000081 ]",
                "[ payload load 2b @ link header + 14 => reg 1 ]",
                "[ bitwise reg 1 = ( reg 1 & 0x0000ff0f ) ^ 0x00000000 ]",
                "[ cmp eq reg 1 0x00000a00 ]");
        assertRule("meta iifname \"eth*\"",
                "[ meta load iifname => reg 1 ]",
                "[ cmp eq reg 1 0x00687465 ]");
        assertRule("tcp dport 80 dnat to 10.0.0.1:8080",
                "[ meta load l4proto => reg 1 ]",
                "[ cmp eq reg 1 0x00000006 ]",
                "[ payload load 2b @ transport header + 2 => reg 1 ]",
                "[ cmp eq reg 1 0x00005000 ]",
                "[ immediate reg 1 0x0100000a ]",
                "[ immediate reg 2 0x0000901f ]",
                "[ nat dnat ip addr_min reg 1 proto_min reg 2 flags 0x2 ]");
        assertRule("meta l4proto tcp masquerade to :1024-2048 random,persistent",
                "[ meta load l4proto => reg 1 ]",
                "[ cmp eq reg 1 0x00000006 ]",
                "[ immediate reg 1 0x00000004 ]",
                "[ immediate reg 2 0x00000008 ]",
                "[ masq proto_min reg 1 proto_max reg 2 flags 0xe ]");
        assertRule("ip saddr . tcp dport { 10.0.0.1 . 22, 10.0.0.2 . 80 }",
                "[ meta load l4proto => reg 1 ]",
                "[ cmp eq reg 1 0x00000006 ]",
                "[ payload load 4b @ network header + 12 => reg 1 ]",
                "[ payload load 2b @ transport header + 2 => reg 9 ]",
                "[ lookup reg 1 set __set%d ]");
        assertRule("meta mark set meta mark | 0x10",
                "[ meta load mark => reg 1 ]",
                "[ bitwise reg 1 = ( reg 1 & 0xffffffef ) ^ 0x00000010 ]",
                "[ meta set mark with reg 1 ]");
        assertRule("reject with tcp reset",
                "[ meta load l4proto => reg 1 ]",
                "[ cmp eq reg 1 0x00000006 ]",
                "[ reject type 1 code 0 ]");
    }

    private static void assertRule(String rule, String... expected) {
        List<Op> ops = ops("table ip t { chain c { }\nchain d {\n" + rule + "\n}\n}");
        Op.AddRule r = (Op.AddRule) ops.getLast();
        assertEquals(List.of(expected), debug(r), rule);
    }

    @Test
    void inetAddsNfprotoDependency() {
        List<Op> ops = ops("table inet t { chain c { icmp type echo-request accept\n}\n}");
        assertEquals(List.of(
                "[ meta load nfproto => reg 1 ]",
                "[ cmp eq reg 1 0x00000002 ]",
                "[ meta load l4proto => reg 1 ]",
                "[ cmp eq reg 1 0x00000001 ]",
                "[ payload load 1b @ transport header + 0 => reg 1 ]",
                "[ cmp eq reg 1 0x00000008 ]",
                "[ immediate reg 0 accept ]"), debug((Op.AddRule) ops.getLast()));
    }

    @Test
    void intervalSetsEncodeLikeNft() {
        List<Op> ops = ops("table inet t { set s { type ipv4_addr; flags interval; "
                + "elements = { 10.0.0.0/8, 192.168.1.1-192.168.1.20, 1.2.3.4 } }\n}");
        Op.AddElements el = (Op.AddElements) ops.getLast();
        List<String> keys = el.elements().elements().stream()
                .map(e -> e.key() + (e.isIntervalEnd() ? " end" : "")).toList();
        assertEquals(List.of("0x00000000 end", "0x01020304", "0x01020305 end", "0x0a000000", "0x0b000000 end",
                "0xc0a80101", "0xc0a80115 end"), keys);
    }

    @Test
    void definesAndContinuations() {
        List<Op> ops = ops("""
                define ports = { 22, 80 }
                define lan = 10.0.0.0/8
                table ip t {
                    chain c {
                        ip saddr $lan \\
                            tcp dport $ports accept # trailing comment
                    }
                }
                """);
        Op.AddRule r = (Op.AddRule) ops.getLast();
        assertEquals("[ payload load 1b @ network header + 12 => reg 1 ]", debug(r).getFirst());
    }

    @Test
    void commandsCarryPlacementAndHandles() {
        List<Op> ops = ops("""
                add rule ip t c tcp dport 22 accept
                insert rule ip t c position 7 drop
                add rule ip t c handle 9 counter
                replace rule ip t c handle 5 accept comment "x"
                delete rule ip t c handle 4
                delete table inet gone
                flush chain ip t c
                """);
        Op.AddRule insert = (Op.AddRule) ops.get(1);
        assertEquals(Op.Placement.INSERT, insert.placement());
        assertEquals(OptionalLong.of(7), insert.handle());
        assertEquals(OptionalLong.of(9), ((Op.AddRule) ops.get(2)).handle());
        Op.ReplaceRule rep = (Op.ReplaceRule) ops.get(3);
        assertEquals(5, rep.handle());
        assertEquals("x", rep.rule().comment().orElseThrow());
        assertEquals(new Op.DeleteRule(Family.IP, "t", "c", 4), ops.get(4));
        assertEquals(new Op.DeleteTable(Family.INET, "gone"), ops.get(5));
        assertEquals(new Op.FlushChain(Family.IP, "t", "c"), ops.get(6));
    }

    // ------------------------------------------------------------------------------------------------ errors

    @Test
    void badAddressPointsAtTheValue() {
        CompileException e = error("table ip t {\n\tchain c {\n\t\tip saddr 300.1.1.1 drop\n\t}\n}\n");
        assertEquals(3, e.line());
        assertEquals(12, e.column());
        assertEquals(20, e.endColumn());
        assertTrue(e.getMessage().startsWith("t.nft:3:12-20: Error: "), e.getMessage());
        assertTrue(e.getMessage().contains("300.1.1.1"), e.getMessage());
        String[] lines = e.getMessage().split("\n");
        assertEquals("\t\tip saddr 300.1.1.1 drop", lines[1]);
        assertEquals("\t\t         ^^^^^^^^^", lines[2]);
    }

    @Test
    void unknownKeyword() {
        CompileException e = error("table inet t {\n  chain c {\n    foo bar\n  }\n}\n");
        assertEquals(3, e.line());
        assertEquals(5, e.column());
        assertTrue(e.reason().contains("foo"), e.reason());
    }

    @Test
    void unknownHeaderField() {
        CompileException e = error("table inet t { chain c { tcp port 22\n}\n}");
        assertEquals(30, e.column());
        assertTrue(e.reason().contains("port"), e.reason());
    }

    @Test
    void undefinedVariable() {
        CompileException e = error("table ip t {\n chain c {\n  tcp dport $nope accept\n }\n}\n");
        assertEquals(3, e.line());
        assertEquals(13, e.column());
        assertEquals(17, e.endColumn());
        assertTrue(e.reason().contains("nope"), e.reason());
    }

    @Test
    void jumpToUndefinedChain() {
        CompileException e = error("table ip t {\n chain c {\n  jump nowhere\n }\n}\n");
        assertEquals(3, e.line());
        assertEquals(8, e.column());
        assertTrue(e.reason().contains("nowhere"), e.reason());
    }

    @Test
    void unknownSet() {
        CompileException e = error("table ip t { chain c { ip saddr @missing drop\n}\n}");
        assertTrue(e.reason().contains("missing"), e.reason());
        assertEquals(34, e.column());
    }

    @Test
    void badPortAndBadPrefix() {
        assertTrue(error("table ip t { chain c { tcp dport 70000\n}\n}").reason().contains("70000"));
        assertTrue(error("table ip t { chain c { ip saddr 10.0.0.0/33\n}\n}").reason().contains("33"));
    }

    @Test
    void includeIsRefused() {
        CompileException e = error("include \"other.nft\"\n");
        assertEquals(1, e.line());
        assertTrue(e.reason().contains("include"), e.reason());
    }

    @Test
    void unterminatedString() {
        CompileException e = error("table ip t { comment \"open\n}");
        assertEquals(1, e.line());
        assertEquals(22, e.column());
    }

    @Test
    void nftRulesFromTheHoldoutAreRefusedLikeNft() {
        // each input is refused by nft -c -f with the same message
        assertEquals("Range has zero or negative size",
                error("table ip t {\n chain c {\n  tcp dport 100-50\n }\n}\n").reason());
        CompileException conflict = error("table ip t {\n chain c {\n  tcp dport 22 udp sport 53\n }\n}\n");
        assertEquals("conflicting protocols specified: tcp vs. udp", conflict.reason());
        assertEquals(16, conflict.column());
        assertEquals(24, conflict.endColumn());
        CompileException v6 = error("table ip t {\n chain c {\n  ip6 saddr ::1\n }\n}\n");
        assertEquals(3, v6.column());
        assertEquals(11, v6.endColumn());
        assertTrue(error("table ip t {\n chain c {\n  type filter hook input;\n }\n}\n").reason()
                .contains("expecting priority"));
        assertTrue(error("table ip t {\n set s {\n  type ipv4_addr\n  elements = { 10.0.0.0/8 }\n }\n}\n")
                .reason().contains("flags interval"));
        assertTrue(error("table netdev t {\n chain c {\n  type filter hook ingress priority 0;\n }\n}\n")
                .reason().contains("device"));
        assertEquals("you cannot set chain policy twice", error("table ip t {\n chain c {\n"
                + "  type filter hook input priority 0; policy accept; policy drop;\n }\n}\n").reason());
        assertTrue(error("table ip t { chain c { counter } }").reason().contains("expecting newline or semicolon"));
        assertTrue(error("table ip t {\n map m { type ifname : integer; }\n}\n").reason()
                .contains("unqualified type integer"));
        assertTrue(error("table ip t {\n chain c {\n  type nat hook output priority dstnat;\n }\n}\n").reason()
                .contains("invalid priority"));
        assertTrue(error("define v = drop\n").reason().contains("unexpected drop"));
        CompileException open = error("table ip t {\n chain c {\n  tcp dport { 22, 80 accept\n }\n}\n");
        assertEquals(3, open.line());
        assertEquals(22, open.column());
    }

    @Test
    void moreInputsNftRefuses() {
        assertEquals("Use concatenations with sets and maps, not singleton values",
                error("define pair = 10.0.0.1 . 22\ntable ip t {\n chain c {\n  ip saddr . tcp dport $pair accept\n"
                        + " }\n}\n").reason());
        assertEquals("packet limit burst must be > 0",
                error("table ip t {\n chain c {\n  limit rate 400/minute burst 0 packets\n }\n}\n").reason());
        assertEquals("conflicting intervals specified", error("table ip t {\n chain x {\n }\n chain c {\n"
                + "  tcp dport vmap { 22 : jump x, 1-1023 : drop }\n }\n}\n").reason());
        assertEquals("unsupported family",
                error("table inet t {\n chain c {\n  ip daddr 192.0.2.1 dup to 192.0.2.2\n }\n}\n").reason());
        assertTrue(error("flush ruleset\r\n").reason().contains("junk"));
        assertTrue(error("table ip t {\n}\n# end").reason().contains("junk"));
        assertTrue(error("add chain ip t d '{ type filter hook output priority 10; }'\n").reason().contains("junk"));
        assertTrue(error("table ip t {\n chain c {\n  meta sktype 1\n }\n}\n").reason().contains("sktype"));
        assertEquals("syntax error, unexpected fwd, expecting string", error("table ip t {\n chain fwd {\n }\n}\n")
                .reason());
        assertEquals("syntax error, unexpected quoted string, expecting string", error("add table inet \"fw\"\n")
                .reason());
        assertEquals("datatype mismatch, map expects packet mark, mapping expression has type integer",
                error("table ip t {\n map m { type mark : ipv4_addr; }\n chain c {\n  type nat hook prerouting "
                        + "priority dstnat;\n  dnat to jhash ip saddr mod 2 map @m\n }\n}\n").reason());
        assertEquals("Can't parse symbolic invalid expressions",
                error("table ip t {\n chain c {\n  ct original proto-src 53\n }\n}\n").reason());
    }

    @Test
    void moreNftRules() {
        assertTrue(error("table ip t {\n chain c {\n  accept comment \"" + "x".repeat(129) + "\"\n }\n}\n").reason()
                .contains("comment too long"));
        assertTrue(error("table ip " + "t".repeat(300) + " {\n}\n").reason().contains("name too long"));
        assertTrue(error("table inet t {\n chain c {\n  type filter hook ingress priority 0;\n }\n}\n").reason()
                .contains("device"));
        assertEquals("syntax error, unexpected '}'", error("table ip t {\n set s {\n  type ipv4_addr\n"
                + "  elements = { }\n }\n}\n").reason());
        CompileException scoped = error("table ip t {\n chain c {\n  define y = 80\n }\n chain d {\n"
                + "  tcp dport $y drop\n }\n}\n");
        assertEquals(6, scoped.line());
        assertTrue(scoped.reason().contains("'y'"), scoped.reason());
        // devices = { } in the hook statement (netdev, inet ingress)
        List<Op> ops = ops("table netdev t {\n chain c {\n  type filter hook ingress devices = { lo } priority 0;\n"
                + " }\n}\n");
        Op.AddChain c = (Op.AddChain) ops.get(1);
        assertEquals(List.of("lo"), c.chain().base().orElseThrow().devices());
    }

    @Test
    void positionsLikeNft() {
        CompileException c = error("table ip t {\n chain c {\n  ip saddr 10.0.0.0/8 . 22 accept\n }\n}\n");
        assertEquals(12, c.column());
        assertEquals(19, c.endColumn());
        CompileException d = error("table inet t {\n set a { type ipv6_addr; flags dynamic; }\n"
                + " set b { type ipv4_addr; flags dynamic; }\n chain c {\n"
                + "  add @a { ip6 saddr } add @b { ip saddr } drop\n }\n}\n");
        assertEquals(5, d.line());
        assertEquals(33, d.column());
        assertEquals(40, d.endColumn());
    }

    @Test
    void explicitL4protoIsTheWholeIcmpDependency() {
        List<Op> ops = ops("table inet t { chain c {\nmeta l4proto icmp icmp type echo-request counter\n}\n}");
        assertEquals(List.of(
                "[ meta load l4proto => reg 1 ]",
                "[ cmp eq reg 1 0x00000001 ]",
                "[ payload load 1b @ transport header + 0 => reg 1 ]",
                "[ cmp eq reg 1 0x00000008 ]",
                "[ counter pkts 0 bytes 0 ]"), debug((Op.AddRule) ops.getLast()));
    }

    @Test
    void intervalVerdictMapsNeverMergeDifferentVerdicts() {
        List<Op> ops = ops("table ip t { chain z { }\nchain c {\nmeta mark vmap { 0x00000001 : accept, "
                + "0x00000002 : drop, 0x00000010-0x0000001f : jump z }\n}\n}");
        Op.AddElements el = (Op.AddElements) ops.get(ops.size() - 2);
        // as nft sends it: 0 end, 1 accept, 2 drop, 3 end, 0x10 jump, 0x20 end
        assertEquals(List.of("0x00000000 end", "0x00000001 accept", "0x00000002 drop", "0x00000003 end",
                "0x00000010 jump", "0x00000020 end"), el.elements().elements().stream()
                .map(e -> e.key() + (e.isIntervalEnd() ? " end" : " " + switch (e.data().orElseThrow()) {
                    case io.jnetlink.nftables.expr.Data.Verdict v -> v.code() == 1 ? "accept"
                            : v.code() == 0 ? "drop" : "jump";
                    default -> "?";
                })).toList());
    }

    @Test
    void natPortNeedsTransportMatch() {
        CompileException e = error("table ip t { chain c { type nat hook prerouting priority dstnat; "
                + "redirect to :8080\n}\n}");
        assertTrue(e.reason().contains("transport protocol"), e.reason());
    }

    @Test
    void policyOnRegularChainIsRefusedLikeTheKernel() {
        CompileException e = error("table ip t {\n\tchain c {\n\t\tpolicy drop;\n\t}\n}\n");
        // nft: 3:3-13 Could not process rule: Operation not supported (the kernel's EOPNOTSUPP)
        assertEquals(3, e.line());
        assertEquals(3, e.column());
        assertTrue(e.reason().contains("Operation not supported"), e.reason());
        // a base chain declared earlier in the same script may get a new policy
        List<Op> ops = ops("table ip t {\n chain c {\n  type filter hook input priority 0;\n }\n"
                + " chain c {\n  policy drop;\n }\n}\n");
        Op.AddChain again = (Op.AddChain) ops.getLast();
        assertEquals(java.util.Optional.of(io.jnetlink.nftables.model.Chain.Policy.DROP),
                again.chain().base().orElseThrow().policy());
    }

    @Test
    void objectCommandFormsCompileLikeBlockForms() {
        List<Op> ops = ops("""
                add table inet t
                add synproxy inet t sp { mss 1460 ; wscale 7 ; timestamp sack-perm ; }
                add ct timeout inet t to1 { protocol udp ; l3proto ip ; policy = { unreplied : 15, replied : 60 } ; }
                add ct expectation inet t ex1 { protocol tcp ; dport 21 ; timeout 5s ; size 4 ; l3proto ip ; }
                add ct helper inet t ftp { type "ftp" protocol tcp ; l3proto inet ; }
                list table inet t
                """);
        List<String> kinds = ops.stream().map(Op::describe).toList();
        assertEquals(List.of("add table inet t", "add object inet t sp", "add object inet t to1",
                "add object inet t ex1", "add object inet t ftp"), kinds);
        List<Op> block = ops("""
                table inet t {
                    synproxy sp { mss 1460 ; wscale 7 ; timestamp sack-perm ; }
                    ct helper ftp { type "ftp" protocol tcp ; l3proto inet ; }
                }
                """);
        assertEquals(((Op.AddObject) ops.get(1)).object(), ((Op.AddObject) block.get(1)).object());
        assertEquals(((Op.AddObject) ops.get(4)).object(), ((Op.AddObject) block.get(2)).object());
    }

    @Test
    void fibSaddrOifAndIpOptionsCompileLikeNft() {
        List<Op> ops = ops("table inet t { chain c { type filter hook output priority 0;\n"
                + "fib saddr . oif type local counter\nip option rr exists counter\nmeta ipsec exists\n}\n}");
        // nft --debug=netlink (nft 1.0.6)
        assertEquals(List.of("[ fib saddr . oif type => reg 1 ]", "[ cmp eq reg 1 0x00000002 ]",
                "[ counter pkts 0 bytes 0 ]"), debug((Op.AddRule) ops.get(ops.size() - 3)));
        assertEquals(List.of("[ meta load nfproto => reg 1 ]", "[ cmp eq reg 1 0x00000002 ]",
                "[ exthdr load ipv4 1b @ 7 + 0 present => reg 1 ]", "[ cmp eq reg 1 0x00000001 ]",
                "[ counter pkts 0 bytes 0 ]"), debug((Op.AddRule) ops.get(ops.size() - 2)));
        assertEquals(List.of("[ meta load secpath => reg 1 ]", "[ cmp eq reg 1 0x00000001 ]"),
                debug((Op.AddRule) ops.getLast()));
    }

    @Test
    void unknownMetaKeyIsRefusedAtNftsPosition() {
        CompileException e = error("table inet t {\n\tchain c {\n\t\tmeta sktype 1\n\t}\n}\n");
        // nft 1.0.6: 3:3-13: Error: syntax error, unexpected sktype, known keys are length, ...
        assertEquals(3, e.line());
        assertEquals(3, e.column());
        assertTrue(e.reason().startsWith("syntax error, unexpected sktype, known keys are length, protocol"),
                e.reason());
        // and the column positions nft gives for a few more malformed rules
        assertEquals(24, error("table inet t {\n\tchain c {\n\t\tmeta mark set 0x1 0x2\n\t}\n}\n").column());
        assertEquals(22, error("table inet t {\n\tchain c {\n\t\tip saddr 10.0.0.1/ drop\n\t}\n}\n").column());
        CompileException m = error("table ip t {\n\tmap m {\n\t\ttype ifname : integer\n\t}\n}\n");
        assertEquals(2, m.line());
        assertEquals(6, m.column());
    }

    @Test
    void anonymousSetUserdataAsNftSendsIt() {
        List<Op> ops = ops("table inet t { chain c {\nip saddr { 10.0.0.0/8, 192.168.0.1 } counter\n"
                + "meta l4proto { tcp, udp } counter\nip dscp { ef, cs1 } counter\n}\n}");
        List<NftSet> sets = ops.stream().filter(o -> o instanceof Op.AddSet).map(o -> ((Op.AddSet) o).set()).toList();
        // read back from the kernel after nft -f (nft 1.0.6): key byteorder, merge-elements, key typeof
        assertEquals("0004020000000204010000000314000407000000010c00040c00000001040b000000",
                java.util.HexFormat.of().formatHex(sets.get(0).userdata().encode()));
        assertEquals("000401000000030e0004090000000106000410000000",
                java.util.HexFormat.of().formatHex(sets.get(1).userdata().encode()));
        assertEquals("000402000000", java.util.HexFormat.of().formatHex(sets.get(2).userdata().encode()));
    }

    private static List<Op.AddRule> rules(List<Op> ops) {
        return ops.stream().filter(Op.AddRule.class::isInstance).map(Op.AddRule.class::cast).toList();
    }

    @Test
    void indexNamingARuleOfTheSameScriptUsesRuleIdsNumberedAsNftDoes() {
        // nft 1.0.6 --debug=mnl of this file: rule 2 gets NFTA_RULE_ID 1, rule 1 id 2, rule 3 id 3 (in the order
        // an index first names them); rules 3, 4 and 5 carry NFTA_RULE_POSITION_ID 1, 2 and 3
        List<Op.AddRule> r = rules(ops("""
                flush ruleset
                add table ip t
                add chain ip t c
                add rule ip t c tcp dport 1 accept comment "one"
                add rule ip t c tcp dport 2 accept
                add rule ip t c index 1 tcp dport 3 accept comment "three"
                insert rule ip t c index 0 tcp dport 4 accept
                add rule ip t c index 3 tcp dport 5 accept
                """));
        assertEquals(5, r.size());
        assertEquals(List.of(OptionalInt.of(2), OptionalInt.of(1), OptionalInt.of(3), OptionalInt.empty(),
                OptionalInt.empty()), r.stream().map(Op.AddRule::id).toList());
        assertEquals(List.of(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(1), OptionalInt.of(2),
                OptionalInt.of(3)), r.stream().map(Op.AddRule::positionId).toList());
        assertEquals(List.of(Op.Placement.APPEND, Op.Placement.APPEND, Op.Placement.APPEND, Op.Placement.INSERT,
                Op.Placement.APPEND), r.stream().map(Op.AddRule::placement).toList());
        assertTrue(r.stream().allMatch(a -> a.handle().isEmpty()), "no kernel rule is named");
    }

    @Test
    void indexCountsTheExistingRulesThenTheScriptsAndUsesHandlesForTheKernelsOnes() {
        Ruleset existing = new Ruleset(List.of(Table.of(Family.IP, "t")), List.of(Chain.regular(Family.IP, "t", "c")),
                List.of(new Rule(Family.IP, "t", "c", List.of(), Userdata.EMPTY, OptionalLong.of(7)),
                        new Rule(Family.IP, "t", "c", List.of(), Userdata.EMPTY, OptionalLong.of(9))),
                List.of(), List.of(), List.of(), List.of(), 1);
        List<Op.AddRule> r = rules(NftCompiler.compile("""
                add rule ip t c tcp dport 3 accept
                insert rule ip t c index 1 tcp dport 4 accept
                add rule ip t c index 3 tcp dport 5 accept
                delete rule ip t c handle 7
                add rule ip t c index 0 tcp dport 6 accept
                """, "t.nft", existing).ops());
        // the chain: [7, 9] -> [7, 9, 3] -> [7, 4, 9, 3] (before handle 9) -> [7, 4, 9, 3, 5] (after 3: an id);
        // the delete leaves rule 7 in nft's view (as nft's cache does), so index 0 still names it by handle
        assertEquals(OptionalLong.of(9), r.get(1).handle());
        assertEquals(OptionalInt.of(1), r.get(0).id());
        assertEquals(OptionalInt.of(1), r.get(2).positionId());
        assertEquals(OptionalInt.empty(), r.get(1).id());
        assertEquals(OptionalLong.of(7), r.get(3).handle());

        CompileException past = assertThrows(CompileException.class, () -> NftCompiler.compile(
                "add rule ip t c index 2 tcp dport 3 accept\n", "t.nft", existing));
        assertTrue(past.getMessage().contains("no rule at index 2 in chain c, which holds 2 rules"), past.getMessage());
    }

    @Test
    void addElementMergesWithWhatAnAutoMergeSetHolds() {
        List<Op> ops = ops("""
                flush ruleset
                add table inet fw
                add set inet fw b { type ipv4_addr ; flags interval ; auto-merge ; }
                add element inet fw b { 10.0.0.0/24, 10.0.1.0/24, 10.0.2.5 }
                add element inet fw b { 10.0.2.6-10.0.2.20 }
                add element inet fw b { 10.0.0.7 }
                flush set inet fw b
                add element inet fw b { 10.0.2.21 }
                """);
        List<String> shown = ops.stream().filter(o -> o.describe().contains("element") || o.describe().startsWith(
                "flush set")).map(o -> switch (o) {
            case Op.AddElements a -> "+" + keys(a.elements().elements());
            case Op.DeleteElements d -> "-" + keys(d.elements().elements());
            default -> o.describe();
        }).toList();
        // as nft does: the first add carries the set's final merged content (10.0.0.0/23 and 10.0.2.5-10.0.2.20;
        // 10.0.0.7 lies inside), since the kernel refuses to delete what the same transaction added; the flush
        // closes it, and the add after it starts a new message from an empty set
        assertEquals(List.of("+[0x00000000/end, 0x0a000000, 0x0a000200/end, 0x0a000205, 0x0a000215/end]",
                "flush set inet fw b", "+[0x00000000/end, 0x0a000215, 0x0a000216/end]"), shown);
    }

    @Test
    void deleteElementLeavesTheEndElementAtZero() {
        Op.DeleteElements d = ops("""
                add table inet fw
                add set inet fw b { type ipv4_addr ; flags interval ; }
                delete element inet fw b { 10.0.0.0/24 }
                """).stream().filter(Op.DeleteElements.class::isInstance).map(Op.DeleteElements.class::cast)
                .findFirst().orElseThrow();
        assertEquals("[0x0a000000, 0x0a000100/end]", keys(d.elements().elements()));
    }

    private static String keys(List<SetElement> elements) {
        return elements.stream().map(e -> e.key() + ((e.flags() & SetElement.F_INTERVAL_END) != 0 ? "/end" : ""))
                .toList().toString();
    }

    @Test
    void addElementIntoAKernelSetDeletesOnlyWhatTheKernelHeldAndOnlyOnce() {
        NftSet set = new NftSet(Family.IP, "t", "s", NftSet.F_INTERVAL, new DataSpec(13, 2), Optional.empty(),
                OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                List.of(), Userdata.EMPTY.with(NftSet.UDATA_MERGE_ELEMENTS, new byte[]{1, 0, 0, 0}), List.of(),
                OptionalInt.empty(), OptionalLong.of(4));
        // the kernel holds 10-20 and 40-50
        List<SetElement> held = List.of(element(0, true), element(10, false), element(21, true), element(40, false),
                element(51, true));
        Ruleset existing = new Ruleset(List.of(Table.of(Family.IP, "t")), List.of(), List.of(), List.of(set),
                List.of(SetElements.of(Family.IP, "t", "s", held)), List.of(), List.of(), 1);
        List<Op> ops = NftCompiler.compile("""
                add element ip t s { 21 }
                add element ip t s { 22 }
                add element ip t s { 30 }
                """, "t.nft", existing).ops();
        List<String> shown = ops.stream().map(o -> switch (o) {
            case Op.AddElements a -> "+" + keys(a.elements().elements());
            case Op.DeleteElements d -> "-" + keys(d.elements().elements());
            default -> o.describe();
        }).toList();
        // 10-20 grows to 10-22: deleted once (first), then one add with everything the three commands added
        assertEquals(List.of("-[0x000a, 0x0015/end]", "+[0x000a, 0x0017/end, 0x001e, 0x001f/end]"), shown);
    }

    private static SetElement element(int port, boolean end) {
        return new SetElement(new Data.Value(new byte[]{(byte) (port >> 8), (byte) port}), Optional.empty(),
                Optional.empty(), Optional.empty(), end ? SetElement.F_INTERVAL_END : 0, OptionalLong.empty(),
                OptionalLong.empty(), Userdata.EMPTY, List.of());
    }
}
