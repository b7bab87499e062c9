package io.jnetlink.nftables.proto;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A protocol header nft can match (proto.c proto_desc): its keyword, the base its fields count from, the
 * fields, and the numbers that identify it one layer down (used for the implicit dependency):
 * the IP protocol number for transport protocols ({@code meta l4proto 6}), the Ethernet type and the nfproto
 * for network protocols ({@code meta protocol ip}, {@code meta nfproto ipv4}).
 */
public record Protocol(String name, HeaderBase base, List<ProtoField> fields, OptionalInt l4proto,
                       OptionalInt etherType, OptionalInt nfproto) {

    public Protocol {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(base, "base");
        fields = List.copyOf(fields);
        Objects.requireNonNull(l4proto, "l4proto");
        Objects.requireNonNull(etherType, "etherType");
        Objects.requireNonNull(nfproto, "nfproto");
    }

    /** The field named as in nft ({@code "dport"}, {@code "saddr ether"}), or empty. */
    public Optional<ProtoField> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** The field at exactly this bit offset and length, or empty. */
    public Optional<ProtoField> fieldAt(int offsetBits, int lengthBits) {
        return fields.stream().filter(f -> f.offsetBits() == offsetBits && f.lengthBits() == lengthBits).findFirst();
    }
}
