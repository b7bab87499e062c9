package io.jnetlink.route.link.bridge;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings of one bridge port (IFLA_BRPORT_* of linux/if_link.h), as {@code bridge -d link show} prints them
 * and {@code bridge link set dev PORT ...} changes them. Every setting is optional: in a change only the
 * present ones are sent; decoded from the kernel, every setting it reports is present.
 *
 * @param state          IFLA_BRPORT_STATE ({@code state}); the kernel refuses to set it while it runs STP
 *                       (EBUSY) and on a port that is not up (ENETDOWN), except to {@code disabled}; without
 *                       STP it moves a port set to {@code blocking} straight back to {@code forwarding}
 * @param priority       IFLA_BRPORT_PRIORITY ({@code priority}), a u16; the kernel accepts 0 to 63
 * @param cost           IFLA_BRPORT_COST ({@code cost}), the STP path cost; the kernel accepts 1 to 65535
 * @param hairpin        IFLA_BRPORT_MODE ({@code hairpin}): frames may leave by the port they came in
 * @param unicastFlood   IFLA_BRPORT_UNICAST_FLOOD ({@code flood}): unknown unicast is flooded to this port
 * @param multicastFlood IFLA_BRPORT_MCAST_FLOOD ({@code mcast_flood})
 * @param broadcastFlood IFLA_BRPORT_BCAST_FLOOD ({@code bcast_flood})
 * @param learning       IFLA_BRPORT_LEARNING ({@code learning}): source MACs are learned into the FDB
 * @param neighSuppress  IFLA_BRPORT_NEIGH_SUPPRESS ({@code neigh_suppress}): ARP/ND suppression
 * @param isolated       IFLA_BRPORT_ISOLATED ({@code isolated}): no forwarding to other isolated ports
 */
public record BridgePort(Optional<BridgePortState> state, OptionalInt priority, OptionalInt cost,
                         Optional<Boolean> hairpin, Optional<Boolean> unicastFlood, Optional<Boolean> multicastFlood,
                         Optional<Boolean> broadcastFlood, Optional<Boolean> learning, Optional<Boolean> neighSuppress,
                         Optional<Boolean> isolated) {

    private static final int U16_MAX = 0xFFFF;

    /**
     * @throws IllegalArgumentException naming the field and value: a priority beyond 16 bits or a cost that is
     *                                  not positive
     */
    public BridgePort {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(priority, "priority");
        if (priority.isPresent() && (priority.getAsInt() < 0 || priority.getAsInt() > U16_MAX)) {
            throw new IllegalArgumentException("invalid priority " + priority.getAsInt() + ": must be 0 to " + U16_MAX);
        }
        Objects.requireNonNull(cost, "cost");
        if (cost.isPresent() && cost.getAsInt() <= 0) {
            throw new IllegalArgumentException("invalid cost " + Integer.toUnsignedString(cost.getAsInt())
                    + ": must be positive");
        }
        Objects.requireNonNull(hairpin, "hairpin");
        Objects.requireNonNull(unicastFlood, "unicastFlood");
        Objects.requireNonNull(multicastFlood, "multicastFlood");
        Objects.requireNonNull(broadcastFlood, "broadcastFlood");
        Objects.requireNonNull(learning, "learning");
        Objects.requireNonNull(neighSuppress, "neighSuppress");
        Objects.requireNonNull(isolated, "isolated");
    }

    /** No setting: start of a change built with the {@code with...} methods. */
    public static BridgePort of() {
        return new BridgePort(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** Whether no setting is present. */
    public boolean isEmpty() {
        return equals(of());
    }

    public BridgePort withState(BridgePortState s) {
        return new BridgePort(Optional.of(s), priority, cost, hairpin, unicastFlood, multicastFlood, broadcastFlood,
                learning, neighSuppress, isolated);
    }

    public BridgePort withPriority(int p) {
        return new BridgePort(state, OptionalInt.of(p), cost, hairpin, unicastFlood, multicastFlood, broadcastFlood,
                learning, neighSuppress, isolated);
    }

    public BridgePort withCost(int c) {
        return new BridgePort(state, priority, OptionalInt.of(c), hairpin, unicastFlood, multicastFlood,
                broadcastFlood, learning, neighSuppress, isolated);
    }

    public BridgePort withHairpin(boolean on) {
        return new BridgePort(state, priority, cost, Optional.of(on), unicastFlood, multicastFlood, broadcastFlood,
                learning, neighSuppress, isolated);
    }

    public BridgePort withUnicastFlood(boolean on) {
        return new BridgePort(state, priority, cost, hairpin, Optional.of(on), multicastFlood, broadcastFlood,
                learning, neighSuppress, isolated);
    }

    public BridgePort withMulticastFlood(boolean on) {
        return new BridgePort(state, priority, cost, hairpin, unicastFlood, Optional.of(on), broadcastFlood,
                learning, neighSuppress, isolated);
    }

    public BridgePort withBroadcastFlood(boolean on) {
        return new BridgePort(state, priority, cost, hairpin, unicastFlood, multicastFlood, Optional.of(on),
                learning, neighSuppress, isolated);
    }

    public BridgePort withLearning(boolean on) {
        return new BridgePort(state, priority, cost, hairpin, unicastFlood, multicastFlood, broadcastFlood,
                Optional.of(on), neighSuppress, isolated);
    }

    public BridgePort withNeighSuppress(boolean on) {
        return new BridgePort(state, priority, cost, hairpin, unicastFlood, multicastFlood, broadcastFlood,
                learning, Optional.of(on), isolated);
    }

    public BridgePort withIsolated(boolean on) {
        return new BridgePort(state, priority, cost, hairpin, unicastFlood, multicastFlood, broadcastFlood,
                learning, neighSuppress, Optional.of(on));
    }
}
