package io.jnetlink.nftables.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/** A flowtable (NFT_MSG_NEWFLOWTABLE): hook (ingress), priority, devices, flags (NFT_FLOWTABLE_HW_OFFLOAD 0x1). */
public record Flowtable(Family family, String table, String name, Hook hook, int priority, List<String> devices,
                        int flags, OptionalLong handle) {

    public Flowtable {
        Objects.requireNonNull(family, "family");
        Names.check("table", table);
        Names.check("flowtable", name);
        Objects.requireNonNull(hook, "hook");
        devices = List.copyOf(devices);
        Objects.requireNonNull(handle, "handle");
    }
}
