package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Applies the stateful object that an object map yields for the key in {@code sreg}. Equivalent to nft's
 * {@code counter name tcp dport map { 22 : "cnt" }}: {@code [ objref sreg 1 set __objmap0 ]}.
 */
public record ObjrefMap(int sreg, String set, OptionalInt setId) implements Expr {

    public ObjrefMap {
        Wire.checkReg("objref sreg", sreg);
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(setId, "setId");
    }

    @Override
    public String name() {
        return Objref.NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(Objref.NFTA_OBJREF_SET_SREG, sreg);
        // libnftnl writes the set name without its NUL (mnl_attr_put_str)
        Wire.stringNoNul(w, Objref.NFTA_OBJREF_SET_NAME, set);
        setId.ifPresent(id -> w.u32be(Objref.NFTA_OBJREF_SET_ID, id));
    }

    @Override
    public String debug() {
        return Wire.line(Objref.NAME, "sreg " + sreg + " set " + set + " ");
    }
}
