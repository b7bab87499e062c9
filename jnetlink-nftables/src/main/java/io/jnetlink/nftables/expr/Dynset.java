package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Adds, updates or deletes the key in register {@code sregKey} (with data from {@code sregData} for maps) in a
 * set from the packet path, optionally with a timeout and per-element expressions (counter, limit, ...).
 * Equivalent to nft's {@code update @flood { ip saddr limit rate 10/second }}:
 * {@code [ dynset update reg_key 1 set flood expr [ limit rate 10/second ... ] ]}. A {@code timeoutMs} of 0
 * (what the kernel dumps for a dynset without timeout) is not encoded.
 */
public record Dynset(int sregKey, OptionalInt sregData, DynsetOp op, String set, OptionalInt setId,
                     OptionalLong timeoutMs, List<Expr> exprs, int flags) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_dynset_attributes, enum nft_dynset_flags
    static final int NFTA_DYNSET_SET_NAME = 1;
    static final int NFTA_DYNSET_SET_ID = 2;
    static final int NFTA_DYNSET_OP = 3;
    static final int NFTA_DYNSET_SREG_KEY = 4;
    static final int NFTA_DYNSET_SREG_DATA = 5;
    static final int NFTA_DYNSET_TIMEOUT = 6;
    static final int NFTA_DYNSET_EXPR = 7;
    static final int NFTA_DYNSET_FLAGS = 9;
    static final int NFTA_DYNSET_EXPRESSIONS = 10;
    /** NFT_DYNSET_F_INV: the rule matches when the operation fails (e.g. the element existed). */
    public static final int F_INV = 1;
    /** NFT_DYNSET_F_EXPR: the set's expressions apply to elements this adds. */
    public static final int F_EXPR = 2;

    static final String NAME = "dynset";

    public Dynset {
        Wire.checkReg("dynset sreg key", sregKey);
        Objects.requireNonNull(sregData, "sregData");
        sregData.ifPresent(r -> Wire.checkReg("dynset sreg data", r));
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(setId, "setId");
        Objects.requireNonNull(timeoutMs, "timeoutMs");
        timeoutMs.ifPresent(t -> Wire.checkNonNegative("dynset timeout", t));
        exprs = List.copyOf(exprs);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: SREG_KEY, SREG_DATA, OP, TIMEOUT, SET_NAME, SET_ID, EXPR or EXPRESSIONS, FLAGS
        w.u32be(NFTA_DYNSET_SREG_KEY, sregKey);
        sregData.ifPresent(r -> w.u32be(NFTA_DYNSET_SREG_DATA, r));
        w.u32be(NFTA_DYNSET_OP, op.code());
        // The kernel dumps TIMEOUT 0 for every dynset but refuses any TIMEOUT (EOPNOTSUPP) for a set without the
        // timeout flag; nft never sends 0. A decoded 0 therefore stays in the record (debug() shows it as nft
        // does) but is not sent.
        timeoutMs.ifPresent(t -> {
            if (t != 0) {
                w.u64be(NFTA_DYNSET_TIMEOUT, t);
            }
        });
        w.string(NFTA_DYNSET_SET_NAME, set);
        setId.ifPresent(id -> w.u32be(NFTA_DYNSET_SET_ID, id));
        if (exprs.size() == 1) {
            Exprs.encodeOne(w, NFTA_DYNSET_EXPR, exprs.getFirst());
        } else if (exprs.size() > 1) {
            Exprs.encodeList(w, NFTA_DYNSET_EXPRESSIONS, exprs);
        }
        if (flags != 0) {
            w.u32be(NFTA_DYNSET_FLAGS, flags);
        }
    }

    @Override
    public String debug() {
        StringBuilder sb = new StringBuilder();
        sb.append(op.debugName()).append(" reg_key ").append(sregKey).append(" set ").append(set).append(' ');
        sregData.ifPresent(r -> sb.append("sreg_data ").append(r).append(' '));
        timeoutMs.ifPresent(t -> sb.append("timeout ").append(Long.toUnsignedString(t)).append("ms "));
        for (Expr e : exprs) {
            sb.append("expr ").append(e.debug()).append(' ');
        }
        return Wire.line(NAME, sb.toString());
    }

    static Dynset decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_DYNSET_SET_NAME, NFTA_DYNSET_SET_ID, NFTA_DYNSET_OP,
                NFTA_DYNSET_SREG_KEY, NFTA_DYNSET_SREG_DATA, NFTA_DYNSET_TIMEOUT, NFTA_DYNSET_EXPR,
                NFTA_DYNSET_FLAGS, NFTA_DYNSET_EXPRESSIONS);
        List<Expr> exprs;
        if (f.has(NFTA_DYNSET_EXPR) && f.has(NFTA_DYNSET_EXPRESSIONS)) {
            throw new Fields.NotModelled("dynset: both expr and expressions");
        } else if (f.has(NFTA_DYNSET_EXPR)) {
            exprs = List.of(f.expr(NFTA_DYNSET_EXPR));
        } else if (f.has(NFTA_DYNSET_EXPRESSIONS)) {
            exprs = f.exprList(NFTA_DYNSET_EXPRESSIONS);
            if (exprs.size() < 2) {
                // one expression re-encodes as NFTA_DYNSET_EXPR
                throw new Fields.NotModelled("dynset: expressions list of " + exprs.size());
            }
        } else {
            exprs = List.of();
        }
        return new Dynset(f.u32(NFTA_DYNSET_SREG_KEY), f.optU32(NFTA_DYNSET_SREG_DATA),
                DynsetOp.of(f.u32(NFTA_DYNSET_OP)), f.string(NFTA_DYNSET_SET_NAME), f.optU32(NFTA_DYNSET_SET_ID),
                f.optU64(NFTA_DYNSET_TIMEOUT), exprs, f.optU32(NFTA_DYNSET_FLAGS).orElse(0));
    }
}
