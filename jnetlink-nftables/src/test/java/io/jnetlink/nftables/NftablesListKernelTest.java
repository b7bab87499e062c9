package io.jnetlink.nftables;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.wire.NfGenMsg;
import io.jnetlink.nftables.wire.NftMsg;
import io.jnetlink.nftables.wire.RuleCodec;
import io.jnetlink.oracles.HexDiff;
import io.jnetlink.oracles.Nft;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** list() after {@code nft -f} of a rich ruleset: every object, compared with {@code nft -j list ruleset}. */
@NetnsTest
class NftablesListKernelTest {

    static final String RICH = """
            flush ruleset
            table ip filter {
            	counter c1 {
            		comment "a counter"
            	}
            	quota q1 {
            		over 10 mbytes
            	}
            	set blocklist {
            		type ipv4_addr
            		flags interval
            		elements = { 10.0.0.0/8, 192.168.1.1 }
            	}
            	set ports {
            		type inet_service
            		elements = { 22, 80, 443 }
            	}
            	map portmap {
            		type inet_service : verdict
            		elements = { 22 : accept, 23 : drop }
            	}
            	chain input {
            		type filter hook input priority filter; policy drop;
            		ct state established,related accept
            		iifname "lo" accept
            		ip saddr @blocklist drop
            		tcp dport { 8080, 8443 } accept comment "web"
            		tcp dport vmap @portmap
            		udp dport 53 counter name "c1" accept
            		jump other
            	}
            	chain other {
            		ip protocol icmp limit rate 10/second accept
            		meta l4proto udp quota name "q1" drop
            		log prefix "dropped: " drop
            	}
            }
            table ip6 six {
            	chain forward_c {
            		type filter hook forward priority 0; policy accept;
            		ip6 saddr { ::1, fe80::1 } counter drop
            		ip6 nexthdr tcp reject with tcp reset
            	}
            }
            table inet mixed {
            	set pairs {
            		type ipv4_addr . inet_service
            		elements = { 10.0.0.1 . 22, 10.0.0.2 . 80 }
            	}
            	chain pre {
            		type nat hook prerouting priority dstnat; policy accept;
            		ip daddr . tcp dport @pairs counter
            		tcp dport 8080 dnat ip to 10.0.0.1:80
            	}
            	chain post {
            		type nat hook postrouting priority srcnat; policy accept;
            		oifname "eth0" masquerade
            	}
            }
            """;

    private static Set<String> fromJson(JsonNode json, String kind, boolean withChain) {
        Set<String> out = new TreeSet<>();
        for (JsonNode n : json.get("nftables")) {
            if (n.has(kind)) {
                JsonNode o = n.get(kind);
                String table = o.has("table") ? o.get("table").asText() + " " : "";
                String name = withChain ? o.get("chain").asText() : o.get("name").asText();
                out.add(o.get("family").asText() + " " + table + name + " #" + o.get("handle").asLong());
            }
        }
        return out;
    }

    @Test
    void listReturnsEveryObjectNftShows(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        nft.apply(RICH);
        JsonNode json = nft.jsonRuleset();
        Ruleset rs;
        try (Nftables nf = Nftables.open(ns.netns())) {
            rs = nf.list();
            assertEquals(nf.generation(), rs.generation());
        }

        assertEquals(fromJson(json, "table", false), rs.tables().stream()
                .map(t -> t.family() + " " + t.name() + " #" + t.handle().getAsLong()).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(fromJson(json, "chain", false), rs.chains().stream()
                .map(c -> c.family() + " " + c.table() + " " + c.name() + " #" + c.handle().getAsLong())
                .collect(Collectors.toCollection(TreeSet::new)));
        // rules: same handles, in the same order
        List<String> jsonRules = new ArrayList<>();
        for (JsonNode n : json.get("nftables")) {
            if (n.has("rule")) {
                JsonNode r = n.get("rule");
                jsonRules.add(r.get("family").asText() + " " + r.get("table").asText() + " " + r.get("chain").asText()
                        + " #" + r.get("handle").asLong());
            }
        }
        assertEquals(jsonRules, rs.rules().stream()
                .map(r -> r.family() + " " + r.table() + " " + r.chain() + " #" + r.handle().getAsLong()).toList());
        // named sets and maps; anonymous sets (nft prints them inline) come on top
        Set<String> named = new TreeSet<>(fromJson(json, "set", false));
        named.addAll(fromJson(json, "map", false));
        assertEquals(named, rs.sets().stream().filter(s -> !s.isAnonymous())
                .map(s -> s.family() + " " + s.table() + " " + s.name() + " #" + s.handle().getAsLong())
                .collect(Collectors.toCollection(TreeSet::new)));
        List<NftSet> anonymous = rs.sets().stream().filter(NftSet::isAnonymous).toList();
        assertEquals(2, anonymous.size(), "tcp dport { 8080, 8443 } and ip6 saddr { ::1, fe80::1 }");
        assertTrue(anonymous.stream().allMatch(s -> s.name().startsWith("__set")), anonymous.toString());
        // objects
        Set<String> objects = new TreeSet<>(fromJson(json, "counter", false));
        objects.addAll(fromJson(json, "quota", false));
        assertEquals(objects, rs.objects().stream()
                .map(o -> o.family() + " " + o.table() + " " + o.name() + " #" + o.handle().getAsLong())
                .collect(Collectors.toCollection(TreeSet::new)));
        assertEquals("a counter", rs.objects().stream().filter(o -> o.name().equals("c1")).findFirst().orElseThrow()
                .comment().orElseThrow());
        // elements, anonymous sets included
        assertEquals(3, elements(rs, "ports").elements().size());
        assertEquals(2, elements(rs, "pairs").elements().size());
        SetElements portmap = elements(rs, "portmap");
        assertEquals(Set.of(Data.Verdict.ACCEPT, Data.Verdict.DROP), portmap.elements().stream()
                .map(e -> ((Data.Verdict) e.data().orElseThrow()).code()).collect(Collectors.toSet()));
        for (NftSet s : anonymous) {
            assertEquals(2, elements(rs, s.name(), s.family()).elements().size(), s.name());
        }
        assertEquals("web", rs.rules().stream().filter(r -> r.comment().isPresent()).findFirst().orElseThrow()
                .comment().orElseThrow());
    }

    private static SetElements elements(Ruleset rs, String set) {
        return rs.elements().stream().filter(e -> e.set().equals(set)).findFirst().orElseThrow(() -> new AssertionError(set));
    }

    private static SetElements elements(Ruleset rs, String set, Family family) {
        return rs.elements().stream().filter(e -> e.set().equals(set) && e.family() == family).findFirst()
                .orElseThrow(() -> new AssertionError(set));
    }

    @Test
    void listOfOneTableEqualsThatTableOfTheWholeList(TestNamespace ns) {
        Nft.in(ns.name()).apply(RICH);
        try (Nftables nf = Nftables.open(ns.netns())) {
            Ruleset all = nf.list();
            Ruleset one = nf.list(Family.IP, "filter");
            assertEquals(all.table(Family.IP, "filter"), one);
            assertEquals(1, one.tables().size());
            assertEquals(2, one.chains().size());
            assertEquals(10, one.rules().size());
        }
    }

    /**
     * Nothing is lost between the kernel and the model: the decoded ruleset, re-encoded and applied in one
     * transaction after a flush, makes the kernel dump the very same rule expression bytes and makes nft print the
     * very same listing. (The kernel's dump form differs from the request form, no NLA_F_NESTED inside
     * expressions and its own attribute order, so dumped bytes are compared with dumped bytes.)
     */
    @Test
    void reapplyingTheDecodedRulesetReproducesTheKernelsDumpAndNftsListing(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        nft.apply(RICH);
        String listing = nft.listRuleset();
        List<byte[]> before = ruleExpressions(ns);
        try (Nftables nf = Nftables.open(ns.netns())) {
            Ruleset rs = nf.list();
            nf.apply(NftablesCorpusRoundTripKernelTest.reapply(rs));
        }
        assertEquals(listing, nft.listRuleset());
        List<byte[]> after = ruleExpressions(ns);
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            HexDiff.assertBytes("rule " + i + " expressions", before.get(i), after.get(i));
        }
    }

    private static List<byte[]> ruleExpressions(TestNamespace ns) {
        try (NetlinkSocket s = ns.netns().openSocket(NetlinkProtocol.NETFILTER)) {
            return s.dump(new Request("list rules", NftMsg.type(NftMsg.GETRULE), 0,
                    w -> NfGenMsg.write(w, NfGenMsg.AF_UNSPEC, 0))).stream().map(RuleCodec::rawExpressions).toList();
        }
    }
}
