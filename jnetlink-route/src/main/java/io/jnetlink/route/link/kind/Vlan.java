package io.jnetlink.route.link.kind;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.lang.invoke.MethodHandles;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An 802.1Q/802.1ad VLAN link ({@code ip link add NAME link PARENT type vlan id ID [protocol PROTO]}) on a
 * parent device, which the link spec names. Needs a kernel with CONFIG_VLAN_8021Q.
 *
 * @param id       IFLA_VLAN_ID, 0 to 4094; required at creation, fixed afterwards
 * @param protocol IFLA_VLAN_PROTOCOL, sent big-endian; the kernel's default is 802.1Q
 */
public record Vlan(OptionalInt id, Optional<VlanProtocol> protocol) implements LinkKind {

    /** IFLA_INFO_KIND of a VLAN link (net/8021q). */
    public static final String KIND = "vlan";

    // linux/if_link.h: enum IFLA_VLAN_* (the modelled subset)
    static final int IFLA_VLAN_ID = 1;
    static final int IFLA_VLAN_PROTOCOL = 5;

    private static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "IFLA_VLAN_");

    /** VLAN_VID_MASK - 1 (linux/if_vlan.h): the highest id the kernel accepts. */
    private static final int VLAN_ID_MAX = 4094;

    /** @throws IllegalArgumentException naming the id when it is outside 0 to 4094 */
    public Vlan {
        Checks.range("id", id, 0, VLAN_ID_MAX);
        Objects.requireNonNull(protocol, "protocol");
    }

    /** {@code type vlan id ID}. */
    public static Vlan of(int id) {
        return new Vlan(OptionalInt.of(id), Optional.empty());
    }

    /** {@code type vlan id ID protocol PROTO}. */
    public static Vlan of(int id, VlanProtocol protocol) {
        return new Vlan(OptionalInt.of(id), Optional.of(Objects.requireNonNull(protocol, "protocol")));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeData(MessageWriter w) {
        if (id.isEmpty() && protocol.isEmpty()) {
            return;
        }
        LinkKinds.writeData(w, d -> {
            id.ifPresent(i -> d.u16(IFLA_VLAN_ID, i));
            protocol.ifPresent(p -> d.u16be(IFLA_VLAN_PROTOCOL, p.value()));
        });
    }

    static Vlan decode(byte[] data) {
        OptionalInt id = OptionalInt.empty();
        Optional<VlanProtocol> protocol = Optional.empty();
        AttributeReader a = AttributeReader.of(data, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case IFLA_VLAN_ID -> id = OptionalInt.of(a.u16());
                case IFLA_VLAN_PROTOCOL -> protocol = Optional.of(VlanProtocol.of(a.u16be()));
                default -> {
                }
            }
        }
        try {
            return new Vlan(id, protocol);
        } catch (IllegalArgumentException e) {
            throw Checks.undecodable(KIND, e);
        }
    }
}
