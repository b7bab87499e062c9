package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.Op;

import java.util.List;

/**
 * A compiled nft script: the transaction operations in the order nft itself would send them, ready for
 * {@code Transaction.addAll} or {@code Nftables.apply}.
 */
public record Script(List<Op> ops) {

    public Script {
        ops = List.copyOf(ops);
    }
}
