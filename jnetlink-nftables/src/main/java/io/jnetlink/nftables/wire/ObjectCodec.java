package io.jnetlink.nftables.wire;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.nftables.expr.Counter;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.StatefulObject;
import io.jnetlink.nftables.model.Userdata;

import java.lang.invoke.MethodHandles;
import java.util.OptionalLong;

/** Stateful objects on the wire: enum nft_object_attributes (linux/netfilter/nf_tables.h). */
public final class ObjectCodec {

    private ObjectCodec() {
    }

    public static final int NFTA_OBJ_TABLE = 1;
    public static final int NFTA_OBJ_NAME = 2;
    public static final int NFTA_OBJ_TYPE = 3;
    public static final int NFTA_OBJ_DATA = 4;
    public static final int NFTA_OBJ_USE = 5;
    public static final int NFTA_OBJ_HANDLE = 6;
    public static final int NFTA_OBJ_PAD = 7;
    public static final int NFTA_OBJ_USERDATA = 8;

    public static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_OBJ_");

    /**
     * The expression name whose NFTA_EXPR_DATA layout an object type's NFTA_OBJ_DATA shares (NFT_OBJECT_*):
     * counter, quota, limit and connlimit objects hold what the expressions of the same name hold.
     */
    public static String exprName(int type) {
        return switch (type) {
            case 1 -> "counter";
            case 2 -> "quota";
            case 3 -> "ct_helper";
            case 4 -> "limit";
            case 5 -> "connlimit";
            case 6 -> "tunnel";
            case 7 -> "ct_timeout";
            case 8 -> "secmark";
            case 9 -> "ct_expect";
            case 10 -> "synproxy";
            default -> "object" + type;
        };
    }

    /** enum nft_counter_attributes: a counter object always carries both values, zeros included. */
    static final int NFTA_COUNTER_BYTES = 1;
    static final int NFTA_COUNTER_PACKETS = 2;

    /** NEWOBJ attributes in libnftnl's order: table, name, type, userdata, data. */
    public static void encode(MessageWriter w, StatefulObject o) {
        w.string(NFTA_OBJ_TABLE, o.table());
        w.string(NFTA_OBJ_NAME, o.name());
        w.u32be(NFTA_OBJ_TYPE, o.type());
        Codecs.userdata(w, NFTA_OBJ_USERDATA, o.userdata());
        w.nested(NFTA_OBJ_DATA, d -> {
            if (o.data() instanceof Counter c) {
                // the counter expression omits zero values (as nft's rules do); nft's counter objects send both
                d.u64be(NFTA_COUNTER_BYTES, c.bytes());
                d.u64be(NFTA_COUNTER_PACKETS, c.packets());
            } else {
                o.data().encodeData(d);
            }
        });
    }

    /**
     * DELOBJ attributes: table, name, type (the kernel looks objects up by all three), and an empty NFTA_OBJ_DATA
     * nest, as nft 1.0.6 sends it.
     */
    public static void encodeName(MessageWriter w, String table, String name, int type) {
        w.string(NFTA_OBJ_TABLE, table);
        w.string(NFTA_OBJ_NAME, name);
        w.u32be(NFTA_OBJ_TYPE, type);
        w.nested(NFTA_OBJ_DATA, d -> {
        });
    }

    /** Decodes a NEWOBJ message; the data becomes the expression of the same name (raw when not modelled). */
    public static StatefulObject decode(Message m) {
        Family family = Family.of(NfGenMsg.family(m));
        String table = null;
        String name = null;
        Integer type = null;
        byte[] data = new byte[0];
        Userdata userdata = Userdata.EMPTY;
        OptionalLong handle = OptionalLong.empty();
        AttributeReader a = m.attributes(NfGenMsg.SIZE, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case NFTA_OBJ_TABLE -> table = a.string();
                case NFTA_OBJ_NAME -> name = a.string();
                case NFTA_OBJ_TYPE -> type = a.u32be();
                case NFTA_OBJ_DATA -> data = a.bytes();
                case NFTA_OBJ_HANDLE -> handle = OptionalLong.of(a.u64be());
                case NFTA_OBJ_USERDATA -> userdata = Userdata.decode(a.bytes());
                default -> {
                }
            }
        }
        int t = Codecs.required(type, "NFTA_OBJ_TYPE");
        Expr expr = ExprCodec.decodeData(exprName(t), data);
        return new StatefulObject(family, Codecs.required(table, "NFTA_OBJ_TABLE"), Codecs.required(name, "NFTA_OBJ_NAME"),
                t, expr, userdata, handle);
    }

    public static OptionalLong handle(Message m) {
        return Codecs.u64beAttr(m, NFTA_OBJ_HANDLE, NAMES);
    }
}
