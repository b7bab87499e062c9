package io.jnetlink.core;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One netlink request before it is framed: what it does (for errors), its message type and flags, and a
 * body that writes the family header and attributes. The socket adds NLM_F_REQUEST, the sequence number and
 * the port id; {@link #encode(int, int)} does the same for tests and benchmarks without a socket.
 *
 * @param operation human-readable description used in errors, e.g. {@code add address 10.0.0.1/24 dev veth0}
 * @param type      nlmsg_type (RTM_NEWADDR, ...)
 * @param flags     nlmsg_flags beyond NLM_F_REQUEST (NLM_F_CREATE|NLM_F_EXCL, NLM_F_DUMP, ...)
 * @param body      writes everything after the netlink header
 */
public record Request(String operation, int type, int flags, Consumer<MessageWriter> body) {

    public Request {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(body, "body");
        if (type < Nl.NLMSG_MIN_TYPE || type > 0xFFFF) {
            throw new IllegalArgumentException("nlmsg_type " + type + " is outside 16..65535");
        }
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
}
