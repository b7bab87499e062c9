package io.jnetlink.core.error;

/**
 * Every attempt at a dump was marked NLM_F_DUMP_INTR: the objects changed while the kernel was walking
 * them, so no consistent snapshot could be returned within the retry budget.
 */
public final class DumpInterruptedException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int attempts;

    public DumpInterruptedException(String operation, int attempts) {
        super(operation + ": dump interrupted by concurrent changes on all " + attempts + " attempts");
        this.operation = operation;
        this.attempts = attempts;
    }

    public String operation() {
        return operation;
    }

    public int attempts() {
        return attempts;
    }
}
