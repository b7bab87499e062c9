package io.jnetlink.route.link.bridge;

/**
 * One VLAN entry of a bridge port (or of the bridge itself), or a range of them: {@code vid N} or
 * {@code vid N-M} in {@code bridge vlan}, struct bridge_vlan_info in IFLA_BRIDGE_VLAN_INFO (linux/if_bridge.h).
 *
 * @param vid      the first VLAN id, 1 to 4094
 * @param vidEnd   the last VLAN id of the range, {@code vid} to 4094; equal to {@code vid} for a single VLAN
 * @param pvid     BRIDGE_VLAN_INFO_PVID: untagged ingress frames are assigned this VLAN (single VLANs only)
 * @param untagged BRIDGE_VLAN_INFO_UNTAGGED: frames leave the port untagged ("Egress Untagged")
 */
public record BridgeVlan(int vid, int vidEnd, boolean pvid, boolean untagged) {

    /** VLAN_VID_MASK - 1 (linux/if_vlan.h): ids 0 and 4095 are reserved. */
    static final int VID_MAX = 4094;
    static final int VID_MIN = 1;

    /**
     * @throws IllegalArgumentException naming the field and value: an id outside 1 to 4094, an end below the
     *                                  start, or a PVID on a range (the kernel refuses a range of PVIDs)
     */
    public BridgeVlan {
        check("vid", vid);
        check("vidEnd", vidEnd);
        if (vidEnd < vid) {
            throw new IllegalArgumentException("invalid vidEnd " + vidEnd + ": must not be below vid " + vid);
        }
        if (pvid && vidEnd != vid) {
            throw new IllegalArgumentException("invalid pvid on range " + vid + "-" + vidEnd
                    + ": only a single VLAN can be the PVID");
        }
    }

    private static void check(String field, int v) {
        if (v < VID_MIN || v > VID_MAX) {
            throw new IllegalArgumentException("invalid " + field + " " + v + ": must be " + VID_MIN + " to " + VID_MAX);
        }
    }

    /** {@code vid N}, tagged, not the PVID. */
    public static BridgeVlan of(int vid) {
        return new BridgeVlan(vid, vid, false, false);
    }

    /** {@code vid N-M}, tagged. */
    public static BridgeVlan range(int vid, int vidEnd) {
        return new BridgeVlan(vid, vidEnd, false, false);
    }

    /** The same entry as the port's PVID ({@code pvid}). */
    public BridgeVlan withPvid(boolean on) {
        return new BridgeVlan(vid, vidEnd, on, untagged);
    }

    /** The same entry leaving untagged ({@code untagged}). */
    public BridgeVlan withUntagged(boolean on) {
        return new BridgeVlan(vid, vidEnd, pvid, on);
    }

    public boolean isRange() {
        return vidEnd != vid;
    }

    /** As bridge writes it: {@code 10}, {@code 20-30}, with {@code pvid} and {@code untagged} when set. */
    @Override
    public String toString() {
        return (isRange() ? vid + "-" + vidEnd : String.valueOf(vid)) + (pvid ? " pvid" : "") + (untagged ? " untagged" : "");
    }
}
