package io.jnetlink.nftables;

import io.jnetlink.core.Request;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Hook;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.oracles.HexDiff;
import io.jnetlink.oracles.Nft;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Golden bytes: the batch jnetlink encodes for a table, a base chain and a rule equals, message by message, the
 * batch nft 1.0.6 sends for the same file (captured with {@code strace -e trace=sendmsg -e write=FD}); only sequence
 * numbers and port ids are ignored. (Commit adds NLM_F_ACK, and NLM_F_ECHO to creations, on top of these flags.)
 */
@NetnsTest
class NftGoldenBytesKernelTest {

    static final String FILE = """
            table inet filter {
              chain input { type filter hook input priority 0; policy accept; }
            }
            add rule inet filter input tcp dport 22 accept
            """;

    @Test
    void tableChainRuleBatchEqualsWhatNftSends(TestNamespace ns, @org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path script = dir.resolve("golden.nft");
        Path trace = dir.resolve("nft.strace");
        Files.writeString(script, FILE);
        Oracle.run(null, "ip", "netns", "exec", ns.name(), "strace", "-e", "trace=sendmsg", "-e", "write=3,4,5,6",
                "-o", trace.toString(), "nft", "-f", script.toString()).orThrow();
        List<byte[]> theirs = messages(batchBytes(Files.readAllLines(trace)));
        assertFalse(Nft.in(ns.name()).listRuleset().isEmpty(), "nft applied the file");

        List<Request> requests = new ArrayList<>();
        requests.add(OpRequests.batchBegin(OptionalLong.empty()));
        List<Op> ops = List.of(
                new Op.AddTable(Table.of(Family.INET, "filter"), false),
                new Op.AddChain(NftablesKernelTest.baseChain(Family.INET, "filter", "input", "filter", Hook.INPUT, 0),
                        false),
                Op.AddRule.append(Rule.of(Family.INET, "filter", "input", NftablesKernelTest.tcpDportAccept(22))));
        for (Op op : ops) {
            for (OpRequests.Encoded e : OpRequests.encode(op)) {
                requests.add(e.request(0));
            }
        }
        requests.add(OpRequests.batchEnd());
        MessageWriter w = new MessageWriter();
        for (Request r : requests) {
            r.encodeTo(w, 0, 0, 0);
        }
        List<byte[]> ours = messages(w.toByteArray());

        assertEquals(theirs.size(), ours.size(), "message count");
        for (int i = 0; i < ours.size(); i++) {
            HexDiff.assertBytes("message " + i + " (" + (i == 0 ? "batch begin" : i == ours.size() - 1 ? "batch end"
                    : ops.get(i - 1).describe()) + ")", theirs.get(i), ours.get(i));
        }
    }

    /** The bytes of the first sendmsg whose decoded form shows a batch, from strace's hexdump lines. */
    static byte[] batchBytes(List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean inBatch = false;
        for (String line : lines) {
            if (line.startsWith("sendmsg(")) {
                if (inBatch) {
                    break;
                }
                inBatch = line.contains("NFNL_MSG_BATCH_BEGIN");
                continue;
            }
            int bar = line.indexOf("| ");
            if (!inBatch || bar < 0 || !line.trim().startsWith("|")) {
                continue;
            }
            int start = bar + 2 + 5 + 2; // "| " + 5-digit offset + 2 spaces
            String hex = line.substring(start, Math.min(line.length(), start + 49));
            for (String tok : hex.trim().split("\\s+")) {
                if (tok.length() == 2) {
                    out.write(Integer.parseInt(tok, 16));
                }
            }
        }
        return out.toByteArray();
    }

    /** Splits a datagram into messages, zeroing nlmsg_seq and nlmsg_pid (the only bytes allowed to differ). */
    static List<byte[]> messages(byte[] datagram) {
        List<byte[]> out = new ArrayList<>();
        int off = 0;
        while (off + 16 <= datagram.length) {
            int len = (datagram[off] & 0xff) | (datagram[off + 1] & 0xff) << 8 | (datagram[off + 2] & 0xff) << 16
                    | (datagram[off + 3] & 0xff) << 24;
            byte[] m = java.util.Arrays.copyOfRange(datagram, off, off + len);
            java.util.Arrays.fill(m, 8, 16, (byte) 0);
            out.add(m);
            off += (len + 3) & ~3;
        }
        return out;
    }
}
