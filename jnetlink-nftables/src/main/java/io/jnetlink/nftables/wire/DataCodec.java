package io.jnetlink.nftables.wire;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.nftables.expr.Data;

import java.lang.invoke.MethodHandles;
import java.util.Optional;

/** struct nft_data on the wire (enum nft_data_attributes, enum nft_verdict_attributes in linux/netfilter/nf_tables.h). */
public final class DataCodec {

    private DataCodec() {
    }

    public static final int NFTA_DATA_VALUE = 1;
    public static final int NFTA_DATA_VERDICT = 2;
    public static final int NFTA_VERDICT_CODE = 1;
    public static final int NFTA_VERDICT_CHAIN = 2;
    public static final int NFTA_VERDICT_CHAIN_ID = 3;

    static final AttributeNames DATA_NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_DATA_");
    static final AttributeNames VERDICT_NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_VERDICT_");

    /** Writes {@code attrType} as a nest holding the value or the verdict. */
    public static void encode(MessageWriter w, int attrType, Data data) {
        w.nested(attrType, d -> {
            switch (data) {
                case Data.Value v -> d.bytes(NFTA_DATA_VALUE, v.bytes());
                case Data.Verdict v -> d.nested(NFTA_DATA_VERDICT, x -> {
                    x.u32be(NFTA_VERDICT_CODE, v.code());
                    v.chain().ifPresent(c -> x.string(NFTA_VERDICT_CHAIN, c));
                });
            }
        });
    }

    /** Decodes the payload of an nft_data nest. */
    public static Data decode(AttributeReader nest) {
        AttributeReader a = nest.nested(DATA_NAMES);
        Data out = null;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_DATA_VALUE -> out = new Data.Value(a.bytes());
                case NFTA_DATA_VERDICT -> {
                    AttributeReader v = a.nested(VERDICT_NAMES);
                    int code = 0;
                    String chain = null;
                    while (v.next()) {
                        switch (v.type()) {
                            case NFTA_VERDICT_CODE -> code = v.u32be();
                            case NFTA_VERDICT_CHAIN -> chain = v.string();
                            default -> {
                            }
                        }
                    }
                    out = new Data.Verdict(code, Optional.ofNullable(chain));
                }
                default -> {
                }
            }
        }
        if (out == null) {
            throw new DecodeException(nest.name() + ": nft_data holds neither a value nor a verdict");
        }
        return out;
    }

    /** Decodes an nft_data nest that must hold a value. */
    public static Data.Value decodeValue(AttributeReader nest) {
        Data d = decode(nest);
        if (d instanceof Data.Value v) {
            return v;
        }
        throw new DecodeException(nest.name() + ": expected a value, got a verdict");
    }
}
