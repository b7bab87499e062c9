package io.jnetlink.nftables.expr;

/** Direction of byteorder (enum nft_byteorder_ops in linux/netfilter/nf_tables.h). */
public enum ByteorderOp {
    NTOH(0, "ntoh"),
    HTON(1, "hton");

    private final int code;
    private final String debugName;

    ByteorderOp(int code, String debugName) {
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
    public static ByteorderOp of(int code) {
        for (ByteorderOp v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("ByteorderOp: unknown kernel value " + code);
    }
}
