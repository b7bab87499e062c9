package io.jnetlink.nftables.model;

/**
 * A set's key or a map's data description: nft's datatype number (NFTA_SET_KEY_TYPE / NFTA_SET_DATA_TYPE,
 * e.g. 7 ipv4_addr, 13 inet_service; concatenations pack several types, 6 bits each; NFT_DATA_VERDICT
 * 0xffffff00 for verdict maps) and the length in bytes (NFTA_SET_KEY_LEN / NFTA_SET_DATA_LEN).
 */
public record DataSpec(int type, int length) {

    /** NFT_DATA_VERDICT: the data type of verdict maps. */
    public static final int VERDICT = 0xffffff00;

    public DataSpec {
        if (length < 0 || length > 64) {
            throw new IllegalArgumentException("length: " + length + " is not 0..64 bytes");
        }
    }
}
