package io.jnetlink.route.link.kind;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.lang.invoke.MethodHandles;
import java.util.Objects;
import java.util.Optional;

/**
 * A macvlan ({@code ip link add NAME link PARENT type macvlan [mode MODE]}): a link with its own MAC address on
 * top of a parent device, which the link spec names. Changing the mode of an existing macvlan is allowed.
 *
 * @param mode IFLA_MACVLAN_MODE; the kernel's default is {@link MacvlanMode#VEPA}
 */
public record Macvlan(Optional<MacvlanMode> mode) implements LinkKind {

    /** IFLA_INFO_KIND of a macvlan (drivers/net/macvlan.c). */
    public static final String KIND = "macvlan";

    // linux/if_link.h: enum IFLA_MACVLAN_* (the modelled subset)
    static final int IFLA_MACVLAN_MODE = 1;

    private static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "IFLA_MACVLAN_");

    public Macvlan {
        Objects.requireNonNull(mode, "mode");
    }

    /** {@code type macvlan mode MODE}. */
    public static Macvlan of(MacvlanMode mode) {
        return new Macvlan(Optional.of(Objects.requireNonNull(mode, "mode")));
    }

    /** {@code type macvlan}, the kernel's default mode. */
    public static Macvlan of() {
        return new Macvlan(Optional.empty());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeData(MessageWriter w) {
        mode.ifPresent(m -> LinkKinds.writeData(w, d -> d.u32(IFLA_MACVLAN_MODE, m.value())));
    }

    static Macvlan decode(byte[] data) {
        Optional<MacvlanMode> mode = Optional.empty();
        AttributeReader a = AttributeReader.of(data, NAMES);
        while (a.next()) {
            if (a.type() == IFLA_MACVLAN_MODE) {
                mode = Optional.of(MacvlanMode.of(a.u32()));
            }
        }
        return new Macvlan(mode);
    }
}
