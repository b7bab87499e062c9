package io.jnetlink.route.link.bridge;

import java.util.List;
import java.util.Objects;

/**
 * The VLAN table of one bridge port (or of the bridge device itself), one line group of {@code bridge vlan show}.
 *
 * @param index the link's index
 * @param name  the link's name
 * @param vlans its entries in kernel order; ranges as the kernel compressed them
 */
public record PortVlans(int index, String name, List<BridgeVlan> vlans) {
    public PortVlans {
        Objects.requireNonNull(name, "name");
        vlans = List.copyOf(vlans);
    }
}
