package io.jnetlink.nftables.wire;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.MessageWriter;

import java.nio.ByteBuffer;

/**
 * The nfnetlink family header (struct nfgenmsg, linux/netfilter/nfnetlink.h) and nfnetlink's batch framing.
 * Every nftables message starts with it: family (NFPROTO_*), version NFNETLINK_V0, and res_id, which is the
 * subsystem for batch delimiters and the low 16 bits of the generation in kernel answers.
 */
public final class NfGenMsg {

    private NfGenMsg() {
    }

    /** sizeof(struct nfgenmsg). */
    public static final int SIZE = 4;

    // linux/netfilter/nfnetlink.h
    public static final int NFNETLINK_V0 = 0;
    public static final int NFNL_SUBSYS_NFTABLES = 10;
    public static final int NFNL_MSG_BATCH_BEGIN = 0x10; // NLMSG_MIN_TYPE
    public static final int NFNL_MSG_BATCH_END = 0x11;   // NLMSG_MIN_TYPE + 1
    /** enum nfnl_batch_attributes: NFNL_BATCH_GENID (NLA_U32, network order). */
    public static final int NFNL_BATCH_GENID = 1;

    /** NFPROTO_UNSPEC: all families (dumps, flush ruleset) and batch delimiters. */
    public static final int AF_UNSPEC = 0;

    /** Writes nfgenmsg: family, NFNETLINK_V0, res_id in network order. */
    public static MessageWriter write(MessageWriter w, int family, int resId) {
        return w.put8(family).put8(NFNETLINK_V0).put16be(resId);
    }

    /** The nfgen_family of a received message. */
    public static int family(Message m) {
        ByteBuffer p = m.header(SIZE, "nfgenmsg");
        return Byte.toUnsignedInt(p.get(0));
    }

    /** The res_id of a received message (host order). */
    public static int resId(Message m) {
        ByteBuffer p = m.header(SIZE, "nfgenmsg");
        return Short.toUnsignedInt(Short.reverseBytes(p.getShort(2)));
    }
}
