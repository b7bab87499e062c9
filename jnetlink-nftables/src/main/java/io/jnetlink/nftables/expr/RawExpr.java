package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.MessageWriter;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An expression outside the model (xt match/target, tproxy, synproxy, a future kernel's new expression):
 * its name and the exact bytes of its NFTA_EXPR_DATA payload, so that a rule holding it re-encodes
 * byte-identically.
 */
public record RawExpr(String name, byte[] data) implements Expr {

    public RawExpr {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.putBytes(data);
    }

    /** {@code [ name raw 0x<data> ]}: libnftnl's own notation needs the expression's attribute layout. */
    @Override
    public String debug() {
        return "[ " + name + " raw 0x" + HexFormat.of().formatHex(data) + " ]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawExpr r && r.name.equals(name) && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RawExpr[" + name + " " + HexFormat.of().formatHex(data) + "]";
    }
}
