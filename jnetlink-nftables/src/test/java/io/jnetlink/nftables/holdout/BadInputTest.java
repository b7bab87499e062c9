package io.jnetlink.nftables.holdout;

import io.jnetlink.nftables.Nftables;
import io.jnetlink.nftables.lang.CompileException;
import io.jnetlink.nftables.lang.NftCompiler;
import io.jnetlink.nftables.lang.Script;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.oracles.Nft;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Malformed nft input, with {@code nft -c -f} as the oracle: nft must refuse each case (checked first, so a
 * case that nft accepts is a broken test, not a pass), and jnetlink must refuse it too, nothing applied.
 * <ul>
 *   <li>When nft's refusal comes from its front end (parser or evaluation), {@link NftCompiler} must throw a
 *       {@link CompileException} on nft's line whose column range overlaps the range nft marks (an
 *       IllegalArgumentException escaping the compiler has no position: it fails).</li>
 *   <li>When nft's refusal comes from the kernel ("Could not process rule: ..."), either the compiler refuses it
 *       (anywhere: nft's position there is only the object the kernel refused), or {@link Nftables#apply} throws a
 *       netlink error and the ruleset is unchanged. Compiling and applying it without error fails.</li>
 * </ul>
 * Every case runs on top of a baseline ruleset; afterwards {@code nft list ruleset} must still print it exactly.
 */
@NetnsTest
class BadInputTest {

    private static final String BASELINE = """
            table ip base {
            	chain c {
            		type filter hook input priority 0; policy accept;
            		tcp dport 22 counter accept
            	}
            }
            """;

    /** nft's error header: FILE:LINE:COL-END: Error: REASON. */
    private static final Pattern NFT_ERROR = Pattern.compile("(?m)^[^\\n]*?:(\\d+):(\\d+)-(\\d+): Error: (.*)$");

    record Case(String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, String text) {
        return new Case(name, text);
    }

    static Stream<Case> cases() {
        return Stream.of(
                c("unknown keyword", "table inet t {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t\tfrobnicate 22 accept\n\t}\n}\n"),
                c("bad ipv4 octet", "table ip t {\n\tchain c {\n\t\tip saddr 10.0.0.300 drop\n\t}\n}\n"),
                c("prefix /33", "table ip t {\n\tchain c {\n\t\tip daddr 10.0.0.0/33 drop\n\t}\n}\n"),
                c("port 70000", "table inet t {\n\tchain c {\n\t\ttcp dport 70000 accept\n\t}\n}\n"),
                c("unterminated string", "table inet t {\n\tchain c {\n\t\tiifname \"eth0 accept\n\t}\n}\n"),
                c("unterminated brace", "table inet t {\n\tchain c {\n\t\ttcp dport 22 accept\n\t}\n"),
                c("undefined variable", "table inet t {\n\tchain c {\n\t\ttcp dport $nope accept\n\t}\n}\n"),
                c("jump to undefined chain", "table inet t {\n\tchain c {\n\t\tjump nowhere\n\t}\n}\n"),
                c("set element of wrong type", "table inet t {\n\tset s {\n\t\ttype inet_service\n\t\telements = { 22, 10.0.0.1 }\n\t}\n}\n"),
                c("map element without colon", "table inet t {\n\tmap m {\n\t\ttype ipv4_addr : verdict\n\t\telements = { 10.0.0.1 accept }\n\t}\n}\n"),
                c("base chain without priority", "table inet t {\n\tchain c {\n\t\ttype filter hook input;\n\t}\n}\n"),
                c("unknown family", "table ipx t {\n\tchain c {\n\t}\n}\n"),
                c("ipv6 address in ipv4 set", "table ip t {\n\tchain c {\n\t\tip saddr { 10.0.0.1, 2001:db8::1 } drop\n\t}\n}\n"),
                c("unknown hook", "table inet t {\n\tchain c {\n\t\ttype filter hook inbound priority 0;\n\t}\n}\n"),
                c("policy reject", "table inet t {\n\tchain c {\n\t\ttype filter hook input priority 0; policy reject;\n\t}\n}\n"),
                c("misspelt ct state", "table inet t {\n\tchain c {\n\t\tct state establishd accept\n\t}\n}\n"),
                c("undefined named set", "table inet t {\n\tchain c {\n\t\tip saddr @nosuchset drop\n\t}\n}\n"),
                c("bad mac address", "table bridge t {\n\tchain c {\n\t\tether saddr 00:11:22:33:44:gg drop\n\t}\n}\n"),
                c("reversed range", "table inet t {\n\tchain c {\n\t\ttcp dport 100-50 accept\n\t}\n}\n"),
                c("create table twice", "create table ip t\ncreate table ip t\n"),
                c("create existing table", "create table ip base\n"),
                c("bad ipv6 address", "table ip6 t {\n\tchain c {\n\t\tip6 saddr 2001:db8:::1 drop\n\t}\n}\n"),
                c("ip6 match in ip table", "table ip t {\n\tchain c {\n\t\tip6 saddr ::1 drop\n\t}\n}\n"),
                c("unknown set datatype", "table inet t {\n\tset s {\n\t\ttype ipv5_addr\n\t}\n}\n"),
                c("mark wider than 32 bits", "table inet t {\n\tchain c {\n\t\tmeta mark 0x1ffffffff drop\n\t}\n}\n"),
                c("nat port without l4 match", "table ip t {\n\tchain c {\n\t\ttype nat hook postrouting priority srcnat;\n\t\tsnat to 1.2.3.4:80\n\t}\n}\n"),
                c("jump without chain name", "table inet t {\n\tchain c {\n\t\ttcp dport 22 jump\n\t}\n}\n"),
                c("misspelt icmp type", "table inet t {\n\tchain c {\n\t\ticmp type echo-requests accept\n\t}\n}\n"),
                c("icmp mtu after an echo type", "table ip t {\n\tchain c {\n\t\ticmp type echo-request icmp mtu 3\n\t}\n}\n"),
                c("icmp id after another type",
                        "table ip t {\n\tchain c {\n\t\ticmp type destination-unreachable icmp id 3 drop\n\t}\n}\n"),
                c("icmpv6 field as nft lists it", "table ip6 t {\n\tchain c {\n\t\ticmpv6 parameter-problem 5\n\t}\n}\n"),
                c("statement after a verdict", "table ip t {\n\tchain c {\n\t\ttcp dport 22 accept drop\n\t}\n}\n"),
                c("counter after snat", "table ip t {\n\tchain c {\n\t\ttype nat hook postrouting priority srcnat;\n"
                        + "\t\tsnat to 1.2.3.4 counter\n\t}\n}\n"),
                c("blocks closed on one line", "table ip u { chain x { } }\n"),
                c("set block and table closed on one line", "table ip u { set s { type ipv4_addr; } }\n"),
                c("comment before a statement", "table ip t {\n\tchain c {\n\t\tdrop comment \"x\" counter\n\t}\n}\n"),
                c("limit per fortnight", "table inet t {\n\tchain c {\n\t\tlimit rate 10/fortnight accept\n\t}\n}\n"),
                c("define redefined", "define a = 1\ndefine a = 2\ntable inet t {\n\tchain c {\n\t\ttcp dport $a accept\n\t}\n}\n"),
                c("prefix in set without interval flag", "table inet t {\n\tset s {\n\t\ttype ipv4_addr\n\t\telements = { 10.0.0.0/8 }\n\t}\n}\n"),
                c("chain in missing table", "add chain inet nosuch c\n"),
                c("netdev chain without device", "table netdev t {\n\tchain c {\n\t\ttype filter hook ingress priority 0;\n\t}\n}\n"),
                c("conflicting l4 protocols", "table inet t {\n\tchain c {\n\t\ttcp dport 22 udp sport 53 accept\n\t}\n}\n"),
                c("anonymous set not closed", "table inet t {\n\tchain c {\n\t\ttcp dport { 22, 80 accept\n\t}\n}\n"),
                c("ttl 300", "table inet t {\n\tchain c {\n\t\tip ttl 300 drop\n\t}\n}\n"),
                c("goto base chain", "table inet t {\n\tchain b {\n\t\ttype filter hook input priority 0;\n\t}\n\tchain c {\n\t\tgoto b\n\t}\n}\n"),
                c("misspelt priority name", "table inet t {\n\tchain c {\n\t\ttype filter hook input priority filtr;\n\t}\n}\n"),
                c("element into missing set", "add element ip base nosuch { 1.2.3.4 }\n"),
                c("unterminated comment string", "table inet t {\n\tchain c {\n\t\tcounter comment \"unterminated\n\t}\n}\n"),
                c("closing braces without separator", "table ip t { chain c { counter } }\n"),
                c("policy twice", "table inet t {\n\tchain c {\n\t\ttype filter hook input priority 0; policy accept; policy drop;\n\t}\n}\n"),
                c("missing match value", "table inet t {\n\tchain c {\n\t\tip saddr 10.0.0.1 ip daddr\n\t}\n}\n"),
                c("unknown tcp flag", "table inet t {\n\tchain c {\n\t\tmeta l4proto tcp tcp flags syn,fin,bogus drop\n\t}\n}\n"),
                c("unknown set flag", "table inet t {\n\tset s {\n\t\ttype ipv4_addr\n\t\tflags bogus\n\t}\n}\n"),
                c("unknown log level", "table inet t {\n\tchain c {\n\t\ttype filter hook input priority 0; policy drop\n\t\ttcp dport 22 accept\n\t\tlog level chatty\n\t}\n}\n"),
                c("keyword as set name", "table inet t {\n\tset dup {\n\t\ttype inet_service\n\t}\n}\n"),
                c("keyword as chain name", "table inet t {\n\tchain fwd {\n\t\tcounter\n\t}\n}\n"),
                c("quoted table name", "add table inet \"fw\"\n"),
                c("type integer in map", "table ip t {\n\tmap m {\n\t\ttype ifname : integer\n\t}\n}\n"),
                c("dstnat priority on output", "table ip t {\n\tchain c {\n\t\ttype nat hook output priority dstnat; policy accept;\n\t}\n}\n"),
                c("ip vs ip6 in one dynset rule", "table inet t {\n\tset a {\n\t\ttype ipv6_addr\n\t\tflags dynamic\n\t}\n\tset b {\n\t\ttype ipv4_addr\n\t\tflags dynamic\n\t}\n\tchain c {\n\t\tadd @a { ip6 saddr } add @b { ip saddr } drop\n\t}\n}\n"),
                c("variable defined as verdict", "define v = drop\ntable inet t {\n\tchain c {\n\t\tcounter $v\n\t}\n}\n"),
                c("iif of missing interface", "table inet t {\n\tchain c {\n\t\tiif \"nosuch0\" accept\n\t}\n}\n"),
                c("quota with rate unit", "table inet t {\n\tquota q {\n\t\tover 2 gbytes/second\n\t}\n}\n"),
                c("hostname instead of address", "table ip t {\n\tchain c {\n\t\tip saddr no-such-host.invalid drop\n\t}\n}\n"),
                c("element with bad timeout", "table inet t {\n\tset s {\n\t\ttype ipv4_addr\n\t\tflags timeout\n\t\telements = { 10.0.0.1 timeout 5x }\n\t}\n}\n"),
                c("delete missing table", "delete table inet nosuch\n"),
                c("CRLF line endings", "flush ruleset\r\ntable inet t {\r\n}\r\n"),
                c("comment at end of file without newline", "table inet t {\n\tchain c {\n\t\ttcp dport 22 accept\n\t}\n} # end"),
                c("single-quoted chain spec", "add table ip t\nadd chain ip t d '{ type filter hook output priority 10; policy drop; }'\n"),
                c("singleton concatenation", "define pair = 10.0.0.1 . 22\ntable inet t {\n\tchain c {\n\t\tip saddr . tcp dport $pair accept\n\t}\n}\n"),
                c("limit burst 0 packets", "table inet t {\n\tchain c {\n\t\tlimit rate 400/minute burst 0 packets\n\t}\n}\n"),
                c("unknown meta key", "table inet t {\n\tchain c {\n\t\tmeta sktype 1 counter\n\t}\n}\n"),
                c("overlapping vmap intervals", "table inet t {\n\tchain x {\n\t}\n\tchain c {\n\t\ttcp dport vmap { 22 : jump x, 1-1023 : drop }\n\t}\n}\n"),
                c("dup in inet family", "table inet t {\n\tchain c {\n\t\ttype filter hook output priority 0;\n\t\tip daddr 192.0.2.1 dup to 192.0.2.2\n\t}\n}\n"),
                c("ct proto-src without protocol", "table inet t {\n\tchain c {\n\t\tct original proto-src 53 counter\n\t}\n}\n"),
                c("jhash into mark-keyed map", "table ip t {\n\tmap m {\n\t\ttype mark : ipv4_addr\n\t}\n\tchain c {\n\t\ttype nat hook prerouting priority dstnat;\n\t\tdnat to jhash ip saddr mod 2 map @m\n\t}\n}\n"),
                c("concatenation as a single value", "table inet t {\n\tchain c {\n\t\tip saddr 10.0.0.0/8 . 22 accept\n\t}\n}\n"),
                c("two values after set", "table inet t {\n\tchain c {\n\t\tmeta mark set 0x1 0x2\n\t}\n}\n"),
                c("comment longer than 128", "table inet t {\n\tchain c {\n\t\tcounter comment \"" + "x".repeat(129) + "\"\n\t}\n}\n"),
                c("table name longer than 256", "table inet " + "t".repeat(300) + " {\n}\n"),
                c("inet ingress chain without device", "table inet t {\n\tchain c {\n\t\ttype filter hook ingress priority 0;\n\t}\n}\n"),
                c("prefix without length", "table inet t {\n\tchain c {\n\t\tip saddr 10.0.0.1/ drop\n\t}\n}\n"),
                c("set statement without value", "table inet t {\n\tchain c {\n\t\tmeta mark set\n\t}\n}\n"),
                c("trailing comma in flag list", "table inet t {\n\tchain c {\n\t\tct state new,\n\t}\n}\n"),
                c("empty element list", "table inet t {\n\tset s {\n\t\ttype ipv4_addr\n\t\telements = { }\n\t}\n}\n"),
                c("variable used before its define", "table inet t {\n\tchain c {\n\t\ttcp dport $p accept\n\t}\n}\ndefine p = 22\n"),
                c("variable out of its chain scope", "table inet t {\n\tchain c {\n\t\tdefine y = 80\n\t}\n\tchain d {\n\t\ttcp dport $y drop\n\t}\n}\n"),
                c("change hook of existing base chain", "add chain ip base c { type filter hook output priority 0; }\n"),
                c("delete table twice", "delete table ip base\ndelete table ip base\n"),
                c("chain jumps to itself", "add rule ip base c jump c\n"),
                c("add rule after missing handle", "add rule ip base c handle 999 counter\n"),
                c("insert rule at missing position", "insert rule ip base c position 999 counter\n"),
                c("jump loop reachable from base chain", "add chain ip base a\nadd chain ip base b\nadd rule ip base a jump b\nadd rule ip base b jump a\nadd rule ip base c jump a\n"),
                c("ipv6 set looked up with ip saddr", "table inet t {\n\tset s {\n\t\ttype ipv6_addr\n\t}\n\tchain c {\n\t\tip saddr @s drop\n\t}\n}\n"),
                c("address set looked up with a port", "table inet t {\n\tset s {\n\t\ttype ipv4_addr\n\t}\n\tchain c {\n\t\ttcp dport @s drop\n\t}\n}\n"),
                c("anonymous vmap jumps to missing chain", "table inet t {\n\tchain c {\n\t\ttcp dport vmap { 22 : jump nowhere }\n\t}\n}\n"),
                c("missing named counter", "table inet t {\n\tchain c {\n\t\tcounter name \"nosuch\"\n\t}\n}\n"),
                c("missing ct helper", "table inet t {\n\tchain c {\n\t\tct helper set \"nosuch\"\n\t}\n}\n"),
                c("nat chain in bridge family", "table bridge t {\n\tchain c {\n\t\ttype nat hook prerouting priority 0;\n\t}\n}\n"),
                c("route chain on input hook", "table ip t {\n\tchain c {\n\t\ttype route hook input priority 0;\n\t}\n}\n"),
                c("policy on a regular chain", "table ip t {\n\tchain c {\n\t\tpolicy drop;\n\t}\n}\n"),
                c("ipv6 element into ipv4 set by command", "add table ip t\nadd set ip t s { type ipv4_addr; }\nadd element ip t s { abc:: }\n"),
                c("arp forward hook", "table arp t {\n\tchain c {\n\t\ttype filter hook forward priority 0;\n\t}\n}\n"),
                c("missing named limit", "table inet t {\n\tchain c {\n\t\tlimit name \"nosuch\" accept\n\t}\n}\n"),
                c("vmap with non-verdict", "table inet t {\n\tchain c {\n\t\ttcp dport vmap { 22 : 10.0.0.1 }\n\t}\n}\n"));
    }

    /** One line per case in /tmp/holdout/bad-input-summary.txt: nft's error next to jnetlink's, for the report. */
    private static synchronized void summary(Case bad, String nft, String jnetlink) {
        try {
            java.nio.file.Path out = java.nio.file.Path.of("/tmp/holdout/bad-input-summary.txt");
            java.nio.file.Files.createDirectories(out.getParent());
            java.nio.file.Files.writeString(out, nft + "\n    jnetlink: " + jnetlink + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            // only a convenience for reading the results; the assertions decide
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedAtNftsPositionAndNothingApplied(Case bad, TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        nft.apply(BASELINE);
        String before = nft.listRuleset();

        Oracle.Result check = Oracle.run(bad.text(), "ip", "netns", "exec", ns.name(), "nft", "-c", "-f", "-");
        String nftSays = check.stdout() + check.stderr();
        Matcher m = NFT_ERROR.matcher(nftSays);
        assertTrue(check.exitCode() != 0 && m.find(),
                "the case must be refused by nft -c -f with a position; nft said: " + nftSays);
        int line = Integer.parseInt(m.group(1));
        int col = Integer.parseInt(m.group(2));
        int end = Integer.parseInt(m.group(3));
        String reason = m.group(4);
        boolean kernelSide = reason.startsWith("Could not process rule") || reason.startsWith("No such file")
                || reason.startsWith("File exists") || reason.startsWith("Interface does not exist");
        String where = "[" + bad.name() + "] nft: " + line + ":" + col + "-" + end + " " + reason;

        Ruleset existing;
        try (Nftables nl = Nftables.open(ns.netns())) {
            existing = nl.list();
        }
        Script script = null;
        try {
            script = NftCompiler.compile(bad.text(), "bad.nft", existing);
        } catch (CompileException e) {
            summary(bad, where, e.line() + ":" + e.column() + "-" + e.endColumn() + " " + e.reason());
            assertTrue(e.getMessage().startsWith("bad.nft:" + e.line() + ":" + e.column() + "-"),
                    "message in nft's format: " + e.getMessage());
            if (kernelSide) {
                // nft only learns of these from the kernel and marks the whole object; refusing earlier is better
                assertEquals(before, nft.listRuleset(), "the refused input changed the ruleset");
                return;
            }
            assertEquals(line, e.line(), "line of the error; " + where + "; jnetlink: " + e.getMessage());
            assertTrue(e.column() <= end && col <= Math.max(e.column(), e.endColumn()),
                    "column range " + e.column() + "-" + e.endColumn() + " does not overlap nft's; " + where
                            + "; jnetlink: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("bad.nft:" + e.line() + ":" + e.column() + "-"),
                    "message in nft's format: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            fail("IllegalArgumentException escaped the compiler without a position (" + where + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            fail("unexpected " + e.getClass().getName() + " (" + where + "): " + e.getMessage(), e);
        }
        if (script != null) {
            summary(bad, where, "compiled");
            if (!kernelSide) {
                fail("compiled without error although nft refuses it before the kernel (" + where + "); ops: "
                        + script.ops());
            }
            List<io.jnetlink.nftables.Op> ops = script.ops();
            try (Nftables nl = Nftables.open(ns.netns())) {
                nl.apply(ops);
                fail("applied without error although the kernel refuses it under nft (" + where + ")");
            } catch (io.jnetlink.core.error.NetlinkException expected) {
                // the kernel's refusal (BatchException/KernelException naming the operation): the transaction must
                // have left nothing behind (checked below)
                summary(bad, where, "kernel refused on apply: " + expected.getMessage());
            }
        }
        assertEquals(before, nft.listRuleset(), "the refused input changed the ruleset");
    }
}
