package io.jnetlink.route.link.kind;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** The registry from IFLA_INFO_KIND to the decoder of that kind's IFLA_INFO_DATA. */
public final class LinkKinds {

    private LinkKinds() {
    }

    /** linux/if_link.h: IFLA_INFO_DATA, the child of IFLA_LINKINFO that carries a kind's settings. */
    static final int IFLA_INFO_DATA = 2;

    /** Each decoder takes the payload of IFLA_INFO_DATA (empty when the kernel sent none). */
    private static final Map<String, Function<byte[], LinkKind>> DECODERS = Map.of(
            Bridge.KIND, Bridge::decode,
            Vxlan.KIND, Vxlan::decode,
            Macvlan.KIND, Macvlan::decode,
            Vlan.KIND, Vlan::decode,
            Dummy.KIND, data -> new Dummy(),
            Veth.KIND, data -> Veth.decoded(),
            Wireguard.KIND, data -> new Wireguard());

    /** The kind names that decode to a typed record rather than {@link GenericKind}. */
    public static Set<String> modelled() {
        return DECODERS.keySet();
    }

    /**
     * Decodes a link's IFLA_INFO_KIND and IFLA_INFO_DATA. Kinds without a record come back as
     * {@link GenericKind} holding {@code data} unchanged.
     *
     * @throws DecodeException when a modelled attribute of the data has the wrong size (the exception names
     *                         the attribute) or a value no kernel sends, or the kind is empty
     */
    public static LinkKind decode(String kind, Optional<RawAttribute> data) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
        Function<byte[], LinkKind> decoder = DECODERS.get(kind);
        if (decoder == null) {
            try {
                return new GenericKind(kind, data);
            } catch (IllegalArgumentException e) {
                throw new DecodeException("IFLA_LINKINFO: " + e.getMessage());
            }
        }
        return decoder.apply(data.map(RawAttribute::payload).orElse(new byte[0]));
    }

    /** IFLA_INFO_DATA as iproute2 writes it (without NLA_F_NESTED; the kernel accepts both). */
    static void writeData(MessageWriter w, Consumer<MessageWriter> body) {
        w.nestedWithoutFlag(IFLA_INFO_DATA, body);
    }
}
