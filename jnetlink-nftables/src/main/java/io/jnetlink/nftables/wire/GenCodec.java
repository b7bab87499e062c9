package io.jnetlink.nftables.wire;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;

import java.lang.invoke.MethodHandles;
import java.util.OptionalLong;

/** The ruleset generation: NFT_MSG_GETGEN / NEWGEN, enum nft_gen_attributes (linux/netfilter/nf_tables.h). */
public final class GenCodec {

    private GenCodec() {
    }

    public static final int NFTA_GEN_ID = 1;
    public static final int NFTA_GEN_PROC_PID = 2;
    public static final int NFTA_GEN_PROC_NAME = 3;

    public static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_GEN_");

    /** GETGEN: no attributes, family AF_UNSPEC. */
    public static Request request() {
        return new Request("get generation", NftMsg.type(NftMsg.GETGEN), 0,
                w -> NfGenMsg.write(w, NfGenMsg.AF_UNSPEC, 0));
    }

    /** NFTA_GEN_ID of a NEWGEN message (unsigned 32 bits), empty when the message is something else. */
    public static OptionalLong generation(Message m) {
        if (NftMsg.msg(m.type()) != NftMsg.NEWGEN) {
            return OptionalLong.empty();
        }
        AttributeReader a = m.attributes(NfGenMsg.SIZE, NAMES);
        while (a.next()) {
            if (a.type() == NFTA_GEN_ID) {
                return OptionalLong.of(Integer.toUnsignedLong(a.u32be()));
            }
        }
        return OptionalLong.empty();
    }
}
