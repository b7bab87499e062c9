package io.jnetlink.cli;

/**
 * An operation that jnl itself found impossible before asking the kernel (exit code 1), such as deleting a
 * route by protocol when no route has it. The message reads like a kernel refusal: the operation, the errno
 * name ip would show, and why.
 */
public final class Failure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public Failure(String message) {
        super(message);
    }
}
