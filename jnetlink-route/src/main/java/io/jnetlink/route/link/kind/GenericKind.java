package io.jnetlink.route.link.kind;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.RawAttribute;

import java.util.Objects;
import java.util.Optional;

/**
 * A kind without a typed record (ifb, tun, macvtap, bond, ...): its name and its IFLA_INFO_DATA exactly as the
 * kernel sent it. Written back, the data is re-encoded byte for byte (type bits included), so a dumped link of
 * any kind can be re-created or re-applied without loss.
 *
 * @param kind IFLA_INFO_KIND
 * @param data IFLA_INFO_DATA, the whole attribute; empty when the kernel sent none
 */
public record GenericKind(String kind, Optional<RawAttribute> data) implements LinkKind {

    /** @throws IllegalArgumentException when the kind is empty or the data is not an IFLA_INFO_DATA attribute */
    public GenericKind {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
        if (kind.isEmpty()) {
            throw Checks.invalid("kind", "''", "must not be empty");
        }
        data.ifPresent(d -> {
            if (d.type() != LinkKinds.IFLA_INFO_DATA) {
                throw Checks.invalid("data", d, "must be an IFLA_INFO_DATA attribute (type "
                        + LinkKinds.IFLA_INFO_DATA + ")");
            }
        });
    }

    /** A kind with no settings, e.g. {@code GenericKind.of("ifb")} for {@code type ifb}. */
    public static GenericKind of(String kind) {
        return new GenericKind(kind, Optional.empty());
    }

    @Override
    public void writeData(MessageWriter w) {
        data.ifPresent(w::raw);
    }
}
