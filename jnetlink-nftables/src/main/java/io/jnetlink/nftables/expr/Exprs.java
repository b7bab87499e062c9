package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.error.DecodeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of expressions: encodes expression lists and single expressions, and decodes them by
 * NFTA_EXPR_NAME. Decoding keeps what the model cannot represent exactly (an unknown name, an attribute
 * or value a record has no place for) as a {@link RawExpr} holding the exact NFTA_EXPR_DATA payload, so a
 * dump never loses information; only broken list framing throws {@link DecodeException}.
 */
public final class Exprs {

    // linux/netfilter/nf_tables.h: enum nft_list_attributes, enum nft_expr_attributes
    static final int NFTA_LIST_ELEM = 1;
    static final int NFTA_EXPR_NAME = 1;
    static final int NFTA_EXPR_DATA = 2;

    private static final AttributeNames LIST_NAMES = t -> t == NFTA_LIST_ELEM ? "NFTA_LIST_ELEM" : "NFTA_LIST_" + t;
    private static final AttributeNames EXPR_NAMES = t -> switch (t) {
        case NFTA_EXPR_NAME -> "NFTA_EXPR_NAME";
        case NFTA_EXPR_DATA -> "NFTA_EXPR_DATA";
        default -> "NFTA_EXPR_" + t;
    };

    private static final Map<String, Function<AttributeReader, Expr>> DECODERS = Map.ofEntries(
            Map.entry(Payload.NAME, Payload::decode),
            Map.entry(Cmp.NAME, Cmp::decode),
            Map.entry(Bitwise.NAME, Bitwise::decode),
            Map.entry(Byteorder.NAME, Byteorder::decode),
            Map.entry(Meta.NAME, Meta::decode),
            Map.entry(Ct.NAME, Ct::decode),
            Map.entry(Immediate.NAME, Immediate::decode),
            Map.entry(Lookup.NAME, Lookup::decode),
            Map.entry(Dynset.NAME, Dynset::decode),
            Map.entry(Range.NAME, Range::decode),
            Map.entry(Counter.NAME, Counter::decode),
            Map.entry(Limit.NAME, Limit::decode),
            Map.entry(Quota.NAME, Quota::decode),
            Map.entry(Connlimit.NAME, Connlimit::decode),
            Map.entry(Notrack.NAME, Notrack::decode),
            Map.entry(Log.NAME, Log::decode),
            Map.entry(Reject.NAME, Reject::decode),
            Map.entry(Nat.NAME, Nat::decode),
            Map.entry(Masq.NAME, Masq::decode),
            Map.entry(Redir.NAME, Redir::decode),
            Map.entry(Fib.NAME, Fib::decode),
            Map.entry(Exthdr.NAME, Exthdr::decode),
            Map.entry(Numgen.NAME, Numgen::decode),
            Map.entry(Hash.NAME, Hash::decode),
            Map.entry(Objref.NAME, Objref::decode),
            Map.entry(Queue.NAME, Queue::decode),
            Map.entry(Rt.NAME, Rt::decode),
            Map.entry(FlowOffload.NAME, FlowOffload::decode));

    private Exprs() {
    }

    /** A list attribute {@code attrType} of NFTA_LIST_ELEM nests, each {NFTA_EXPR_NAME, NFTA_EXPR_DATA}. */
    public static void encodeList(MessageWriter w, int attrType, List<Expr> exprs) {
        Objects.requireNonNull(exprs, "exprs");
        w.nested(attrType, list -> {
            for (Expr e : exprs) {
                list.nested(NFTA_LIST_ELEM, elem -> encodeBody(elem, e));
            }
        });
    }

    /** One nft_expr_attributes nest {@code attrType} (NFTA_SET_EXPR, NFTA_SET_ELEM_EXPR, NFTA_DYNSET_EXPR). */
    public static void encodeOne(MessageWriter w, int attrType, Expr e) {
        Objects.requireNonNull(e, "expression");
        w.nested(attrType, n -> encodeBody(n, e));
    }

    private static void encodeBody(MessageWriter w, Expr e) {
        w.string(NFTA_EXPR_NAME, e.name());
        // libnftnl writes no NFTA_EXPR_DATA for expressions without attributes (notrack), nor does the kernel
        if (!(e instanceof Notrack) && !(e instanceof RawExpr r && r.data().length == 0)) {
            w.nested(NFTA_EXPR_DATA, e::encodeData);
        }
    }

    /**
     * Decodes the NFTA_LIST_ELEM nests of an expression list (the reader is positioned inside the list).
     *
     * @throws DecodeException when the list holds something other than NFTA_LIST_ELEM or its framing is broken
     */
    public static List<Expr> decodeList(AttributeReader list) {
        List<Expr> out = new ArrayList<>();
        while (list.next()) {
            if (list.type() != NFTA_LIST_ELEM) {
                throw new DecodeException("expression list: attribute " + list.type() + " where NFTA_LIST_ELEM "
                        + "belongs");
            }
            out.add(decodeOne(list.nested(EXPR_NAMES)));
        }
        return List.copyOf(out);
    }

    /**
     * Decodes one expression from the attributes of an nft_expr_attributes nest (the reader is positioned inside
     * it). Unknown names and data the records cannot represent exactly come back as {@link RawExpr}.
     *
     * @throws DecodeException when NFTA_EXPR_NAME is missing or the framing is broken
     */
    public static Expr decodeOne(AttributeReader exprAttrs) {
        String name = null;
        byte[] data = null;
        while (exprAttrs.next()) {
            switch (exprAttrs.type()) {
                case NFTA_EXPR_NAME -> name = exprAttrs.string();
                case NFTA_EXPR_DATA -> data = exprAttrs.bytes();
                default -> {
                    // a future attribute of nft_expr_attributes: the kernel's own parser ignores it as well
                }
            }
        }
        if (name == null) {
            throw new DecodeException("nft expression: NFTA_EXPR_NAME is missing");
        }
        return decodeData(name, data == null ? new byte[0] : data);
    }

    /**
     * Decodes the NFTA_EXPR_DATA payload of an expression called {@code name}; also the data of stateful
     * objects (NFTA_OBJ_DATA of a counter, quota or limit has the same attributes). Never throws: what the
     * model cannot represent exactly is a {@link RawExpr}.
     */
    public static Expr decodeData(String name, byte[] data) {
        Objects.requireNonNull(name, "name");
        Function<AttributeReader, Expr> decoder = DECODERS.get(name);
        if (decoder == null) {
            return new RawExpr(name, data);
        }
        try {
            return decoder.apply(AttributeReader.of(data, AttributeNames.NUMBERED));
        } catch (Fields.NotModelled | DecodeException | IllegalArgumentException e) {
            // the payload is kept whole: a record could not hold it exactly, or it was malformed inside
            return new RawExpr(name, data);
        }
    }

    /** The names that decode to records rather than {@link RawExpr}. */
    public static Set<String> modelledNames() {
        return DECODERS.keySet();
    }

    /**
     * The expressions in {@code nft --debug=netlink} notation, one per line, each indented by two spaces as
     * nft prints them.
     */
    public static String debug(List<Expr> exprs) {
        return exprs.stream().map(e -> "  " + e.debug()).collect(Collectors.joining("\n"));
    }
}
