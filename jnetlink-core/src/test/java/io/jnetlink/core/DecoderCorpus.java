package io.jnetlink.core;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Valid messages of the shapes the kernel sends, and ways to damage them, for the decoder property. */
final class DecoderCorpus {

    private DecoderCorpus() {
    }

    /** Well-formed datagrams: rtnetlink, generic netlink, an extended ACK, a multi-part dump, nftables-style nests. */
    static List<byte[]> valid() {
        List<byte[]> out = new ArrayList<>();
        // RTM_NEWLINK: ifinfomsg, IFLA_IFNAME, IFLA_MTU, IFLA_LINKINFO { IFLA_INFO_KIND, IFLA_INFO_DATA { ... } }
        out.add(new MessageWriter()
                .beginMessage(16, Nl.NLM_F_MULTI, 1, 4242)
                .put8(0).put8(0).put16(1).put32(7).put32(0x1003).put32(0)
                .string(3, "veth0")
                .u32(4, 1500)
                .bytes(1, new byte[]{2, 0, 0, 0, 0, 1})
                .nested(18, li -> li
                        .string(1, "veth")
                        .nested(2, d -> d.nested(1, p -> p.put8(0).put8(0).put16(0).put32(8).zeros(8).string(3, "veth1"))))
                .nested(26, af -> af.nested(2, inet -> inet.bytes(1, new byte[124])).nested(10, inet6 -> inet6.u32(1, 0x80000000).u8(8, 1)))
                .flag(40)
                .u64(50, Long.MAX_VALUE)
                .endMessage()
                .toByteArray());
        // CTRL_CMD_NEWFAMILY for nlctrl with a multicast group list.
        out.add(new MessageWriter()
                .beginMessage(0x10, 0, 2, 4242)
                .put8(1).put8(2).put16(0)
                .string(2, "nlctrl")
                .u16(1, 0x10)
                .u32(3, 2)
                .u32(4, 0)
                .u32(5, 10)
                .nested(6, ops -> ops.nested(1, op -> op.u32(1, 3).u32(2, 0xE)))
                .nested(7, groups -> groups.nested(1, g -> g.string(1, "notify").u32(2, 0x10)))
                .endMessage()
                .toByteArray());
        // NLMSG_ERROR with NLM_F_CAPPED|NLM_F_ACK_TLVS and an extended ACK message and offset.
        out.add(new MessageWriter()
                .beginMessage(Nl.NLMSG_ERROR, Nl.NLM_F_CAPPED | Nl.NLM_F_ACK_TLVS, 3, 4242)
                .put32(-22)
                .put32(40).put16(20).put16(0x605).put32(3).put32(4242)
                .string(Nl.NLMSGERR_ATTR_MSG, "ipv4: Invalid prefix length")
                .u32(Nl.NLMSGERR_ATTR_OFFS, 24)
                .endMessage()
                .toByteArray());
        // A multi-part dump: three RTM_NEWADDR and NLMSG_DONE in one datagram.
        MessageWriter dump = new MessageWriter();
        for (int i = 0; i < 3; i++) {
            dump.beginMessage(20, Nl.NLM_F_MULTI, 4, 4242)
                    .put8(2).put8(32).put8(0x80).put8(0).put32(1)
                    .bytes(1, new byte[]{10, 1, 0, (byte) i})
                    .bytes(2, new byte[]{10, 1, 0, (byte) i})
                    .string(3, "lo")
                    .bytes(6, new byte[16])
                    .endMessage();
        }
        dump.beginMessage(Nl.NLMSG_DONE, Nl.NLM_F_MULTI, 4, 4242).put32(0).endMessage();
        out.add(dump.toByteArray());
        // nftables-style: big-endian values, NLA_F_NESTED lists of expressions.
        out.add(new MessageWriter()
                .beginMessage((10 << 8) | 6, Nl.NLM_F_CREATE, 5, 0)
                .put8(1).put8(0).put16be(0)
                .string(1, "filter")
                .string(2, "input")
                .nested(4, exprs -> exprs
                        .nested(1, e -> e.string(1, "payload").nested(2, d -> d.u32be(1, 1).u32be(2, 1).u32be(3, 12).u32be(4, 4)))
                        .nested(1, e -> e.string(1, "cmp").nested(2, d -> d.u32be(1, 1).u32be(2, 0).nested(3, v -> v.bytes(1, new byte[]{10, 0, 0, 1})))))
                .u64be(3, 0x0102030405060708L)
                .endMessage()
                .toByteArray());
        return out;
    }

    /** Random bytes of a random length, sometimes starting with a plausible header. */
    static byte[] random(Random rnd) {
        byte[] b = new byte[rnd.nextInt(300)];
        rnd.nextBytes(b);
        if (b.length >= 16 && rnd.nextBoolean()) {
            int len = rnd.nextBoolean() ? b.length : 16 + rnd.nextInt(b.length - 15);
            b[0] = (byte) len;
            b[1] = (byte) (len >>> 8);
            b[2] = 0;
            b[3] = 0;
        }
        return b;
    }

    /** One to four damages to a valid input: flipped bytes, rewritten length fields, truncation, growth, splices. */
    static byte[] mutate(Random rnd, byte[] valid) {
        byte[] b = valid.clone();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (b.length == 0) {
                b = new byte[]{(byte) rnd.nextInt()};
            }
            switch (rnd.nextInt(7)) {
                case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt();
                case 2 -> { // rewrite what is likely an nla_len or nlmsg_len (4-aligned u16)
                    int at = rnd.nextInt(Math.max(1, b.length / 4)) * 4;
                    int v = switch (rnd.nextInt(4)) {
                        case 0 -> rnd.nextInt(8);
                        case 1 -> 0xFFFF;
                        case 2 -> b.length - at + rnd.nextInt(9) - 4;
                        default -> rnd.nextInt(0x10000);
                    };
                    if (at + 1 < b.length) {
                        b[at] = (byte) v;
                        b[at + 1] = (byte) (v >>> 8);
                    }
                }
                case 3 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                case 4 -> {
                    byte[] tail = new byte[1 + rnd.nextInt(32)];
                    rnd.nextBytes(tail);
                    byte[] grown = Arrays.copyOf(b, b.length + tail.length);
                    System.arraycopy(tail, 0, grown, b.length, tail.length);
                    b = grown;
                }
                case 5 -> { // duplicate a slice in place (a repeated attribute or message)
                    int from = rnd.nextInt(b.length);
                    int len = rnd.nextInt(b.length - from + 1);
                    byte[] grown = new byte[b.length + len];
                    System.arraycopy(b, 0, grown, 0, from + len);
                    System.arraycopy(b, from, grown, from + len, b.length - from);
                    b = grown;
                }
                default -> { // set or clear NLA_F_NESTED on some attribute type
                    int at = rnd.nextInt(Math.max(1, b.length / 4)) * 4 + 3;
                    if (at < b.length) {
                        b[at] ^= (byte) 0x80;
                    }
                }
            }
        }
        return b;
    }
}
