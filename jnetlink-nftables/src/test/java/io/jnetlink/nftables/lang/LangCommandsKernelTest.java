package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.Nftables;
import io.jnetlink.oracles.Nft;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commands compiled against the kernel's current ruleset (set key types, rule indexes), checked against nft
 * running the same commands on the same starting ruleset.
 */
@NetnsTest
class LangCommandsKernelTest {

    static final String BASE = """
            flush ruleset
            table inet t {
                set blk { type ipv4_addr; flags interval; }
                map ports { type inet_service : verdict; }
                chain other { }
                chain c {
                    type filter hook input priority 0;
                    ct state established accept
                    iif lo accept
                }
            }
            """;

    static final String COMMANDS = """
            add element inet t blk { 10.0.0.0/8, 192.168.1.1-192.168.1.9 }
            add element inet t ports { 22 : accept, 80 : jump other }
            add rule inet t c index 1 ip saddr @blk drop
            insert rule inet t c index 0 tcp dport vmap @ports
            add rule inet t c counter comment "last"
            add rule inet t other return
            delete element inet t blk { 192.168.1.1-192.168.1.9 }
            add chain inet t c { policy drop; }
            """;

    @Test
    void commandsOnExistingRulesetMatchNft(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        nft.apply(BASE);
        nft.apply(COMMANDS);
        String expected = LangCorpusKernelTest.normalize(nft.listRuleset());

        nft.apply(BASE);
        try (Nftables nl = Nftables.open(ns.netns())) {
            Script s = NftCompiler.compile(COMMANDS, "commands", nl.list());
            nl.apply(s.ops());
        }
        String actual = LangCorpusKernelTest.normalize(nft.listRuleset());
        assertTrue(actual.contains("tcp dport vmap @ports"), actual);
        assertTrue(actual.contains("policy drop;"), actual);
        assertEquals(expected, actual);
    }

    @Test
    void deletesByHandleResolveThroughTheExistingRuleset(TestNamespace ns) {
        Nft nft = Nft.in(ns.name());
        nft.apply("""
                flush ruleset
                table inet t {
                    set gone { type ipv4_addr; }
                    counter cgone { }
                    chain kept { }
                    chain dropme { }
                }
                """);
        try (Nftables nl = Nftables.open(ns.netns())) {
            io.jnetlink.nftables.model.Ruleset rs = nl.list();
            long set = rs.sets().stream().filter(x -> x.name().equals("gone")).findFirst().orElseThrow().handle()
                    .getAsLong();
            long chain = rs.chains().stream().filter(x -> x.name().equals("dropme")).findFirst().orElseThrow()
                    .handle().getAsLong();
            long obj = rs.objects().stream().filter(x -> x.name().equals("cgone")).findFirst().orElseThrow()
                    .handle().getAsLong();
            String cmds = "delete set inet t handle " + set + "\ndelete chain inet t handle " + chain
                    + "\ndelete counter inet t handle " + obj + "\n";
            nl.apply(NftCompiler.compile(cmds, "cmd", rs).ops());
        }
        String listing = nft.listRuleset();
        assertEquals("table inet t {\n\tchain kept {\n\t}\n}\n", listing);
    }

    @Test
    void unknownSetWithoutExistingRulesetIsAClearError() {
        CompileException e = org.junit.jupiter.api.Assertions.assertThrows(CompileException.class,
                () -> NftCompiler.compile("add element inet t blk { 10.0.0.1 }", "cmd"));
        assertTrue(e.reason().contains("blk"), e.reason());
        assertEquals(1, e.line());
        assertEquals(20, e.column());
    }
}
