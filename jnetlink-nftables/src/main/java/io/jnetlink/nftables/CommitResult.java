package io.jnetlink.nftables;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a committed transaction produced.
 *
 * @param handles    for each operation, index-aligned with the transaction's operations, the handle the kernel
 *                   assigned to the object it created (tables, chains, rules, sets, objects, flowtables); empty
 *                   for other operations, for an {@code add} of an object that already existed, and for every
 *                   operation when the batch was too large for the socket's receive buffer to hold the kernel's
 *                   echoes (an unprivileged socket: a few hundred objects; privileged: some 100,000)
 * @param generation the ruleset generation right after the commit (NFT_MSG_GETGEN)
 */
public record CommitResult(List<OptionalLong> handles, long generation) {

    public CommitResult {
        handles = List.copyOf(Objects.requireNonNull(handles, "handles"));
    }

    /** The handle of operation {@code index}. @throws IllegalArgumentException when there is none */
    public long handle(int index) {
        if (index < 0 || index >= handles.size()) {
            throw new IllegalArgumentException("index: " + index + " is not an operation of this commit (0.."
                    + (handles.size() - 1) + ")");
        }
        return handles.get(index).orElseThrow(() -> new IllegalArgumentException("index: operation " + index
                + " did not create an object with a handle"));
    }
}
