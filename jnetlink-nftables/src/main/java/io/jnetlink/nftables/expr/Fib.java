package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

/**
 * A routing lookup: {@code result} NFT_FIB_RESULT_* ({@link #RESULT_OIF}, {@link #RESULT_OIFNAME},
 * {@link #RESULT_ADDRTYPE}) into {@code dreg}, keyed as {@code flags} NFTA_FIB_F_* say (SADDR 1, DADDR 2,
 * MARK 4, IIF 8, OIF 0x10, PRESENT 0x20). Equivalent to nft's {@code fib saddr . iif oif missing}:
 * {@code [ fib saddr . iif oif present => reg 1 ]}.
 */
public record Fib(int dreg, int result, int flags) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_fib_attributes, enum nft_fib_result, enum nft_fib_flags
    static final int NFTA_FIB_DREG = 1;
    static final int NFTA_FIB_RESULT = 2;
    static final int NFTA_FIB_FLAGS = 3;
    public static final int RESULT_OIF = 1;
    public static final int RESULT_OIFNAME = 2;
    public static final int RESULT_ADDRTYPE = 3;
    public static final int F_SADDR = 1;
    public static final int F_DADDR = 2;
    public static final int F_MARK = 4;
    public static final int F_IIF = 8;
    public static final int F_OIF = 0x10;
    public static final int F_PRESENT = 0x20;

    static final String NAME = "fib";

    private static final int[] BITS = {F_SADDR, F_DADDR, F_MARK, F_IIF, F_OIF};
    private static final String[] NAMES = {"saddr", "daddr", "mark", "iif", "oif"};

    public Fib {
        Wire.checkReg("fib dreg", dreg);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: FLAGS, RESULT, DREG
        w.u32be(NFTA_FIB_FLAGS, flags);
        w.u32be(NFTA_FIB_RESULT, result);
        w.u32be(NFTA_FIB_DREG, dreg);
    }

    @Override
    public String debug() {
        StringBuilder sb = new StringBuilder();
        int rest = flags & ~F_PRESENT;
        for (int i = 0; i < BITS.length; i++) {
            if ((rest & BITS[i]) != 0) {
                sb.append(NAMES[i]).append(' ');
                rest &= ~BITS[i];
                if (rest != 0) {
                    sb.append(". ");
                }
            }
        }
        if (rest != 0) {
            sb.append("unknown 0x").append(Integer.toHexString(rest));
        }
        String res = switch (result) {
            case 0 -> "unspec";
            case RESULT_OIF -> "oif";
            case RESULT_OIFNAME -> "oifname";
            case RESULT_ADDRTYPE -> "type";
            default -> "unknown";
        };
        sb.append(res).append((flags & F_PRESENT) != 0 ? " present" : "").append(" => reg ").append(dreg)
                .append(' ');
        return Wire.line(NAME, sb.toString());
    }

    static Fib decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_FIB_DREG, NFTA_FIB_RESULT, NFTA_FIB_FLAGS);
        return new Fib(f.u32(NFTA_FIB_DREG), f.u32(NFTA_FIB_RESULT), f.u32(NFTA_FIB_FLAGS));
    }
}
