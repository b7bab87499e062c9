package io.jnetlink.cli;

import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.genl.GenericNetlink;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.link.LinkSpec;
import io.jnetlink.route.link.kind.Bridge;
import io.jnetlink.route.link.kind.GenericKind;
import io.jnetlink.route.link.kind.LinkKind;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the running kernel can do, probed once per JVM in a throwaway namespace: tests of a feature it lacks
 * report themselves skipped with the kernel's answer as the reason, never passed.
 */
final class KernelSupport {

    private KernelSupport() {
    }

    private static final Map<String, Optional<String>> PROBES = new ConcurrentHashMap<>();

    /** Skips the calling test when the kernel has no driver for link kind {@code kind}. */
    static void assumeKind(String kind) {
        Optional<String> missing = PROBES.computeIfAbsent("kind " + kind,
                k -> probe(GenericKind.of(kind), "kernel has no driver for link kind " + kind));
        assumeTrue(missing.isEmpty(), missing.orElse(""));
    }

    /** Skips the calling test when bridges cannot filter VLANs (CONFIG_BRIDGE_VLAN_FILTERING off). */
    static void assumeBridgeVlanFiltering() {
        Optional<String> missing = PROBES.computeIfAbsent("vlan_filtering",
                k -> probe(Bridge.of().withVlanFiltering(true),
                        "kernel cannot filter VLANs on a bridge (built without CONFIG_BRIDGE_VLAN_FILTERING)"));
        assumeTrue(missing.isEmpty(), missing.orElse(""));
    }

    /** Whether the kernel has the generic netlink family {@code wireguard}. */
    static boolean hasWireGuardFamily() {
        return PROBES.computeIfAbsent("family wireguard", k -> {
            try (NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.GENERIC)) {
                return GenericNetlink.resolve(s, "wireguard").isPresent() ? Optional.empty()
                        : Optional.of("kernel has no generic netlink family wireguard (CONFIG_WIREGUARD off)");
            }
        }).isEmpty();
    }

    /** Skips the calling test when the kernel has no WireGuard (neither the link kind nor the family). */
    static void assumeWireGuard() {
        assumeKind("wireguard");
        assumeTrue(hasWireGuardFamily(), "kernel has no generic netlink family wireguard (CONFIG_WIREGUARD off)");
    }

    /** Creates a link of {@code kind}; EOPNOTSUPP means the feature is missing, any other answer that it is there. */
    private static Optional<String> probe(LinkKind kind, String why) {
        try (NetNs ns = NetNs.createAnonymous(); Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.of("probe0", kind));
            return Optional.empty();
        } catch (KernelException e) {
            if (e.errno().equals(Errno.EOPNOTSUPP)) {
                return Optional.of(why + ": the kernel answered " + e.getMessage());
            }
            return Optional.empty();
        }
    }
}
