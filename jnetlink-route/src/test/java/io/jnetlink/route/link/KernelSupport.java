package io.jnetlink.route.link;

import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.link.kind.Bridge;
import io.jnetlink.route.link.kind.GenericKind;
import io.jnetlink.route.link.kind.LinkKind;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the running kernel can do, probed once per JVM in a throwaway namespace: whether it has a link kind's
 * driver, whether bridges can filter VLANs. Tests of a missing feature report themselves skipped, with the
 * kernel's answer as the reason, through {@link #assumeKind} and {@link #assumeBridgeVlanFiltering}.
 */
public final class KernelSupport {

    private KernelSupport() {
    }

    private static final Map<String, Optional<String>> PROBES = new ConcurrentHashMap<>();
    private static final String PROBE_LINK = "probe0";
    private static final String VLAN_FILTERING = "bridge vlan_filtering";

    /** Skips the calling test (never a pass) when the kernel has no driver for {@code kind}. */
    public static void assumeKind(String kind) {
        Optional<String> missing = PROBES.computeIfAbsent(kind,
                k -> probe(GenericKind.of(k), "kernel has no driver for link kind " + k));
        assumeTrue(missing.isEmpty(), missing.orElse(""));
    }

    /** Skips the calling test when bridges cannot filter VLANs (a kernel without CONFIG_BRIDGE_VLAN_FILTERING). */
    public static void assumeBridgeVlanFiltering() {
        Optional<String> missing = PROBES.computeIfAbsent(VLAN_FILTERING,
                k -> probe(Bridge.of().withVlanFiltering(true),
                        "kernel cannot filter VLANs on a bridge (built without CONFIG_BRIDGE_VLAN_FILTERING)"));
        assumeTrue(missing.isEmpty(), missing.orElse(""));
    }

    /**
     * Creates a link of {@code kind}; EOPNOTSUPP means the feature is missing. Any other answer (success, or
     * EINVAL because a vlan probe has no parent) means the kernel knows the kind.
     */
    private static Optional<String> probe(LinkKind kind, String why) {
        try (NetNs ns = NetNs.createAnonymous(); Rtnetlink rt = Rtnetlink.open(ns)) {
            rt.links().add(LinkSpec.of(PROBE_LINK, kind));
            return Optional.empty();
        } catch (KernelException e) {
            if (e.errno().equals(Errno.EOPNOTSUPP)) {
                return Optional.of(why + ": the kernel answered " + e.getMessage());
            }
            return Optional.empty();
        }
    }
}
