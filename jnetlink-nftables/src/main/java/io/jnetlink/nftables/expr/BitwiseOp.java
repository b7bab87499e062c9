package io.jnetlink.nftables.expr;

/** Operation of bitwise (enum nft_bitwise_ops in linux/netfilter/nf_tables.h): BOOL is (reg &amp; mask) ^ xor. */
public enum BitwiseOp {
    BOOL(0, "bool"),
    LSHIFT(1, "<<"),
    RSHIFT(2, ">>");

    private final int code;
    private final String debugName;

    BitwiseOp(int code, String debugName) {
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
    public static BitwiseOp of(int code) {
        for (BitwiseOp v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("BitwiseOp: unknown kernel value " + code);
    }
}
