package io.jnetlink.nftables.text;

import io.jnetlink.nftables.proto.CtKeyInfo;
import io.jnetlink.nftables.proto.Datatype;
import io.jnetlink.nftables.proto.MetaKeyInfo;
import io.jnetlink.nftables.proto.ProtoField;
import io.jnetlink.nftables.proto.Protocol;
import io.jnetlink.nftables.proto.Protocols;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the expression nft stores in set userdata for {@code typeof} declarations
 * (NFTNL_UDATA_SET_KEY_TYPEOF / NFTNL_UDATA_SET_DATA_TYPEOF) back to its text, such as {@code ip daddr . tcp dport}.
 * The blob is libnftnl udata: one-byte type and length; attribute 0 is nft's expression type (enum expr_types:
 * EXPR_PAYLOAD 7, EXPR_META 9, EXPR_CT 12, EXPR_CONCAT 13), attribute 1 the expression's own attributes
 * (payload: proto_desc_id and field index; meta: key; ct: key and direction; concat: one nest per part).
 */
final class Typeof {

    private static final int EXPR_PAYLOAD = 7;
    private static final int EXPR_META = 9;
    private static final int EXPR_CT = 12;
    private static final int EXPR_CONCAT = 13;
    private static final int EXPR_NUMGEN = 23;

    /** enum proto_desc_id (nftables include/proto.h), index = id. */
    private static final List<Protocol> DESC = Arrays.asList(null, Protocols.AH, Protocols.ESP, Protocols.COMP,
            Protocols.ICMP, Protocols.IGMP, Protocols.UDP, Protocols.UDPLITE, Protocols.TCP, Protocols.DCCP,
            Protocols.SCTP, Protocols.TH_, Protocols.IP, Protocols.IP6, Protocols.ICMPV6, Protocols.ARP,
            Protocols.VLAN, Protocols.ETHER);

    private Typeof() {
    }

    /** The typeof text and the datatype of each part (in order), as nft derives them from the expressions. */
    record Parsed(String text, List<Datatype> types) {
    }

    static Optional<String> describe(byte[] blob) {
        return parse(blob).map(Parsed::text);
    }

    static Optional<Parsed> parse(byte[] blob) {
        try {
            List<Datatype> types = new ArrayList<>();
            String text = expr(blob, types);
            return text == null ? Optional.empty() : Optional.of(new Parsed(text, types));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<byte[]> attrs(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            out.add(null);
        }
        int i = 0;
        while (i + 2 <= b.length) {
            int type = b[i] & 0xff;
            int len = b[i + 1] & 0xff;
            if (i + 2 + len > b.length) {
                break;
            }
            if (type < out.size()) {
                out.set(type, Arrays.copyOfRange(b, i + 2, i + 2 + len));
            }
            i += 2 + len;
        }
        return out;
    }

    private static List<byte[]> ordered(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i + 2 <= b.length) {
            int len = b[i + 1] & 0xff;
            if (i + 2 + len > b.length) {
                break;
            }
            out.add(Arrays.copyOfRange(b, i + 2, i + 2 + len));
            i += 2 + len;
        }
        return out;
    }

    private static int u32(byte[] v) {
        return ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt();
    }

    private static String expr(byte[] blob, List<Datatype> types) {
        List<byte[]> a = attrs(blob);
        if (a.get(0) == null || a.get(1) == null) {
            return null;
        }
        int type = u32(a.get(0));
        byte[] data = a.get(1);
        switch (type) {
            case EXPR_PAYLOAD -> {
                List<byte[]> p = attrs(data);
                int desc = u32(p.get(0));
                int index = u32(p.get(1));
                Protocol proto = desc > 0 && desc < DESC.size() ? DESC.get(desc) : null;
                if (proto == null || index < 1 || index > proto.fields().size()) {
                    return null;
                }
                ProtoField f = proto.fields().get(index - 1);
                types.add(f.type());
                return f.nftName();
            }
            case EXPR_META -> {
                int key = u32(attrs(data).get(0));
                Optional<MetaKeyInfo> k = MetaKeyInfo.of(key);
                k.ifPresent(m -> types.add(m.type()));
                return k.map(MetaKeyInfo::nftText).orElse(null);
            }
            case EXPR_CT -> {
                List<byte[]> c = attrs(data);
                int key = u32(c.get(0));
                int dir = c.get(1) == null ? -1 : u32(c.get(1));
                Optional<CtKeyInfo> k = CtKeyInfo.of(key);
                if (k.isEmpty()) {
                    return null;
                }
                String d = dir == 0 ? "original " : dir == 1 ? "reply " : "";
                types.add(k.get().type());
                return "ct " + d + k.get().name();
            }
            case EXPR_NUMGEN -> {
                // NFTNL_UDATA_NUMGEN_TYPE 0, _MODULUS 1, _OFFSET 2 (numgen.c)
                List<byte[]> n = attrs(data);
                int mode = u32(n.get(0));
                int mod = u32(n.get(1));
                int offset = n.get(2) == null ? 0 : u32(n.get(2));
                types.add(Datatype.INTEGER.withSize(32, io.jnetlink.nftables.proto.Endian.HOST));
                return "numgen " + (mode == 1 ? "random" : "inc") + " mod " + mod
                        + (offset != 0 ? " offset " + offset : "");
            }
            case EXPR_CONCAT -> {
                List<String> parts = new ArrayList<>();
                for (byte[] sub : ordered(data)) {
                    String s = expr(sub, types);
                    if (s == null) {
                        return null;
                    }
                    parts.add(s);
                }
                return parts.isEmpty() ? null : String.join(" . ", parts);
            }
            default -> {
                return null;
            }
        }
    }
}
