package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.Op;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One rule at a time, the compiled expressions against nft's own: {@code nft --debug=netlink -f} prints the
 * expressions nft sends (libnftnl notation), {@link Expr#debug()} prints ours the same way. Rules nft refuses
 * must make the compiler throw.
 */
@NetnsTest
class LangDebugParityKernelTest {

    static Stream<String[]> rules() {
        List<String[]> r = new ArrayList<>();
        for (String rule : List.of(
                "ip saddr 0.0.0.0/0 accept",
                "ip saddr != 192.168.0.0/16 ip daddr 10.1.2.3 drop",
                "ip daddr 10.0.0.0/9 counter",
                "tcp dport 0-65535 accept",
                "meta mark != 0x00000000-0x00000010 drop",
                "tcp dport != 22 tcp sport > 1023 accept",
                "udp dport { 53, 67-68, 123 } accept",
                "ip protocol udp udp dport 53 accept",
                "meta l4proto { tcp, udp } th dport { 53, 853 } accept",
                "ct state established,related counter accept",
                "ct status snat,dnat counter",
                "ct direction original ct l3proto ipv4 counter",
                "iifname != \"lo\" ip saddr 127.0.0.0/8 drop",
                "oif lo accept",
                "meta skuid 1000 meta skgid 100 counter",
                "meta pkttype { broadcast, multicast } drop",
                "ether saddr 02:42:ac:11:00:02 ether type ip accept",
                "icmp type { echo-request, destination-unreachable } accept",
                "icmp type echo-request icmp code 0 accept",
                "tcp flags & (fin|syn|rst|ack) == syn tcp option maxseg size 1000-1460 accept",
                "tcp flags != syn counter",
                "tcp flags { syn, ack, syn | ack } counter",
                "ip dscp { ef, af41 } counter",
                "ip ttl 1-10 ip length < 100 counter",
                "ip saddr . ip daddr . tcp dport { 10.0.0.1 . 10.0.0.2 . 22 } accept",
                "ip saddr . tcp dport { 10.0.0.0/8 . 22-25, 192.168.0.0/16 . 80 } accept",
                "tcp dport vmap { 22 : accept, 80-90 : drop }",
                "meta mark set tcp dport map { 22 : 0x00000001, 80 : 0x00000002 }",
                "meta mark set ip saddr map { 10.0.0.0/8 : 0x00000001, 192.168.0.0/16 : 0x00000002 }",
                "ct mark set meta mark and 0x0000ffff",
                "meta mark set ct mark or 0x00010000",
                "meta priority set 1:2",
                "log prefix \"in: \" level info group 2",
                "limit rate 100/second burst 50 packets accept",
                "limit rate over 10 kbytes/second burst 20 kbytes drop",
                "quota over 1 gbytes drop",
                "counter packets 10 bytes 1000",
                "reject with icmp type port-unreachable",
                "reject with tcp reset",
                "notrack",
                "ct state new meter m { ip saddr limit rate 3/minute } accept",
                "tcp dport 22 meter m2 size 128 { ip saddr . tcp dport timeout 10s counter } accept",
                "meta nftrace set 1",
                "tcp dport 80 meta mark set 0x00000001 ct mark set meta mark accept",
                "jump other",
                "goto other",
                "return")) {
            r.add(new String[]{"ip", rule});
        }
        for (String rule : List.of(
                "ip saddr 10.0.0.1 ip6 daddr ::1 drop",
                "meta nfproto ipv6 ip6 saddr fe80::/10 accept",
                "ip6 daddr { ::1, fe80::/64, 2001:db8::/32 } counter",
                "icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert } accept",
                "ip6 nexthdr ipv6-icmp icmpv6 type echo-request limit rate 5/second accept",
                "meta l4proto ipv6-icmp accept",
                "ip saddr . tcp dport vmap { 10.0.0.1 . 22 : accept }",
                "tcp dport 22 reject",
                "reject with icmpx type admin-prohibited",
                "ct original ip saddr 10.0.0.0/8 counter",
                "ip6 flowlabel 0x12345 ip6 hoplimit 64 counter",
                "fib daddr type local tcp dport 8080 counter",
                "fib saddr . iif oif missing drop",
                "meta mark set numgen random mod 4 offset 1",
                "meta mark set jhash ip saddr . ip daddr mod 8 seed 0x1 offset 10",
                "exthdr frag exists drop",
                "tcp option sack-perm exists counter",
                "ip saddr { 10.0.0.1 } accept",
                "tcp dport != { 22 } accept",
                "ip saddr { 10.0.0.0/8 } accept",
                "ip daddr != { 10.0.0.0/8, 192.168.0.0/16 } drop",
                "ip saddr 10.0.0.1-10.0.0.5 ip daddr != 10.0.1.1-10.0.1.9 counter",
                "ip6 saddr ::1-::5 counter",
                "meta mark { 0x00000001, 0x00000002 } counter",
                "meta mark { 0x00000001-0x00000005, 0x00000010 } counter",
                "iifname { \"lo\" } counter",
                "ct state { established } accept",
                "meta l4proto != { tcp } counter",
                "ct mark != 0x00000001 ct mark > 0x00000005 counter",
                "meta length 100-200 counter",
                "ip dscp != cs0 ip ecn not-ect counter",
                "tcp flags fin,rst counter",
                "tcp flags == fin,syn counter",
                "ct status != dnat counter",
                "meta skuid { 0, 1000-2000 } counter",
                "ip saddr . tcp dport @s4 counter",
                "ip saddr 1.1.1.1 ip daddr 2.2.2.2 tcp sport 1 tcp dport 2",
                "ip ttl 1 ip protocol 6 ip daddr 1.2.3.4 accept",
                "ether saddr 02:00:00:00:00:01 ether daddr 02:00:00:00:00:02 ether type ip",
                "ip6 saddr ::1 ip6 daddr ::2 counter",
                "tcp sport 1 counter tcp dport 2 accept",
                "ip saddr 10.0.0.0/8 ip daddr 1.2.3.4 udp sport 53 udp dport { 1, 2 }")) {
            r.add(new String[]{"inet", rule});
        }
        for (String rule : List.of(
                "ether type ip ip saddr 1.2.3.4 accept",
                "vlan id 10 vlan type ip counter",
                "ip protocol tcp tcp dport 22 accept",
                "meta protocol ip6 ip6 saddr ::1 accept",
                "ip saddr 10.0.0.1 udp dport 53 counter",
                "ether daddr 01:00:5e:00:00:01 drop")) {
            r.add(new String[]{"bridge", rule});
            r.add(new String[]{"netdev", rule});
        }
        for (String rule : List.of(
                "tcp dport 80 dnat to 10.0.0.1",
                "tcp dport 80 dnat to 10.0.0.1-10.0.0.10:8000-8010 random",
                "ip daddr 192.0.2.1 dnat to 10.0.0.0/30",
                "meta l4proto tcp redirect to :1000-2000",
                "tcp dport 53 redirect to :5353",
                "dnat to ip daddr map { 192.0.2.1 : 10.0.0.1 }",
                "tcp dport 443 dnat to numgen inc mod 2 map { 0 : 10.0.0.1, 1 : 10.0.0.2 } : 8443")) {
            r.add(new String[]{"ip/nat", rule});
        }
        for (String rule : List.of(
                "tcp dport 80 dnat ip to 10.0.0.1:8080",
                "tcp dport 80 dnat ip6 to [2001:db8::1]:8080",
                "meta nfproto ipv6 dnat to [2001:db8::1]",
                "udp dport 53 redirect to :5353")) {
            r.add(new String[]{"inet/nat", rule});
        }
        for (String rule : List.of(
                "meta mark set 0x00000001 counter",
                "ct zone set 1",
                "log prefix \"x\" flags all",
                "queue num 1",
                "ip dscp set cs1",
                "tcp dport set 80",
                "ip saddr set 1.2.3.4",
                "ip6 saddr set ::1",
                "ip ttl set 10",
                "meta priority set 1:1",
                "ct expiration < 30s",
                "meta mark set ct mark and 0xff or 0x100",
                "tcp dport 022 accept",
                "ct mark set ct mark xor 0x1 and 0xf",
                "meta length > 1000 meta length <= 1400")) {
            r.add(new String[]{"inet", rule});
        }
        // compiler2: anonymous nat maps giving address . port or address ranges, bracketed ip6 ranges
        for (String rule : List.of(
                "dnat ip to ip saddr . tcp dport map { 10.0.0.1 . 80 : 192.168.1.1 . 8080 }",
                "meta nfproto ipv4 dnat ip addr . port to ip saddr . tcp dport map { 10.0.0.1 . 80 : 192.168.1.1 . 8080 }",
                "meta nfproto ipv6 dnat ip6 to [2001:db8::1]-[2001:db8::5]",
                "ip daddr 10.9.0.0/16 dnat ip prefix to ip daddr map { 10.9.0.0/16 : 192.168.0.0/16 }",
                "dnat ip to ip daddr map { 10.8.0.0/16 : 192.168.0.1-192.168.0.9, 10.7.0.1 : 192.168.1.0/24 }",
                "dnat ip6 to ip6 daddr map { 2001:db8::/64 : 2001:db8:1::1-2001:db8:1::5 }")) {
            r.add(new String[]{"inet/nat", rule});
        }
        for (String rule : List.of(
                "meta ipsec exists counter",
                "meta ipsec missing drop",
                "meta mark set meta mark lshift 1",
                "meta mark set meta mark rshift 8",
                "ip option rr exists counter",
                "ip option lsrr missing drop",
                "@nh,0,4 4 counter",
                "hbh nexthdr tcp counter",
                "mh type binding-update drop",
                "ip saddr . tcp dport vmap { 10.0.0.1 . 80 : accept }",
                "rt0 addr[1] ::1 drop",
                "srh sid[2] ::2 drop",
                "ct label 1 counter",
                "ip option rr ptr 4 counter",
                "ip option ra value 0 counter",
                "ip option ssrr length 7 counter")) {
            r.add(new String[]{"inet", rule});
        }
        for (String rule : List.of(
                "arp operation request arp daddr ip 10.0.0.1 accept",
                "arp htype 1 arp ptype ip arp saddr ether 02:00:00:00:00:01 counter")) {
            r.add(new String[]{"arp", rule});
        }
        return r.stream();
    }

    static String hook(String family) {
        return switch (family) {
            case "netdev" -> "ingress device \"lo\"";
            case "arp" -> "input";
            default -> "prerouting";
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rules")
    void compiledExpressionsEqualNfts(String family, String rule, TestNamespace ns) {
        boolean nat = family.endsWith("/nat");
        String fam = family.replace("/nat", "");
        String file = "table " + fam + " t {\n set s4 { type ipv4_addr . inet_service; }\n chain other {\n }\n"
                + " chain c {\n  type " + (nat ? "nat" : "filter") + " hook " + hook(fam)
                + " priority 0;\n  " + rule + "\n }\n}\n";
        io.jnetlink.oracles.Oracle.Result res = io.jnetlink.oracles.Oracle.run(file, "ip", "netns", "exec",
                ns.name(), "nft", "--debug=netlink", "-f", "-");
        if (res.exitCode() != 0) {
            // the kernel refusing the rule (no queue listener module here...) says nothing about compilation
            org.junit.jupiter.api.Assumptions.assumeFalse(res.stderr().contains("Could not process rule")
                    || res.stderr().contains("No such file or directory"), "kernel refused: " + res.stderr());
            // nft refuses the rule: so must the compiler
            org.junit.jupiter.api.Assertions.assertThrows(CompileException.class,
                    () -> NftCompiler.compile(file, "rule.nft"), rule + " / nft: " + res.stderr());
            return;
        }
        List<String> expected = nftRuleExprs(res.stdout());
        List<Op> ops = NftCompiler.compile(file, "rule.nft").ops();
        Op.AddRule add = (Op.AddRule) ops.getLast();
        List<String> actual = add.rule().exprs().stream().map(Expr::debug).toList();
        assertEquals(expected, actual, rule);
    }

    /** The expression lines of the last rule in nft's --debug=netlink output. */
    static List<String> nftRuleExprs(String stdout) {
        List<String> last = new ArrayList<>();
        List<String> cur = null;
        for (String line : stdout.split("\n")) {
            if (line.matches("\\S+ t c")) {
                cur = new ArrayList<>();
                last = cur;
            } else if (cur != null && line.startsWith("  [")) {
                cur.add(line.trim());
            } else if (!line.startsWith("  ")) {
                cur = null;
            }
        }
        return last;
    }
}
