package io.jnetlink.core.error;

import java.util.List;

/**
 * One or more requests of a batch were refused. rtnetlink has no transactions: every request of the batch
 * was attempted, those not listed here took effect. The message names the first failure; {@link #failures()}
 * lists all, each with the index of its request in the batch.
 */
public final class BatchException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    /** One refused request: its index in the batch and the kernel's answer. */
    public record Failure(int index, KernelException error) {
    }

    private final transient List<Failure> failures;
    private final int size;

    public BatchException(int size, List<Failure> failures) {
        super(message(size, failures), failures.getFirst().error());
        this.failures = List.copyOf(failures);
        this.size = size;
    }

    private static String message(int size, List<Failure> failures) {
        Failure first = failures.getFirst();
        String more = failures.size() > 1 ? " (and " + (failures.size() - 1) + " more failures)" : "";
        return first.error().getMessage() + " [request " + (first.index() + 1) + " of " + size + "]" + more;
    }

    /** The first refused request's error. */
    public KernelException first() {
        return failures.getFirst().error();
    }

    /** All refused requests, in batch order. */
    public List<Failure> failures() {
        return failures;
    }

    /** How many requests the batch had. */
    public int batchSize() {
        return size;
    }
}
