package io.jnetlink.nftables.proto;

/**
 * Where a payload offset counts from (enum nft_payload_bases in linux/netfilter/nf_tables.h), with the
 * words libnftnl prints in {@code nft --debug=netlink}.
 */
public enum HeaderBase {
    /** NFT_PAYLOAD_LL_HEADER. */
    LL(0, "link"),
    /** NFT_PAYLOAD_NETWORK_HEADER. */
    NETWORK(1, "network"),
    /** NFT_PAYLOAD_TRANSPORT_HEADER. */
    TRANSPORT(2, "transport"),
    /** NFT_PAYLOAD_INNER_HEADER. */
    INNER(3, "inner"),
    /** NFT_PAYLOAD_TUN_HEADER. */
    TUNNEL(4, "tunnel");

    private final int code;
    private final String debugName;

    HeaderBase(int code, String debugName) {
        this.code = code;
        this.debugName = debugName;
    }

    public int code() {
        return code;
    }

    /** As libnftnl prints it: "network" in {@code @ network header + 12}, "link" in {@code @ link header + 6}. */
    public String debugName() {
        return debugName;
    }

    /** @throws IllegalArgumentException naming the value when no base has this code */
    public static HeaderBase of(int code) {
        for (HeaderBase b : values()) {
            if (b.code == code) {
                return b;
            }
        }
        throw new IllegalArgumentException("payload base: unknown base " + code);
    }
}
