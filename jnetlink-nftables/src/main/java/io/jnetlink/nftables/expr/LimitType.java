package io.jnetlink.nftables.expr;

/** What limit counts (enum nft_limit_type in linux/netfilter/nf_tables.h). */
public enum LimitType {
    PKTS(0, "packets"),
    PKT_BYTES(1, "bytes");

    private final int code;
    private final String debugName;

    LimitType(int code, String debugName) {
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
    public static LimitType of(int code) {
        for (LimitType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("LimitType: unknown kernel value " + code);
    }
}
