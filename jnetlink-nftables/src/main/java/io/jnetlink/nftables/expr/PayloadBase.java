package io.jnetlink.nftables.expr;

/** Where a payload offset counts from (enum nft_payload_bases in linux/netfilter/nf_tables.h). */
public enum PayloadBase {
    LL(0, "link"),
    NETWORK(1, "network"),
    TRANSPORT(2, "transport"),
    INNER(3, "inner"),
    TUNNEL(4, "tunnel");

    private final int code;
    private final String debugName;

    PayloadBase(int code, String debugName) {
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
    public static PayloadBase of(int code) {
        for (PayloadBase v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("PayloadBase: unknown kernel value " + code);
    }
}
