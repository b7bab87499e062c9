package io.jnetlink.nftables.wire;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.nftables.model.Userdata;

import java.util.OptionalLong;

/** Small helpers shared by the object codecs. */
final class Codecs {

    private Codecs() {
    }

    static <T> T required(T value, String attribute) {
        if (value == null) {
            throw new DecodeException("required attribute " + attribute + " is missing");
        }
        return value;
    }

    /** The first top-level attribute {@code type} of an nftables message as a big-endian u64. */
    static OptionalLong u64beAttr(Message m, int type, AttributeNames names) {
        AttributeReader a = m.attributes(NfGenMsg.SIZE, names);
        while (a.next()) {
            if (a.type() == type) {
                return OptionalLong.of(a.u64be());
            }
        }
        return OptionalLong.empty();
    }

    static void userdata(MessageWriter w, int type, Userdata u) {
        if (!u.isEmpty() || u.unparsed().length > 0) {
            w.bytes(type, u.encode());
        }
    }
}
