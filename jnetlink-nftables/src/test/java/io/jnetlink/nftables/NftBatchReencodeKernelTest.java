package io.jnetlink.nftables;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.core.Message;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.wire.ChainCodec;
import io.jnetlink.nftables.wire.ElementCodec;
import io.jnetlink.nftables.wire.FlowtableCodec;
import io.jnetlink.nftables.wire.NfGenMsg;
import io.jnetlink.nftables.wire.NftMsg;
import io.jnetlink.nftables.wire.ObjectCodec;
import io.jnetlink.nftables.wire.RuleCodec;
import io.jnetlink.nftables.wire.SetCodec;
import io.jnetlink.nftables.wire.TableCodec;
import io.jnetlink.oracles.HexDiff;
import io.jnetlink.oracles.Nft;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden bytes for every operation kind: each message of the batches nft 1.0.6 sends (captured with strace) is
 * decoded with jnetlink's codecs into an {@link Op}, re-encoded, and must come out byte for byte as nft sent it
 * (only nlmsg_seq and nlmsg_pid are ignored). Covers tables, base and regular chains, named/anonymous sets and
 * maps with their userdata, elements, objects, rules with comments, append/insert/position/replace, every delete and
 * flush, create (NLM_F_EXCL) and flush ruleset.
 */
@NetnsTest
class NftBatchReencodeKernelTest {

    @Test
    void everyMessageNftSendsReencodesIdentically(TestNamespace ns, @TempDir Path dir) throws IOException {
        Nft nft = Nft.in(ns.name());
        List<byte[]> sent = new ArrayList<>(trace(ns, dir, "rich", NftablesListKernelTest.RICH));
        JsonNode json = nft.jsonRuleset();
        long other1 = ruleHandle(json, "other", 0);
        long other2 = ruleHandle(json, "other", 1);
        sent.addAll(trace(ns, dir, "commands", """
                add rule ip filter other position %d counter
                insert rule ip filter other position %d counter
                insert rule ip filter other counter comment "first"
                replace rule ip filter other handle %d counter drop
                delete rule ip filter other handle %d
                delete element ip filter ports { 80 }
                add element ip filter ports { 8080 }
                create element ip filter ports { 9090 }
                flush set ip filter blocklist
                flush chain ip6 six forward_c
                create table ip t2 { comment "second"; }
                create chain ip t2 c2
                add chain ip t2 c3 { comment "hi"; }
                add set ip t2 s2 { type inet_service; timeout 1m; size 100; comment "s"; }
                add map ip t2 m2 { type ipv4_addr : mark; }
                add element ip t2 m2 { 10.0.0.1 : 0x10 }
                add counter ip t2 cx
                add quota ip t2 qx { 100 mbytes }
                """.formatted(other1, other1, other1, other2)));
        sent.addAll(trace(ns, dir, "deletes", """
                delete chain ip t2 c2
                delete counter ip t2 cx
                delete quota ip t2 qx
                delete set ip t2 s2
                flush table ip6 six
                delete table ip t2
                """));
        // index N naming rules of the same batch: NFTA_RULE_ID on them, NFTA_RULE_POSITION_ID on the new rules
        sent.addAll(trace(ns, dir, "index", """
                add table ip ix
                add chain ip ix c
                add rule ip ix c tcp dport 1 accept comment "one"
                add rule ip ix c tcp dport 2 accept
                add rule ip ix c index 1 tcp dport 3 accept comment "three"
                insert rule ip ix c index 0 tcp dport 4 accept
                add rule ip ix c index 3 tcp dport 5 accept
                """));
        sent.addAll(trace(ns, dir, "flush", "flush ruleset ip6\nflush ruleset\n"));

        int compared = 0;
        List<String> failures = new ArrayList<>();
        for (byte[] m : sent) {
            Message msg = Message.parseAll(ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN)).getFirst();
            if (msg.type() == NfGenMsg.NFNL_MSG_BATCH_BEGIN || msg.type() == NfGenMsg.NFNL_MSG_BATCH_END) {
                continue;
            }
            Op op = toOp(msg);
            List<OpRequests.Encoded> encoded = OpRequests.encode(op);
            assertEquals(1, encoded.size(), op.describe());
            MessageWriter w = new MessageWriter();
            encoded.getFirst().request(msg.flags() & (Nl.NLM_F_ACK | Nl.NLM_F_ECHO)).encodeTo(w, 0, 0, 0);
            byte[] ours = w.toByteArray();
            java.util.Arrays.fill(m, 8, 16, (byte) 0);
            if (!java.util.Arrays.equals(m, ours)) {
                failures.add(NftMsg.name(NftMsg.msg(msg.type())) + ": " + op.describe() + " " + op + "\n"
                        + HexDiff.diff(m, ours));
            }
            compared++;
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + compared + " messages differ:\n"
                + String.join("\n", failures));
        assertTrue(compared >= 52, "messages compared: " + compared);
    }

    /** Runs nft -f under strace; returns the messages of every batch it sent (seq and pid zeroed). */
    static List<byte[]> trace(TestNamespace ns, Path dir, String name, String script) throws IOException {
        Path file = dir.resolve(name + ".nft");
        Path out = dir.resolve(name + ".strace");
        Files.writeString(file, script);
        Oracle.run(null, "ip", "netns", "exec", ns.name(), "strace", "-e", "trace=sendmsg", "-e", "write=3,4,5,6",
                "-o", out.toString(), "nft", "-f", file.toString()).orThrow();
        List<String> lines = Files.readAllLines(out);
        List<byte[]> all = new ArrayList<>();
        // every sendmsg carrying a batch (nft sends one per file here); reuse the golden parser per call
        List<String> chunk = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("sendmsg(") && !chunk.isEmpty()) {
                all.addAll(NftGoldenBytesKernelTest.messages(NftGoldenBytesKernelTest.batchBytes(chunk)));
                chunk.clear();
            }
            chunk.add(l);
        }
        all.addAll(NftGoldenBytesKernelTest.messages(NftGoldenBytesKernelTest.batchBytes(chunk)));
        assertTrue(all.size() > 2, "batch captured for " + name);
        return all;
    }

    static long ruleHandle(JsonNode json, String chain, int index) {
        int i = 0;
        for (JsonNode n : json.get("nftables")) {
            if (n.has("rule") && n.get("rule").get("chain").asText().equals(chain) && i++ == index) {
                return n.get("rule").get("handle").asLong();
            }
        }
        throw new AssertionError("no rule " + index + " in " + chain);
    }

    /** The top-level attributes of a request, by type (strings and big-endian numbers read on demand). */
    static Map<Integer, AttributeReader> attrs(Message m) {
        Map<Integer, AttributeReader> out = new HashMap<>();
        AttributeReader a = m.attributes(NfGenMsg.SIZE, AttributeNames.NUMBERED);
        while (a.next()) {
            AttributeReader one = m.attributes(NfGenMsg.SIZE, AttributeNames.NUMBERED);
            while (one.next() && one.type() != a.type()) {
                // position a second reader on this attribute
            }
            out.put(a.type(), one);
        }
        return out;
    }

    static String str(Map<Integer, AttributeReader> a, int type) {
        return a.get(type).string();
    }

    static Op toOp(Message m) {
        boolean excl = (m.flags() & Nl.NLM_F_EXCL) != 0;
        Family family = NfGenMsg.family(m) == 0 ? null : Family.of(NfGenMsg.family(m));
        Map<Integer, AttributeReader> a = attrs(m);
        return switch (NftMsg.msg(m.type())) {
            case NftMsg.NEWTABLE -> new Op.AddTable(TableCodec.decode(m), excl);
            case NftMsg.NEWCHAIN -> new Op.AddChain(ChainCodec.decode(m), excl);
            case NftMsg.NEWSET -> new Op.AddSet(SetCodec.decode(m), excl);
            case NftMsg.NEWSETELEM -> new Op.AddElements(ElementCodec.decode(m), excl);
            case NftMsg.NEWOBJ -> new Op.AddObject(ObjectCodec.decode(m), excl);
            case NftMsg.NEWFLOWTABLE -> new Op.AddFlowtable(FlowtableCodec.decode(m), excl);
            case NftMsg.NEWRULE -> {
                Rule r = RuleCodec.decode(m);
                Rule bare = new Rule(r.family(), r.table(), r.chain(), r.exprs(), r.userdata(), OptionalLong.empty());
                if ((m.flags() & Nl.NLM_F_REPLACE) != 0) {
                    yield new Op.ReplaceRule(bare, r.handle().orElseThrow());
                }
                OptionalLong position = a.containsKey(RuleCodec.NFTA_RULE_POSITION)
                        ? OptionalLong.of(a.get(RuleCodec.NFTA_RULE_POSITION).u64be()) : OptionalLong.empty();
                OptionalInt id = a.containsKey(RuleCodec.NFTA_RULE_ID)
                        ? OptionalInt.of(a.get(RuleCodec.NFTA_RULE_ID).u32be()) : OptionalInt.empty();
                OptionalInt positionId = a.containsKey(RuleCodec.NFTA_RULE_POSITION_ID)
                        ? OptionalInt.of(a.get(RuleCodec.NFTA_RULE_POSITION_ID).u32be()) : OptionalInt.empty();
                yield new Op.AddRule(bare, (m.flags() & Nl.NLM_F_APPEND) != 0 ? Op.Placement.APPEND
                        : Op.Placement.INSERT, position, id, positionId);
            }
            case NftMsg.DELTABLE -> a.containsKey(TableCodec.NFTA_TABLE_NAME)
                    ? new Op.DeleteTable(family, str(a, TableCodec.NFTA_TABLE_NAME))
                    : new Op.FlushRuleset(Optional.ofNullable(family));
            case NftMsg.DELCHAIN -> new Op.DeleteChain(family, str(a, ChainCodec.NFTA_CHAIN_TABLE),
                    str(a, ChainCodec.NFTA_CHAIN_NAME));
            case NftMsg.DELRULE -> {
                String table = str(a, RuleCodec.NFTA_RULE_TABLE);
                if (!a.containsKey(RuleCodec.NFTA_RULE_CHAIN)) {
                    yield new Op.FlushTable(family, table);
                }
                String chain = str(a, RuleCodec.NFTA_RULE_CHAIN);
                yield a.containsKey(RuleCodec.NFTA_RULE_HANDLE)
                        ? new Op.DeleteRule(family, table, chain, a.get(RuleCodec.NFTA_RULE_HANDLE).u64be())
                        : new Op.FlushChain(family, table, chain);
            }
            case NftMsg.DELSET -> new Op.DeleteSet(family, str(a, SetCodec.NFTA_SET_TABLE), str(a, SetCodec.NFTA_SET_NAME));
            case NftMsg.DELSETELEM -> a.containsKey(ElementCodec.NFTA_SET_ELEM_LIST_ELEMENTS)
                    ? new Op.DeleteElements(ElementCodec.decode(m))
                    : new Op.FlushSet(family, str(a, ElementCodec.NFTA_SET_ELEM_LIST_TABLE),
                    str(a, ElementCodec.NFTA_SET_ELEM_LIST_SET));
            case NftMsg.DELOBJ -> new Op.DeleteObject(family, str(a, ObjectCodec.NFTA_OBJ_TABLE),
                    a.get(ObjectCodec.NFTA_OBJ_TYPE).u32be(), str(a, ObjectCodec.NFTA_OBJ_NAME));
            case NftMsg.DELFLOWTABLE -> new Op.DeleteFlowtable(family, str(a, FlowtableCodec.NFTA_FLOWTABLE_TABLE),
                    str(a, FlowtableCodec.NFTA_FLOWTABLE_NAME));
            default -> throw new AssertionError("unexpected message " + NftMsg.name(NftMsg.msg(m.type())));
        };
    }
}
