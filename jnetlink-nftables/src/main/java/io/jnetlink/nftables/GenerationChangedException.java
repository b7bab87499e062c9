package io.jnetlink.nftables;

import io.jnetlink.core.error.KernelException;

/**
 * A transaction guarded by a generation id ({@link Nftables#begin(long)}) was refused because the ruleset
 * changed since that generation was read: the kernel answered ERESTART to the batch and applied nothing.
 * Re-read the ruleset, recompute the changes and try again.
 */
public final class GenerationChangedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long expected;

    public GenerationChangedException(long expected, KernelException cause) {
        super("ruleset generation changed: the transaction expected generation " + expected
                + " and was refused (" + cause.errno().name() + "); nothing was applied", cause);
        this.expected = expected;
    }

    /** The generation the transaction was built against. */
    public long expected() {
        return expected;
    }

    /** The kernel's refusal (ERESTART). */
    @Override
    public synchronized KernelException getCause() {
        return (KernelException) super.getCause();
    }
}
