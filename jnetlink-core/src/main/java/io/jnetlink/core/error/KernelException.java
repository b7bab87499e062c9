package io.jnetlink.core.error;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kernel refused a request: it answered with an NLMSG_ERROR carrying a negative errno. Carries what
 * a caller can act on without parsing a string: the operation, the errno (number and name), the
 * extended-ACK message, the offset of the offending attribute within the request, the missing attribute
 * and the request's sequence number.
 */
public final class KernelException extends NetlinkException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final transient Errno errno;
    private final String kernelMessage;
    private final int offset;
    private final int missingAttribute;
    private final int missingNest;
    private final int sequence;

    /**
     * @param operation        what was being done, e.g. {@code add address 10.0.0.1/24 dev veth0}
     * @param errno            the kernel's errno
     * @param kernelMessage    NLMSGERR_ATTR_MSG, or null
     * @param offset           NLMSGERR_ATTR_OFFS, or -1
     * @param missingAttribute NLMSGERR_ATTR_MISS_TYPE, or -1
     * @param missingNest      NLMSGERR_ATTR_MISS_NEST, or -1
     * @param sequence         the request's nlmsg_seq
     */
    public KernelException(String operation, Errno errno, String kernelMessage, int offset,
                           int missingAttribute, int missingNest, int sequence) {
        super(format(operation, errno, kernelMessage, missingAttribute));
        this.operation = operation;
        this.errno = errno;
        this.kernelMessage = kernelMessage == null || kernelMessage.isEmpty() ? null : kernelMessage;
        this.offset = offset;
        this.missingAttribute = missingAttribute;
        this.missingNest = missingNest;
        this.sequence = sequence;
    }

    private static String format(String operation, Errno errno, String kernelMessage, int missing) {
        StringBuilder sb = new StringBuilder(operation).append(": ").append(errno);
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            sb.append(": ").append(kernelMessage);
        }
        if (missing >= 0) {
            sb.append(" (missing attribute ").append(missing).append(')');
        }
        return sb.toString();
    }

    /** What was being done when the kernel refused. */
    public String operation() {
        return operation;
    }

    /** The kernel's errno. */
    public Errno errno() {
        return errno;
    }

    /** The extended-ACK text (NLMSGERR_ATTR_MSG), when the kernel gave one. */
    public Optional<String> kernelMessage() {
        return Optional.ofNullable(kernelMessage);
    }

    /** Byte offset of the offending attribute within the request message (NLMSGERR_ATTR_OFFS). */
    public OptionalInt attributeOffset() {
        return offset < 0 ? OptionalInt.empty() : OptionalInt.of(offset);
    }

    /** Type of a required attribute the request lacked (NLMSGERR_ATTR_MISS_TYPE). */
    public OptionalInt missingAttribute() {
        return missingAttribute < 0 ? OptionalInt.empty() : OptionalInt.of(missingAttribute);
    }

    /** Offset of the nest in which the attribute was missing (NLMSGERR_ATTR_MISS_NEST). */
    public OptionalInt missingAttributeNest() {
        return missingNest < 0 ? OptionalInt.empty() : OptionalInt.of(missingNest);
    }

    /** The nlmsg_seq of the refused request. */
    public int sequence() {
        return sequence;
    }
}
