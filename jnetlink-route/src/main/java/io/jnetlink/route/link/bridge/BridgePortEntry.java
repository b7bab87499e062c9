package io.jnetlink.route.link.bridge;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One port as the AF_BRIDGE link dump reports it: one entry of {@code bridge -d link show}.
 *
 * @param index    the port's index
 * @param name     the port's name
 * @param master   IFLA_MASTER, the index of its bridge
 * @param settings its IFLA_PROTINFO settings
 */
public record BridgePortEntry(int index, String name, OptionalInt master, BridgePort settings) {
    public BridgePortEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(settings, "settings");
    }
}
