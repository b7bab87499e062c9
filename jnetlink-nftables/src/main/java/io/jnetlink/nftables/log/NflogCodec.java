package io.jnetlink.nftables.log;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.error.DecodeException;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Encodes nfnetlink_log configuration requests and decodes NFULNL_MSG_PACKET messages. Constants from
 * linux/netfilter/nfnetlink_log.h and linux/netfilter/nfnetlink.h; every value inside nfnetlink_log
 * attributes is big-endian.
 */
public final class NflogCodec {

    private NflogCodec() {
    }

    // linux/netfilter/nfnetlink.h
    static final int NFNL_SUBSYS_ULOG = 4;
    static final int NFNETLINK_V0 = 0;
    /** struct nfgenmsg: u8 family, u8 version, be16 res_id. */
    static final int NFGENMSG_SIZE = 4;

    // enum nfulnl_msg_types
    static final int NFULNL_MSG_PACKET = 0;
    static final int NFULNL_MSG_CONFIG = 1;
    /** nlmsg_type of a logged packet: subsystem in the high byte, message in the low byte. */
    public static final int TYPE_PACKET = NFNL_SUBSYS_ULOG << 8 | NFULNL_MSG_PACKET;
    /** nlmsg_type of a configuration request. */
    public static final int TYPE_CONFIG = NFNL_SUBSYS_ULOG << 8 | NFULNL_MSG_CONFIG;

    // enum nfulnl_attr_type
    static final int NFULA_PACKET_HDR = 1;
    static final int NFULA_MARK = 2;
    static final int NFULA_TIMESTAMP = 3;
    static final int NFULA_IFINDEX_INDEV = 4;
    static final int NFULA_IFINDEX_OUTDEV = 5;
    static final int NFULA_IFINDEX_PHYSINDEV = 6;
    static final int NFULA_IFINDEX_PHYSOUTDEV = 7;
    static final int NFULA_HWADDR = 8;
    static final int NFULA_PAYLOAD = 9;
    static final int NFULA_PREFIX = 10;
    static final int NFULA_UID = 11;
    static final int NFULA_SEQ = 12;
    static final int NFULA_SEQ_GLOBAL = 13;
    static final int NFULA_GID = 14;
    static final int NFULA_HWTYPE = 15;
    static final int NFULA_HWHEADER = 16;
    static final int NFULA_HWLEN = 17;
    static final int NFULA_CT = 18;
    static final int NFULA_CT_INFO = 19;
    static final int NFULA_VLAN = 20;
    static final int NFULA_L2HDR = 21;

    // enum nfulnl_msg_config_cmds
    static final int NFULNL_CFG_CMD_BIND = 1;
    static final int NFULNL_CFG_CMD_UNBIND = 2;
    static final int NFULNL_CFG_CMD_PF_BIND = 3;
    static final int NFULNL_CFG_CMD_PF_UNBIND = 4;

    // enum nfulnl_attr_config
    static final int NFULA_CFG_CMD = 1;
    static final int NFULA_CFG_MODE = 2;
    static final int NFULA_CFG_NLBUFSIZ = 3;
    static final int NFULA_CFG_TIMEOUT = 4;
    static final int NFULA_CFG_QTHRESH = 5;
    static final int NFULA_CFG_FLAGS = 6;

    // NFULNL_CFG_F_*
    static final int NFULNL_CFG_F_SEQ = 0x0001;
    static final int NFULNL_CFG_F_SEQ_GLOBAL = 0x0002;
    static final int NFULNL_CFG_F_CONNTRACK = 0x0004;

    static final AttributeNames NFULA_NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFULA_");

    /**
     * Binds {@code group} to the sending socket and sets the copy mode and options in one message: the
     * kernel runs the command first, then applies the other attributes to the new instance.
     */
    public static Request bind(int group, Nflog.Options o) {
        checkGroup(group);
        return new Request("bind nflog group " + group, TYPE_CONFIG, 0, w -> {
            header(w, 0, group);
            w.bytes(NFULA_CFG_CMD, new byte[]{NFULNL_CFG_CMD_BIND});
            // struct nfulnl_msg_config_mode is packed: be32 copy_range, u8 copy_mode, u8 pad
            w.bytes(NFULA_CFG_MODE, ByteBuffer.allocate(6).putInt(o.copyRange()).put((byte) o.copyMode().code())
                    .put((byte) 0).array());
            int flags = (o.sequence() ? NFULNL_CFG_F_SEQ : 0) | (o.globalSequence() ? NFULNL_CFG_F_SEQ_GLOBAL : 0);
            if (flags != 0) {
                w.u16be(NFULA_CFG_FLAGS, flags);
            }
            o.queueThreshold().ifPresent(q -> w.u32be(NFULA_CFG_QTHRESH, q));
            o.flushTimeoutCentis().ifPresent(t -> w.u32be(NFULA_CFG_TIMEOUT, t));
            o.kernelBufferBytes().ifPresent(b -> w.u32be(NFULA_CFG_NLBUFSIZ, b));
        });
    }

    /** Unbinds {@code group} from the sending socket. */
    public static Request unbind(int group) {
        checkGroup(group);
        return new Request("unbind nflog group " + group, TYPE_CONFIG, 0, w -> {
            header(w, 0, group);
            w.bytes(NFULA_CFG_CMD, new byte[]{NFULNL_CFG_CMD_UNBIND});
        });
    }

    private static void header(MessageWriter w, int family, int resId) {
        w.put8(family).put8(NFNETLINK_V0).put16be(resId);
    }

    static void checkGroup(int group) {
        if (group < 0 || group > 0xFFFF) {
            throw new IllegalArgumentException("group: must be 0..65535, was " + group);
        }
    }

    /**
     * Decodes one NFULNL_MSG_PACKET. Malformed netlink framing (an attribute running past the message, a
     * fixed-size attribute of the wrong size) throws {@link DecodeException}; a logged packet cut short never
     * does, its headers are decoded as far as they go.
     *
     * @throws IllegalArgumentException when {@code m} is not a packet message
     */
    public static NflogRecord decode(Message m) {
        if (m.type() != TYPE_PACKET) {
            throw new IllegalArgumentException("message type: expected NFULNL_MSG_PACKET (0x"
                    + Integer.toHexString(TYPE_PACKET) + "), was 0x" + Integer.toHexString(m.type()));
        }
        ByteBuffer h = m.header(NFGENMSG_SIZE, "nfgenmsg");
        int family = Byte.toUnsignedInt(h.get(0));
        int group = Short.toUnsignedInt(Short.reverseBytes(h.getShort(2)));
        int hwProtocol = 0;
        int hook = -1;
        String prefix = "";
        OptionalLong uid = OptionalLong.empty();
        OptionalLong gid = OptionalLong.empty();
        OptionalLong mark = OptionalLong.empty();
        OptionalInt in = OptionalInt.empty();
        OptionalInt out = OptionalInt.empty();
        OptionalInt physIn = OptionalInt.empty();
        OptionalInt physOut = OptionalInt.empty();
        Optional<byte[]> hw = Optional.empty();
        Optional<Instant> ts = Optional.empty();
        OptionalLong seq = OptionalLong.empty();
        OptionalLong seqGlobal = OptionalLong.empty();
        byte[] payload = new byte[0];
        AttributeReader a = m.attributes(NFGENMSG_SIZE, NFULA_NAMES);
        while (a.next()) {
            switch (a.type()) {
                case NFULA_PACKET_HDR -> {
                    ByteBuffer p = a.struct(4, "nfulnl_msg_packet_hdr");
                    hwProtocol = Short.toUnsignedInt(Short.reverseBytes(p.getShort(0)));
                    hook = Byte.toUnsignedInt(p.get(2));
                }
                case NFULA_MARK -> mark = OptionalLong.of(Integer.toUnsignedLong(a.u32be()));
                case NFULA_TIMESTAMP -> {
                    ByteBuffer p = a.struct(16, "nfulnl_msg_packet_timestamp");
                    long sec = Long.reverseBytes(p.getLong(0));
                    long usec = Long.reverseBytes(p.getLong(8));
                    // a value no clock produces (corrupt, or a future format) is dropped rather than thrown
                    if (usec >= 0 && usec < 1_000_000 && sec >= Instant.MIN.getEpochSecond()
                            && sec <= Instant.MAX.getEpochSecond()) {
                        ts = Optional.of(Instant.ofEpochSecond(sec, usec * 1000));
                    }
                }
                case NFULA_IFINDEX_INDEV -> in = OptionalInt.of(a.u32be());
                case NFULA_IFINDEX_OUTDEV -> out = OptionalInt.of(a.u32be());
                case NFULA_IFINDEX_PHYSINDEV -> physIn = OptionalInt.of(a.u32be());
                case NFULA_IFINDEX_PHYSOUTDEV -> physOut = OptionalInt.of(a.u32be());
                case NFULA_HWADDR -> {
                    ByteBuffer p = a.struct(4, "nfulnl_msg_packet_hw");
                    int len = Math.min(Short.toUnsignedInt(Short.reverseBytes(p.getShort(0))), p.remaining() - 4);
                    byte[] addr = new byte[Math.max(0, Math.min(len, 8))];
                    p.get(4, addr);
                    hw = Optional.of(addr);
                }
                case NFULA_PAYLOAD -> payload = a.bytes();
                case NFULA_PREFIX -> prefix = a.string();
                case NFULA_UID -> uid = OptionalLong.of(Integer.toUnsignedLong(a.u32be()));
                case NFULA_GID -> gid = OptionalLong.of(Integer.toUnsignedLong(a.u32be()));
                case NFULA_SEQ -> seq = OptionalLong.of(Integer.toUnsignedLong(a.u32be()));
                case NFULA_SEQ_GLOBAL -> seqGlobal = OptionalLong.of(Integer.toUnsignedLong(a.u32be()));
                default -> {
                    // hardware header, conntrack, vlan: not modelled; the payload and fields above suffice
                }
            }
        }
        return new NflogRecord(group, family, hwProtocol, hook, prefix, uid, gid, mark, in, out, physIn, physOut, hw,
                ts, seq, seqGlobal, payload, PacketHeaders.decode(payload, hwProtocol));
    }
}
