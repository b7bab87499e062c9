package io.jnetlink.nftables.expr;

/** Conntrack tuple direction (enum ip_conntrack_dir: IP_CT_DIR_ORIGINAL, IP_CT_DIR_REPLY), NFTA_CT_DIRECTION. */
public enum CtDirection {
    ORIGINAL(0, "original"),
    REPLY(1, "reply");

    private final int code;
    private final String debugName;

    CtDirection(int code, String debugName) {
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
    public static CtDirection of(int code) {
        for (CtDirection v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("CtDirection: unknown kernel value " + code);
    }
}
