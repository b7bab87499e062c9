package io.jnetlink.core.error;

/**
 * Root of everything jnetlink throws about the kernel, a system call or a malformed message. Unchecked,
 * like the exceptions of netty and grpc-java: callers decide where to catch, and the subtype says what
 * went wrong.
 */
public abstract sealed class NetlinkException extends RuntimeException
        permits KernelException, SyscallException, DecodeException, DumpInterruptedException, BatchException {

    private static final long serialVersionUID = 1L;

    protected NetlinkException(String message) {
        super(message);
    }

    protected NetlinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
