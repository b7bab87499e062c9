package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;

/**
 * Applies the named stateful object of {@code type} NFT_OBJECT_* (COUNTER 1, QUOTA 2, CT_HELPER 3, LIMIT 4,
 * CONNLIMIT 5, TUNNEL 6, CT_TIMEOUT 7, SECMARK 8, CT_EXPECT 9, SYNPROXY 10). Equivalent to nft's
 * {@code counter name cnt}: {@code [ objref type 1 name cnt ]}. The map form is {@link ObjrefMap}.
 */
public record Objref(int type, String objectName) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_objref_attributes
    static final int NFTA_OBJREF_IMM_TYPE = 1;
    static final int NFTA_OBJREF_IMM_NAME = 2;
    static final int NFTA_OBJREF_SET_SREG = 3;
    static final int NFTA_OBJREF_SET_NAME = 4;
    static final int NFTA_OBJREF_SET_ID = 5;

    static final String NAME = "objref";

    public Objref {
        Objects.requireNonNull(objectName, "objectName");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        w.u32be(NFTA_OBJREF_IMM_TYPE, type);
        // libnftnl writes the name without its NUL (mnl_attr_put_str)
        Wire.stringNoNul(w, NFTA_OBJREF_IMM_NAME, objectName);
    }

    @Override
    public String debug() {
        return Wire.line(NAME, "type " + Integer.toUnsignedString(type) + " name " + objectName + " ");
    }

    /** Decodes either form of "objref": immediate (type and name) or through a map (sreg and set). */
    static Expr decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_OBJREF_IMM_TYPE, NFTA_OBJREF_IMM_NAME, NFTA_OBJREF_SET_SREG,
                NFTA_OBJREF_SET_NAME, NFTA_OBJREF_SET_ID);
        boolean imm = f.has(NFTA_OBJREF_IMM_TYPE) || f.has(NFTA_OBJREF_IMM_NAME);
        boolean map = f.has(NFTA_OBJREF_SET_SREG) || f.has(NFTA_OBJREF_SET_NAME) || f.has(NFTA_OBJREF_SET_ID);
        if (imm == map) {
            throw new Fields.NotModelled("objref: needs exactly one of the immediate and map forms");
        }
        if (imm) {
            return new Objref(f.u32(NFTA_OBJREF_IMM_TYPE), f.string(NFTA_OBJREF_IMM_NAME));
        }
        return new ObjrefMap(f.u32(NFTA_OBJREF_SET_SREG), f.string(NFTA_OBJREF_SET_NAME),
                f.optU32(NFTA_OBJREF_SET_ID));
    }
}
