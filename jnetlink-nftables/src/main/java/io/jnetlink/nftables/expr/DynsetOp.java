package io.jnetlink.nftables.expr;

/** What dynset does with the key (enum nft_dynset_ops in linux/netfilter/nf_tables.h). */
public enum DynsetOp {
    ADD(0, "add"),
    UPDATE(1, "update"),
    DELETE(2, "delete");

    private final int code;
    private final String debugName;

    DynsetOp(int code, String debugName) {
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
    public static DynsetOp of(int code) {
        for (DynsetOp v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("DynsetOp: unknown kernel value " + code);
    }
}
