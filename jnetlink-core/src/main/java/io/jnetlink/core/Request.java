package io.jnetlink.core;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One netlink request before it is framed: what it does (for errors), its message type and flags, and a
 * body that writes the family header and attributes. The socket adds NLM_F_REQUEST, the sequence number and
 * the port id; {@link #encode(int, int)} does the same for tests and benchmarks without a socket.
 *
 * <p>The description may be given as a supplier: it is only needed when the kernel refuses the request, and
 * formatting addresses into text for each of thousands of batched requests costs more than encoding them.
 */
public final class Request {

    private final Supplier<String> operation;
    private final int type;
    private final int flags;
    private final Consumer<MessageWriter> body;

    /**
     * @param operation human-readable description used in errors, e.g. {@code add address 10.0.0.1/24 dev veth0}
     * @param type      nlmsg_type (RTM_NEWADDR, ...)
     * @param flags     nlmsg_flags beyond NLM_F_REQUEST (NLM_F_CREATE|NLM_F_EXCL, NLM_F_DUMP, ...)
     * @param body      writes everything after the netlink header
     */
    public Request(String operation, int type, int flags, Consumer<MessageWriter> body) {
        this(constant(operation), type, flags, body);
    }

    /**
     * As {@link #Request(String, int, int, Consumer)}, with the description formatted only when it is asked
     * for (an error, a log line). The supplier must not fail and should return the same text each time.
     */
    public Request(Supplier<String> operation, int type, int flags, Consumer<MessageWriter> body) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.body = Objects.requireNonNull(body, "body");
        if (type < Nl.NLMSG_MIN_TYPE || type > 0xFFFF) {
            throw new IllegalArgumentException("nlmsg_type " + type + " is outside 16..65535");
        }
        this.type = type;
        this.flags = flags;
    }

    private static Supplier<String> constant(String operation) {
        Objects.requireNonNull(operation, "operation");
        return () -> operation;
    }

    /** The human-readable description used in errors, e.g. {@code add address 10.0.0.1/24 dev veth0}. */
    public String operation() {
        return operation.get();
    }

    /** nlmsg_type. */
    public int type() {
        return type;
    }

    /** nlmsg_flags beyond NLM_F_REQUEST. */
    public int flags() {
        return flags;
    }

    /** Writes everything after the netlink header. */
    public Consumer<MessageWriter> body() {
        return body;
    }

    /** Appends this request, framed, to {@code w}. */
    public void encodeTo(MessageWriter w, int extraFlags, int seq, int portId) {
        w.beginMessage(type, flags | extraFlags | Nl.NLM_F_REQUEST, seq, portId);
        body.accept(w);
        w.endMessage();
    }

    /** The framed bytes as they would be sent with NLM_F_ACK (golden tests). */
    public byte[] encode(int seq, int portId) {
        MessageWriter w = new MessageWriter();
        encodeTo(w, Nl.NLM_F_ACK, seq, portId);
        return w.toByteArray();
    }

    @Override
    public String toString() {
        return "Request[" + operation() + ", type " + type + ", flags 0x" + Integer.toHexString(flags) + "]";
    }
}
