package io.jnetlink.nftables.text;

import io.jnetlink.nftables.expr.Counter;
import io.jnetlink.nftables.expr.Limit;
import io.jnetlink.nftables.expr.LimitType;
import io.jnetlink.nftables.expr.Quota;
import io.jnetlink.nftables.expr.RawExpr;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.StatefulObject;
import io.jnetlink.nftables.proto.Datatype;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stateful object's body as {@code nft list} prints it (one line per entry) and its {@code nft -j} fields.
 * Object types the expression model keeps raw (ct helper, ct timeout, ct expectation, synproxy) are decoded here
 * from their NFTA_OBJ_DATA attributes (linux/netfilter/nf_tables.h).
 */
record ObjectView(List<String> lines, Json.Obj json) {

    // linux/netfilter/nf_conntrack_tcp.h / nfnetlink_cttimeout.h: CTA_TIMEOUT_TCP_* (1-based) as nft names them
    private static final String[] TCP_STATES = {"", "syn_sent", "syn_recv", "established", "fin_wait", "close_wait",
        "last_ack", "time_wait", "close", "syn_sent2", "retrans", "unacknowledged"};
    private static final String[] UDP_STATES = {"", "unreplied", "replied"};
    /** The kernel's default timeouts (seconds): nft shows only the entries that differ from them. */
    private static final long[] TCP_DEFAULTS = {0, 120, 60, 432000, 120, 60, 30, 120, 10, 120, 300, 300};
    private static final long[] UDP_DEFAULTS = {0, 30, 120};

    static ObjectView of(StatefulObject o) {
        List<String> lines = new ArrayList<>();
        Json.Obj j = Json.obj();
        switch (o.data()) {
            case Counter c -> {
                lines.add("packets " + c.packets() + " bytes " + c.bytes());
                j.put("packets", c.packets()).put("bytes", c.bytes());
            }
            case Quota q -> {
                lines.add(Delinearizer.quota(q, true).text());
                j.put("bytes", q.bytes()).put("used", q.consumed()).put("inv", (q.flags() & Quota.F_INV) != 0);
            }
            case Limit l -> {
                lines.add(Delinearizer.limit(l, true).text());
                limitJson(l, j);
            }
            case RawExpr r -> raw(o.type(), attrs(r.data()), lines, j);
            default -> lines.add("# " + o.data().name());
        }
        return new ObjectView(lines, j);
    }

    private static void limitJson(Limit l, Json.Obj j) {
        boolean bytes = l.type() == LimitType.PKT_BYTES;
        j.put("rate", bytes ? Long.parseLong(Delinearizer.byteRate(l.rate())[0]) : l.rate());
        j.put("per", switch ((int) l.unit()) {
            case 1 -> "second";
            case 60 -> "minute";
            case 3600 -> "hour";
            case 86400 -> "day";
            case 604800 -> "week";
            default -> "error";
        });
        if (l.burst() != 0) {
            if (bytes) {
                String[] b = Delinearizer.byteRate(l.burst());
                j.put("burst", Long.parseLong(b[0])).put("burst_unit", b[1]);
            } else {
                j.put("burst", l.burst());
            }
        }
        if ((l.flags() & Limit.F_INV) != 0) {
            j.put("inv", true);
        }
        if (bytes) {
            j.put("rate_unit", Delinearizer.byteRate(l.rate())[1]);
        }
    }

    private static void raw(int type, Map<Integer, byte[]> a, List<String> lines, Json.Obj j) {
        switch (type) {
            case StatefulObject.CT_HELPER -> {
                // NFTA_CT_HELPER_NAME 1, _L3PROTO 2 (be16), _L4PROTO 3 (u8)
                String name = a.containsKey(1) ? Datatype.string(a.get(1)) : "";
                String proto = proto(a.get(3));
                lines.add("type \"" + name + "\" protocol " + proto);
                lines.add("l3proto " + family(a.get(2)));
                j.put("type", name).put("protocol", proto).put("l3proto", family(a.get(2)));
            }
            case 7 -> {
                // ct timeout: NFTA_CT_TIMEOUT_L3PROTO 1 (be16), _L4PROTO 2 (u8), _DATA 3 (nested, be32 seconds)
                String proto = proto(a.get(2));
                lines.add("protocol " + proto);
                lines.add("l3proto " + family(a.get(1)));
                j.put("protocol", proto).put("l3proto", family(a.get(1)));
                Map<Integer, byte[]> d = a.containsKey(3) ? attrs(a.get(3)) : Map.of();
                String[] names = "udp".equals(proto) ? UDP_STATES : TCP_STATES;
                long[] defaults = "udp".equals(proto) ? UDP_DEFAULTS : "tcp".equals(proto) ? TCP_DEFAULTS
                        : new long[0];
                List<String> parts = new ArrayList<>();
                Json.Obj pol = Json.obj();
                Map<Integer, byte[]> sorted = new java.util.TreeMap<>(d);
                for (Map.Entry<Integer, byte[]> e : sorted.entrySet()) {
                    String n = e.getKey() < names.length ? names[e.getKey()] : Integer.toString(e.getKey());
                    long secs = new BigInteger(1, e.getValue()).longValue();
                    if (e.getKey() < defaults.length && defaults[e.getKey()] == secs) {
                        continue;
                    }
                    parts.add(n + " : " + secs);
                    pol.put(n, secs);
                }
                if (!parts.isEmpty()) {
                    lines.add("policy = { " + String.join(", ", parts) + " }");
                    j.put("policy", pol);
                }
            }
            case 9 -> {
                // ct expectation: NFTA_CT_EXPECT_L3PROTO 1 (be16), _L4PROTO 2 (u8), _DPORT 3 (be16),
                // _TIMEOUT 4 (be32 ms), _SIZE 5 (u8)
                String proto = proto(a.get(2));
                lines.add("protocol " + proto);
                j.put("protocol", proto);
                if (a.containsKey(3)) {
                    long p = new BigInteger(1, a.get(3)).longValue();
                    lines.add("dport " + p);
                    j.put("dport", p);
                }
                if (a.containsKey(4)) {
                    // NLA_U32 in host order
                    long ms = Datatype.MARK.toLong(a.get(4));
                    lines.add("timeout " + Datatype.formatTime(ms));
                    j.put("timeout", ms);
                }
                if (a.containsKey(5)) {
                    long n = new BigInteger(1, a.get(5)).longValue();
                    lines.add("size " + n);
                    j.put("size", n);
                }
                lines.add("l3proto " + family(a.get(1)));
                j.put("l3proto", family(a.get(1)));
            }
            case 10 -> {
                Stmt s = Delinearizer.synproxy(a, true);
                lines.addAll(Arrays.asList(s.text().split("\n")));
                if (s.json() instanceof Json.Obj so) {
                    so.fields.forEach(j::put);
                }
            }
            case 8 -> {
                // secmark: NFTA_SECMARK_CTX 1 (string)
                String ctx = a.containsKey(1) ? Datatype.string(a.get(1)) : "";
                lines.add("\"" + ctx + "\"");
                j.put("context", ctx);
            }
            default -> lines.add("# object type " + type);
        }
    }

    private static String proto(byte[] v) {
        return v == null || v.length == 0 ? "0" : Datatype.INET_PROTO.format(new byte[]{v[0]});
    }

    private static String family(byte[] v) {
        if (v == null || v.length < 2) {
            return "unspec";
        }
        int code = ((v[0] & 0xff) << 8) | (v[1] & 0xff);
        try {
            return Family.of(code).nftName();
        } catch (IllegalArgumentException e) {
            return Integer.toString(code);
        }
    }

    static Map<Integer, byte[]> attrs(byte[] data) {
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        int i = 0;
        while (i + 4 <= data.length) {
            int len = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8;
            int type = ((data[i + 2] & 0xff) | (data[i + 3] & 0xff) << 8) & 0x3fff;
            if (len < 4 || i + len > data.length) {
                break;
            }
            out.put(type, Arrays.copyOfRange(data, i + 4, i + len));
            i += (len + 3) & ~3;
        }
        return out;
    }
}
