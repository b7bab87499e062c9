package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.Nl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The attributes of one NFTA_EXPR_DATA payload, indexed by type, read strictly: anything a record could
 * not re-encode exactly (an unexpected type, a duplicate, a wrong size, flag bits on a scalar, a string
 * that is not NUL-terminated UTF-8) throws {@link NotModelled}, and {@link Exprs} then keeps the whole
 * payload as a {@link RawExpr}. Structurally broken attribute framing surfaces as DecodeException from
 * {@link AttributeReader}, which {@link Exprs} also turns into a RawExpr (the payload bytes are intact).
 */
final class Fields {

    // linux/netfilter/nf_tables.h: enum nft_data_attributes, enum nft_verdict_attributes
    static final int NFTA_DATA_VALUE = 1;
    static final int NFTA_DATA_VERDICT = 2;
    static final int NFTA_VERDICT_CODE = 1;
    static final int NFTA_VERDICT_CHAIN = 2;
    /** NFT_DATA_VALUE_MAXLEN. */
    static final int DATA_VALUE_MAXLEN = 64;

    private record Attr(int typeBits, byte[] payload) {
    }

    private final String expr;
    private final Map<Integer, Attr> attrs = new HashMap<>();

    private Fields(String expr) {
        this.expr = expr;
    }

    /** Reads all attributes; any type outside {@code allowed} makes the expression not modelled. */
    static Fields read(String expr, AttributeReader a, int... allowed) {
        Fields f = new Fields(expr);
        while (a.next()) {
            int type = a.type();
            if (Arrays.stream(allowed).noneMatch(t -> t == type)) {
                throw new NotModelled(expr + ": attribute " + type + " is not modelled");
            }
            if (f.attrs.put(type, new Attr(a.typeBits(), a.bytes())) != null) {
                throw new NotModelled(expr + ": attribute " + type + " appears twice");
            }
        }
        return f;
    }

    boolean has(int type) {
        return attrs.containsKey(type);
    }

    private Attr scalar(int type, int size) {
        Attr at = attrs.get(type);
        if (at == null) {
            throw new NotModelled(expr + ": attribute " + type + " is missing");
        }
        if (at.typeBits != type || at.payload.length != size) {
            throw new NotModelled(expr + ": attribute " + type + " is not a plain " + size + "-byte value");
        }
        return at;
    }

    private ByteBuffer be(int type, int size) {
        return ByteBuffer.wrap(scalar(type, size).payload).order(ByteOrder.BIG_ENDIAN);
    }

    int u8(int type) {
        return Byte.toUnsignedInt(scalar(type, 1).payload[0]);
    }

    int u16(int type) {
        return Short.toUnsignedInt(be(type, 2).getShort());
    }

    int u32(int type) {
        return be(type, 4).getInt();
    }

    long u64(int type) {
        return be(type, 8).getLong();
    }

    OptionalInt optU8(int type) {
        return has(type) ? OptionalInt.of(u8(type)) : OptionalInt.empty();
    }

    OptionalInt optU16(int type) {
        return has(type) ? OptionalInt.of(u16(type)) : OptionalInt.empty();
    }

    OptionalInt optU32(int type) {
        return has(type) ? OptionalInt.of(u32(type)) : OptionalInt.empty();
    }

    OptionalLong optU64(int type) {
        return has(type) ? OptionalLong.of(u64(type)) : OptionalLong.empty();
    }

    /** A UTF-8 string, NUL-terminated or not, without a NUL inside. */
    String string(int type) {
        Attr at = attrs.get(type);
        if (at == null) {
            throw new NotModelled(expr + ": attribute " + type + " is missing");
        }
        return strictString(at, type);
    }

    Optional<String> optString(int type) {
        return has(type) ? Optional.of(string(type)) : Optional.empty();
    }

    private String strictString(Attr at, int type) {
        byte[] p = at.payload;
        if (at.typeBits != type) {
            throw new NotModelled(expr + ": attribute " + type + " carries unexpected flag bits");
        }
        // libnftnl writes some names without the NUL (mnl_attr_put_str), the kernel always with it
        int n = p.length > 0 && p[p.length - 1] == 0 ? p.length - 1 : p.length;
        for (int i = 0; i < n; i++) {
            if (p[i] == 0) {
                throw new NotModelled(expr + ": attribute " + type + " holds a NUL inside the string");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(p, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new NotModelled(expr + ": attribute " + type + " is not UTF-8");
        }
    }

    private AttributeReader nested(int type) {
        Attr at = attrs.get(type);
        if (at == null) {
            throw new NotModelled(expr + ": attribute " + type + " is missing");
        }
        // The kernel dumps nests without NLA_F_NESTED (nla_nest_start_noflag), libmnl sets it: accept both.
        if ((at.typeBits & ~Nl.NLA_F_NESTED) != type) {
            throw new NotModelled(expr + ": attribute " + type + " carries unexpected flag bits");
        }
        return AttributeReader.of(at.payload, AttributeNames.NUMBERED);
    }

    /** An nft_data nest holding exactly one NFTA_DATA_VALUE. */
    Data.Value value(int type) {
        Data d = data(type);
        if (d instanceof Data.Value v) {
            return v;
        }
        throw new NotModelled(expr + ": attribute " + type + " holds a verdict where a value belongs");
    }

    Optional<Data.Value> optValue(int type) {
        return has(type) ? Optional.of(value(type)) : Optional.empty();
    }

    /** An nft_data nest: one NFTA_DATA_VALUE, or one NFTA_DATA_VERDICT {code, chain}. */
    Data data(int type) {
        AttributeReader r = nested(type);
        if (!r.next()) {
            throw new NotModelled(expr + ": attribute " + type + " holds no data");
        }
        Data d;
        if (r.typeBits() == NFTA_DATA_VALUE) {
            if (r.length() > DATA_VALUE_MAXLEN) {
                throw new NotModelled(expr + ": data value of " + r.length() + " bytes");
            }
            d = new Data.Value(r.bytes());
        } else if ((r.typeBits() & ~Nl.NLA_F_NESTED) == NFTA_DATA_VERDICT) {
            d = verdict(r.nested(AttributeNames.NUMBERED));
        } else {
            throw new NotModelled(expr + ": data attribute " + r.type() + " is not modelled");
        }
        if (r.next()) {
            throw new NotModelled(expr + ": attribute " + type + " holds more than one data attribute");
        }
        return d;
    }

    private Data.Verdict verdict(AttributeReader r) {
        Fields v = new Fields(expr + " verdict");
        while (r.next()) {
            int t = r.type();
            if ((t != NFTA_VERDICT_CODE && t != NFTA_VERDICT_CHAIN)
                    || v.attrs.put(t, new Attr(r.typeBits(), r.bytes())) != null) {
                throw new NotModelled(expr + ": verdict attribute " + t + " is not modelled");
            }
        }
        int code = v.u32(NFTA_VERDICT_CODE);
        Optional<String> chain = v.optString(NFTA_VERDICT_CHAIN);
        if ((code == Data.Verdict.JUMP || code == Data.Verdict.GOTO) != chain.isPresent()) {
            throw new NotModelled(expr + ": verdict " + code + " with chain " + chain);
        }
        return new Data.Verdict(code, chain);
    }

    /** One nft_expr_attributes nest (NFTA_DYNSET_EXPR and the like). */
    Expr expr(int type) {
        return Exprs.decodeOne(nested(type));
    }

    /** A list of NFTA_LIST_ELEM nests, each one expression. */
    List<Expr> exprList(int type) {
        return new ArrayList<>(Exprs.decodeList(nested(type)));
    }

    /** Thrown while decoding an expression the records cannot represent exactly; never leaves the package. */
    static final class NotModelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotModelled(String message) {
            super(message, null, false, false);
        }
    }
}
