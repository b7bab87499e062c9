package io.jnetlink.nftables.expr;

/** Comparison of cmp (enum nft_cmp_ops in linux/netfilter/nf_tables.h). */
public enum CmpOp {
    EQ(0, "eq"),
    NEQ(1, "neq"),
    LT(2, "lt"),
    LTE(3, "lte"),
    GT(4, "gt"),
    GTE(5, "gte");

    private final int code;
    private final String debugName;

    CmpOp(int code, String debugName) {
        this.code = code;
        this.debugName = debugName;
    }

    /** The kernel's number. */
    public int code() {
        return code;
    }

    /** The word libnftnl prints for it in {@code nft --debug=netlink} output. */
    public String debugName() {
        return debugName;
    }

    /**
     * The constant for a kernel number.
     *
     * @throws IllegalArgumentException naming the value when the kernel number has no constant here
     */
    public static CmpOp of(int code) {
        for (CmpOp v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("CmpOp: unknown kernel value " + code);
    }
}
