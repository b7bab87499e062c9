package io.jnetlink.core.error;

/** A system call failed (socket, bind, sendto, recvfrom, setns, mount, ...), with its errno. */
public final class SyscallException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    private final String call;
    private final transient Errno errno;

    public SyscallException(String call, Errno errno) {
        super(call + ": " + errno);
        this.call = call;
        this.errno = errno;
    }

    public SyscallException(String call, Errno errno, String detail) {
        super(call + ": " + errno + ": " + detail);
        this.call = call;
        this.errno = errno;
    }

    /** The system call (and its subject, e.g. {@code open /run/netns/blue}). */
    public String call() {
        return call;
    }

    /** The errno it failed with. */
    public Errno errno() {
        return errno;
    }
}
