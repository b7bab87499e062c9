package io.jnetlink.nftables.expr;

/** Comparison of range (enum nft_range_ops in linux/netfilter/nf_tables.h). */
public enum RangeOp {
    EQ(0, "eq"),
    NEQ(1, "neq");

    private final int code;
    private final String debugName;

    RangeOp(int code, String debugName) {
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
    public static RangeOp of(int code) {
        for (RangeOp v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("RangeOp: unknown kernel value " + code);
    }
}
