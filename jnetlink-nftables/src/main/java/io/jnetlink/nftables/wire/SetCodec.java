package io.jnetlink.nftables.wire;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Userdata;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Sets and maps on the wire: enum nft_set_attributes, nft_set_desc_attributes, nft_set_field_attributes
 * (linux/netfilter/nf_tables.h).
 */
public final class SetCodec {

    private SetCodec() {
    }

    public static final int NFTA_SET_TABLE = 1;
    public static final int NFTA_SET_NAME = 2;
    public static final int NFTA_SET_FLAGS = 3;
    public static final int NFTA_SET_KEY_TYPE = 4;
    public static final int NFTA_SET_KEY_LEN = 5;
    public static final int NFTA_SET_DATA_TYPE = 6;
    public static final int NFTA_SET_DATA_LEN = 7;
    public static final int NFTA_SET_POLICY = 8;
    public static final int NFTA_SET_DESC = 9;
    public static final int NFTA_SET_ID = 10;
    public static final int NFTA_SET_TIMEOUT = 11;
    public static final int NFTA_SET_GC_INTERVAL = 12;
    public static final int NFTA_SET_USERDATA = 13;
    public static final int NFTA_SET_PAD = 14;
    public static final int NFTA_SET_OBJ_TYPE = 15;
    public static final int NFTA_SET_HANDLE = 16;
    public static final int NFTA_SET_EXPR = 17;
    public static final int NFTA_SET_EXPRESSIONS = 18;

    public static final int NFTA_SET_DESC_SIZE = 1;
    public static final int NFTA_SET_DESC_CONCAT = 2;
    public static final int NFTA_SET_FIELD_LEN = 1;

    public static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_SET_");
    static final AttributeNames DESC_NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_SET_DESC_");
    static final AttributeNames FIELD_NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_SET_FIELD_");

    /** NEWSET attributes, in libnftnl's order. One per-element expression goes as NFTA_SET_EXPR, several as a list. */
    public static void encode(MessageWriter w, NftSet s) {
        w.string(NFTA_SET_TABLE, s.table());
        w.string(NFTA_SET_NAME, s.name());
        w.u32be(NFTA_SET_FLAGS, s.flags());
        w.u32be(NFTA_SET_KEY_TYPE, s.key().type());
        w.u32be(NFTA_SET_KEY_LEN, s.key().length());
        s.data().ifPresent(d -> {
            w.u32be(NFTA_SET_DATA_TYPE, d.type());
            w.u32be(NFTA_SET_DATA_LEN, d.length());
        });
        s.objectType().ifPresent(t -> w.u32be(NFTA_SET_OBJ_TYPE, t));
        s.id().ifPresent(id -> w.u32be(NFTA_SET_ID, id));
        s.policy().ifPresent(p -> w.u32be(NFTA_SET_POLICY, p));
        if (s.size().isPresent() || !s.concat().isEmpty()) {
            w.nested(NFTA_SET_DESC, d -> {
                s.size().ifPresent(n -> d.u32be(NFTA_SET_DESC_SIZE, n));
                if (!s.concat().isEmpty()) {
                    d.nested(NFTA_SET_DESC_CONCAT, c -> {
                        for (int len : s.concat()) {
                            c.nested(ExprCodec.NFTA_LIST_ELEM, f -> f.u32be(NFTA_SET_FIELD_LEN, len));
                        }
                    });
                }
            });
        }
        s.timeoutMs().ifPresent(t -> w.u64be(NFTA_SET_TIMEOUT, t));
        s.gcIntervalMs().ifPresent(g -> w.u32be(NFTA_SET_GC_INTERVAL, g));
        Codecs.userdata(w, NFTA_SET_USERDATA, s.userdata());
        if (s.exprs().size() == 1) {
            ExprCodec.encodeOne(w, NFTA_SET_EXPR, s.exprs().getFirst());
        } else if (s.exprs().size() > 1) {
            ExprCodec.encodeList(w, NFTA_SET_EXPRESSIONS, s.exprs());
        }
    }

    /** DELSET attributes: table and name. */
    public static void encodeName(MessageWriter w, String table, String name) {
        w.string(NFTA_SET_TABLE, table);
        w.string(NFTA_SET_NAME, name);
    }

    /** Decodes a NEWSET message. */
    public static NftSet decode(Message m) {
        Family family = Family.of(NfGenMsg.family(m));
        String table = null;
        String name = null;
        int flags = 0;
        int keyType = 0;
        int keyLen = 0;
        Integer dataType = null;
        int dataLen = 0;
        OptionalInt objType = OptionalInt.empty();
        OptionalLong timeout = OptionalLong.empty();
        OptionalInt gc = OptionalInt.empty();
        OptionalInt policy = OptionalInt.empty();
        OptionalInt size = OptionalInt.empty();
        List<Integer> concat = new ArrayList<>();
        Userdata userdata = Userdata.EMPTY;
        List<Expr> exprs = new ArrayList<>();
        OptionalInt id = OptionalInt.empty();
        OptionalLong handle = OptionalLong.empty();
        AttributeReader a = m.attributes(NfGenMsg.SIZE, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case NFTA_SET_TABLE -> table = a.string();
                case NFTA_SET_NAME -> name = a.string();
                case NFTA_SET_FLAGS -> flags = a.u32be();
                case NFTA_SET_KEY_TYPE -> keyType = a.u32be();
                case NFTA_SET_KEY_LEN -> keyLen = a.u32be();
                case NFTA_SET_DATA_TYPE -> dataType = a.u32be();
                case NFTA_SET_DATA_LEN -> dataLen = a.u32be();
                case NFTA_SET_OBJ_TYPE -> objType = OptionalInt.of(a.u32be());
                case NFTA_SET_POLICY -> policy = OptionalInt.of(a.u32be());
                case NFTA_SET_ID -> id = OptionalInt.of(a.u32be());
                case NFTA_SET_TIMEOUT -> timeout = OptionalLong.of(a.u64be());
                case NFTA_SET_GC_INTERVAL -> gc = OptionalInt.of(a.u32be());
                case NFTA_SET_USERDATA -> userdata = Userdata.decode(a.bytes());
                case NFTA_SET_HANDLE -> handle = OptionalLong.of(a.u64be());
                case NFTA_SET_EXPR -> exprs.add(ExprCodec.decodeOne(a.nested(ExprCodec.EXPR_NAMES)));
                case NFTA_SET_EXPRESSIONS -> exprs.addAll(ExprCodec.decodeList(a.nested(ExprCodec.LIST_NAMES)));
                case NFTA_SET_DESC -> {
                    AttributeReader d = a.nested(DESC_NAMES);
                    while (d.next()) {
                        switch (d.type()) {
                            case NFTA_SET_DESC_SIZE -> size = OptionalInt.of(d.u32be());
                            case NFTA_SET_DESC_CONCAT -> {
                                AttributeReader c = d.nested(ExprCodec.LIST_NAMES);
                                while (c.next()) {
                                    AttributeReader f = c.nested(FIELD_NAMES);
                                    while (f.next()) {
                                        if (f.type() == NFTA_SET_FIELD_LEN) {
                                            concat.add(f.u32be());
                                        }
                                    }
                                }
                            }
                            default -> {
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        Optional<DataSpec> data = dataType == null ? Optional.empty() : Optional.of(new DataSpec(dataType, dataLen));
        return new NftSet(family, Codecs.required(table, "NFTA_SET_TABLE"), Codecs.required(name, "NFTA_SET_NAME"),
                flags, new DataSpec(keyType, keyLen), data, objType, timeout, gc, policy, size, concat, userdata,
                exprs, id, handle);
    }

    public static OptionalLong handle(Message m) {
        return Codecs.u64beAttr(m, NFTA_SET_HANDLE, NAMES);
    }

    /** The name in an echoed NEWSET: the kernel's for an anonymous set ("__set%d" becomes __set0, ...). */
    public static Optional<String> name(Message m) {
        AttributeReader a = m.attributes(NfGenMsg.SIZE, NAMES);
        while (a.next()) {
            if (a.type() == NFTA_SET_NAME) {
                return Optional.of(a.string());
            }
        }
        return Optional.empty();
    }
}
