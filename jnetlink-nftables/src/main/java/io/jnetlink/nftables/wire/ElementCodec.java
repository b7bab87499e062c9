package io.jnetlink.nftables.wire;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.Userdata;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Set elements on the wire: enum nft_set_elem_list_attributes and nft_set_elem_attributes
 * (linux/netfilter/nf_tables.h).
 */
public final class ElementCodec {

    private ElementCodec() {
    }

    public static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    public static final int NFTA_SET_ELEM_LIST_SET = 2;
    public static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    public static final int NFTA_SET_ELEM_LIST_SET_ID = 4;

    public static final int NFTA_SET_ELEM_KEY = 1;
    public static final int NFTA_SET_ELEM_DATA = 2;
    public static final int NFTA_SET_ELEM_FLAGS = 3;
    public static final int NFTA_SET_ELEM_TIMEOUT = 4;
    public static final int NFTA_SET_ELEM_EXPIRATION = 5;
    public static final int NFTA_SET_ELEM_USERDATA = 6;
    public static final int NFTA_SET_ELEM_EXPR = 7;
    public static final int NFTA_SET_ELEM_PAD = 8;
    public static final int NFTA_SET_ELEM_OBJREF = 9;
    public static final int NFTA_SET_ELEM_KEY_END = 10;
    public static final int NFTA_SET_ELEM_EXPRESSIONS = 11;

    /**
     * The largest NFTA_SET_ELEM_LIST_ELEMENTS nest we write: nla_len is 16 bits, so big element lists are cut into
     * several messages of the same batch (as nft does), each well under 64 KiB.
     */
    public static final int MAX_ELEMENTS_BYTES = 60 * 1024;

    public static final AttributeNames LIST_NAMES =
            AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_SET_ELEM_LIST_");
    static final AttributeNames ELEM_NAMES = t -> switch (t) {
        case NFTA_SET_ELEM_KEY -> "NFTA_SET_ELEM_KEY";
        case NFTA_SET_ELEM_DATA -> "NFTA_SET_ELEM_DATA";
        case NFTA_SET_ELEM_FLAGS -> "NFTA_SET_ELEM_FLAGS";
        case NFTA_SET_ELEM_TIMEOUT -> "NFTA_SET_ELEM_TIMEOUT";
        case NFTA_SET_ELEM_EXPIRATION -> "NFTA_SET_ELEM_EXPIRATION";
        case NFTA_SET_ELEM_USERDATA -> "NFTA_SET_ELEM_USERDATA";
        case NFTA_SET_ELEM_EXPR -> "NFTA_SET_ELEM_EXPR";
        case NFTA_SET_ELEM_OBJREF -> "NFTA_SET_ELEM_OBJREF";
        case NFTA_SET_ELEM_KEY_END -> "NFTA_SET_ELEM_KEY_END";
        case NFTA_SET_ELEM_EXPRESSIONS -> "NFTA_SET_ELEM_EXPRESSIONS";
        default -> "NFTA_SET_ELEM_" + t;
    };

    /** NEWSETELEM / DELSETELEM attributes: table, set, set id when given, and the elements. */
    public static void encode(MessageWriter w, SetElements e) {
        encodeHeader(w, e.table(), e.set(), e.setId());
        if (!e.elements().isEmpty()) {
            w.nested(NFTA_SET_ELEM_LIST_ELEMENTS, l -> {
                // libnftnl numbers the element nests 1, 2, 3...; the kernel reads them whatever their type
                int n = 0;
                for (SetElement el : e.elements()) {
                    l.nested(++n, x -> encodeElement(x, el));
                }
            });
        }
    }

    /** A flush set: DELSETELEM without elements, set before table as nft 1.0.6 sends it. */
    public static void encodeFlush(MessageWriter w, String table, String set) {
        w.string(NFTA_SET_ELEM_LIST_SET, set);
        w.string(NFTA_SET_ELEM_LIST_TABLE, table);
    }

    /** Table, set and set id (and a GETSETELEM dump request is just this). */
    public static void encodeHeader(MessageWriter w, String table, String set, OptionalInt setId) {
        w.string(NFTA_SET_ELEM_LIST_TABLE, table);
        w.string(NFTA_SET_ELEM_LIST_SET, set);
        setId.ifPresent(id -> w.u32be(NFTA_SET_ELEM_LIST_SET_ID, id));
    }

    /** The attributes inside one element nest, in libnftnl's order. */
    public static void encodeElement(MessageWriter x, SetElement el) {
        if (el.flags() != 0) {
            x.u32be(NFTA_SET_ELEM_FLAGS, el.flags());
        }
        el.timeoutMs().ifPresent(t -> x.u64be(NFTA_SET_ELEM_TIMEOUT, t));
        if (el.timeoutMs().isPresent()) {
            // the kernel accepts an expiration only together with a timeout
            el.expirationMs().ifPresent(t -> x.u64be(NFTA_SET_ELEM_EXPIRATION, t));
        }
        if (el.key().length() > 0) {
            // a catch-all element (NFT_SET_ELEM_CATCHALL, "*") has no key
            DataCodec.encode(x, NFTA_SET_ELEM_KEY, el.key());
        }
        el.keyEnd().ifPresent(k -> DataCodec.encode(x, NFTA_SET_ELEM_KEY_END, k));
        el.data().ifPresent(d -> DataCodec.encode(x, NFTA_SET_ELEM_DATA, d));
        el.objectRef().ifPresent(o -> x.string(NFTA_SET_ELEM_OBJREF, o));
        Codecs.userdata(x, NFTA_SET_ELEM_USERDATA, el.userdata());
        if (el.exprs().size() == 1) {
            ExprCodec.encodeOne(x, NFTA_SET_ELEM_EXPR, el.exprs().getFirst());
        } else if (el.exprs().size() > 1) {
            ExprCodec.encodeList(x, NFTA_SET_ELEM_EXPRESSIONS, el.exprs());
        }
    }

    /** Bytes one element takes inside the elements nest (for cutting big lists into messages). */
    public static int encodedSize(SetElement el) {
        MessageWriter w = new MessageWriter(128);
        w.nested(ExprCodec.NFTA_LIST_ELEM, x -> encodeElement(x, el));
        return w.size();
    }

    /**
     * Cuts {@code e} into parts whose elements nest stays under {@link #MAX_ELEMENTS_BYTES}; one part when it
     * fits (also when it holds no element).
     */
    public static List<SetElements> split(SetElements e) {
        List<SetElements> out = new ArrayList<>();
        List<SetElement> part = new ArrayList<>();
        int bytes = 0;
        for (SetElement el : e.elements()) {
            int n = encodedSize(el);
            if (!part.isEmpty() && bytes + n > MAX_ELEMENTS_BYTES) {
                out.add(new SetElements(e.family(), e.table(), e.set(), e.setId(), part));
                part = new ArrayList<>();
                bytes = 0;
            }
            part.add(el);
            bytes += n;
        }
        if (out.isEmpty() || !part.isEmpty()) {
            out.add(new SetElements(e.family(), e.table(), e.set(), e.setId(), part));
        }
        return out;
    }

    /** Decodes a NEWSETELEM message (one dump message holds some of a set's elements). */
    public static SetElements decode(Message m) {
        Family family = Family.of(NfGenMsg.family(m));
        String table = null;
        String set = null;
        OptionalInt setId = OptionalInt.empty();
        List<SetElement> elements = new ArrayList<>();
        AttributeReader a = m.attributes(NfGenMsg.SIZE, LIST_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case NFTA_SET_ELEM_LIST_TABLE -> table = a.string();
                case NFTA_SET_ELEM_LIST_SET -> set = a.string();
                case NFTA_SET_ELEM_LIST_SET_ID -> setId = OptionalInt.of(a.u32be());
                case NFTA_SET_ELEM_LIST_ELEMENTS -> {
                    AttributeReader l = a.nested(ExprCodec.LIST_NAMES);
                    while (l.next()) {
                        // the kernel sends NFTA_LIST_ELEM; requests (nft's) number the nests 1, 2, 3...
                        elements.add(decodeElement(l.nested(ELEM_NAMES)));
                    }
                }
                default -> {
                }
            }
        }
        return new SetElements(family, Codecs.required(table, "NFTA_SET_ELEM_LIST_TABLE"),
                Codecs.required(set, "NFTA_SET_ELEM_LIST_SET"), setId, elements);
    }

    /** Decodes the attributes of one NFTA_LIST_ELEM. */
    public static SetElement decodeElement(AttributeReader x) {
        Data.Value key = null;
        Optional<Data.Value> keyEnd = Optional.empty();
        Optional<Data> data = Optional.empty();
        Optional<String> objref = Optional.empty();
        int flags = 0;
        OptionalLong timeout = OptionalLong.empty();
        OptionalLong expiration = OptionalLong.empty();
        Userdata userdata = Userdata.EMPTY;
        List<Expr> exprs = new ArrayList<>();
        while (x.next()) {
            switch (x.type()) {
                case NFTA_SET_ELEM_KEY -> key = DataCodec.decodeValue(x);
                case NFTA_SET_ELEM_KEY_END -> keyEnd = Optional.of(DataCodec.decodeValue(x));
                case NFTA_SET_ELEM_DATA -> data = Optional.of(DataCodec.decode(x));
                case NFTA_SET_ELEM_OBJREF -> objref = Optional.of(x.string());
                case NFTA_SET_ELEM_FLAGS -> flags = x.u32be();
                case NFTA_SET_ELEM_TIMEOUT -> timeout = OptionalLong.of(x.u64be());
                case NFTA_SET_ELEM_EXPIRATION -> expiration = OptionalLong.of(x.u64be());
                case NFTA_SET_ELEM_USERDATA -> userdata = Userdata.decode(x.bytes());
                case NFTA_SET_ELEM_EXPR -> exprs.add(ExprCodec.decodeOne(x.nested(ExprCodec.EXPR_NAMES)));
                case NFTA_SET_ELEM_EXPRESSIONS -> exprs.addAll(ExprCodec.decodeList(x.nested(ExprCodec.LIST_NAMES)));
                default -> {
                }
            }
        }
        // A catch-all element (NFT_SET_ELEM_CATCHALL) has no key: an empty one stands for it.
        return new SetElement(key == null ? new Data.Value(new byte[0]) : key, keyEnd, data, objref, flags, timeout,
                expiration, userdata, exprs);
    }
}
