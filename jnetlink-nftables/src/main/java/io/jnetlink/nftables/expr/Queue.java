package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Queues the packet to userspace: queues {@code num} .. {@code num + total - 1}, or the queue number in
 * register {@code sregQnum}; {@code flags} {@link #F_BYPASS}, {@link #F_CPU_FANOUT}. Equivalent to nft's
 * {@code queue num 1-3 fanout,bypass}: {@code [ queue num 1-3 bypass fanout ]}.
 */
public record Queue(OptionalInt num, OptionalInt total, OptionalInt flags, OptionalInt sregQnum) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_queue_attributes, NFT_QUEUE_FLAG_*
    static final int NFTA_QUEUE_NUM = 1;
    static final int NFTA_QUEUE_TOTAL = 2;
    static final int NFTA_QUEUE_FLAGS = 3;
    static final int NFTA_QUEUE_SREG_QNUM = 4;
    public static final int F_BYPASS = 1;
    public static final int F_CPU_FANOUT = 2;

    static final String NAME = "queue";

    public Queue {
        Objects.requireNonNull(num, "num");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(sregQnum, "sregQnum");
        num.ifPresent(n -> checkU16("queue num", n));
        total.ifPresent(n -> checkU16("queue total", n));
        flags.ifPresent(n -> checkU16("queue flags", n));
        sregQnum.ifPresent(r -> Wire.checkReg("queue sreg", r));
    }

    private static void checkU16(String what, int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + ": " + v + " is outside 0..65535");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: NUM, TOTAL, FLAGS, SREG_QNUM
        num.ifPresent(n -> w.u16be(NFTA_QUEUE_NUM, n));
        total.ifPresent(n -> w.u16be(NFTA_QUEUE_TOTAL, n));
        flags.ifPresent(n -> w.u16be(NFTA_QUEUE_FLAGS, n));
        sregQnum.ifPresent(r -> w.u32be(NFTA_QUEUE_SREG_QNUM, r));
    }

    @Override
    public String debug() {
        StringBuilder sb = new StringBuilder();
        num.ifPresent(n -> {
            sb.append("num ").append(n);
            int t = total.orElse(0);
            if (t > 1) {
                sb.append('-').append(n + t - 1);
            }
            sb.append(' ');
        });
        sregQnum.ifPresent(r -> sb.append("sreg_qnum ").append(r).append(' '));
        flags.ifPresent(f -> {
            if ((f & F_BYPASS) != 0) {
                sb.append("bypass ");
            }
            if ((f & F_CPU_FANOUT) != 0) {
                sb.append("fanout ");
            }
        });
        return Wire.line(NAME, sb.toString());
    }

    static Queue decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_QUEUE_NUM, NFTA_QUEUE_TOTAL, NFTA_QUEUE_FLAGS, NFTA_QUEUE_SREG_QNUM);
        return new Queue(f.optU16(NFTA_QUEUE_NUM), f.optU16(NFTA_QUEUE_TOTAL), f.optU16(NFTA_QUEUE_FLAGS),
                f.optU32(NFTA_QUEUE_SREG_QNUM));
    }
}
