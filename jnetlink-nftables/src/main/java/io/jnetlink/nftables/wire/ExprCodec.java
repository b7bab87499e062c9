package io.jnetlink.nftables.wire;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.Exprs;

import java.util.List;

/**
 * The object codecs' one door to expressions (rules, set expressions, element expressions, object data):
 * a thin delegation to {@link Exprs}, the registry of package {@code expr}, plus the attribute names of
 * enum nft_list_attributes and nft_expr_attributes (linux/netfilter/nf_tables.h) for readers.
 */
public final class ExprCodec {

    private ExprCodec() {
    }

    public static final int NFTA_LIST_ELEM = 1;
    public static final int NFTA_EXPR_NAME = 1;
    public static final int NFTA_EXPR_DATA = 2;

    static final AttributeNames EXPR_NAMES = t -> switch (t) {
        case NFTA_EXPR_NAME -> "NFTA_EXPR_NAME";
        case NFTA_EXPR_DATA -> "NFTA_EXPR_DATA";
        default -> "NFTA_EXPR_" + t;
    };
    static final AttributeNames LIST_NAMES = t -> t == NFTA_LIST_ELEM ? "NFTA_LIST_ELEM" : "NFTA_LIST_" + t;

    /** A nested list of expressions under {@code attrType} (NFTA_RULE_EXPRESSIONS, NFTA_SET_EXPRESSIONS, ...). */
    public static void encodeList(MessageWriter w, int attrType, List<Expr> exprs) {
        Exprs.encodeList(w, attrType, exprs);
    }

    /** One expression nest under {@code attrType} (NFTA_SET_EXPR, NFTA_SET_ELEM_EXPR, ...). */
    public static void encodeOne(MessageWriter w, int attrType, Expr e) {
        Exprs.encodeOne(w, attrType, e);
    }

    /** Decodes a list nest (a reader over its payload). Unknown expressions stay raw. */
    public static List<Expr> decodeList(AttributeReader list) {
        return Exprs.decodeList(list);
    }

    /** Decodes one nft_expr_attributes nest (a reader over its payload). */
    public static Expr decodeOne(AttributeReader expr) {
        return Exprs.decodeOne(expr);
    }

    /** The expression called {@code name} whose NFTA_EXPR_DATA payload is {@code data} (stateful objects' data). */
    public static Expr decodeData(String name, byte[] data) {
        return Exprs.decodeData(name, data);
    }
}
