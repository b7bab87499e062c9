package io.jnetlink.route.neigh;

import java.util.ArrayList;
import java.util.List;

/**
 * Flags of a neighbour or bridge FDB entry (NTF_* of linux/neighbour.h), as an open set: the eight bits of
 * ndm_flags in {@link #header()} and the 32 bits of the NDA_FLAGS_EXT attribute (NTF_EXT_*) in
 * {@link #extended()}. The kernel merges them the same way (extended bits above the old eight); keeping them
 * apart here loses none of the 32 extended bits. Bits without a name are kept and printed as hex.
 *
 * @param header   ndm_flags, 0 to 255
 * @param extended NDA_FLAGS_EXT; 0 when the attribute is absent (the kernel sends it only when non-zero,
 *                 except for bridge entries, where it always sends it)
 */
public record NeighbourFlags(int header, int extended) {

    // linux/neighbour.h: ndm_flags
    static final int NTF_USE = 1;
    static final int NTF_SELF = 1 << 1;
    static final int NTF_MASTER = 1 << 2;
    static final int NTF_PROXY = 1 << 3;
    static final int NTF_EXT_LEARNED = 1 << 4;
    static final int NTF_OFFLOADED = 1 << 5;
    static final int NTF_STICKY = 1 << 6;
    static final int NTF_ROUTER = 1 << 7;
    // linux/neighbour.h: extended flags under NDA_FLAGS_EXT
    static final int NTF_EXT_MANAGED = 1;
    static final int NTF_EXT_LOCKED = 1 << 1;
    static final int NTF_EXT_EXT_VALIDATED = 1 << 2;

    private static final int HEADER_MAX = 0xFF;

    /** No flag. */
    public static final NeighbourFlags NONE = new NeighbourFlags(0, 0);
    /** NTF_USE: a request flag: mark the entry used (and resolve it). */
    public static final NeighbourFlags USE = new NeighbourFlags(NTF_USE, 0);
    /** NTF_SELF: an FDB entry of the device itself ({@code bridge fdb ... self}). */
    public static final NeighbourFlags SELF = new NeighbourFlags(NTF_SELF, 0);
    /** NTF_MASTER: an FDB entry of the bridge the device is a port of ({@code bridge fdb ... master}). */
    public static final NeighbourFlags MASTER = new NeighbourFlags(NTF_MASTER, 0);
    /** NTF_PROXY: a proxy ARP/NDP entry ({@code ip neigh add proxy ADDR}). */
    public static final NeighbourFlags PROXY = new NeighbourFlags(NTF_PROXY, 0);
    /** NTF_EXT_LEARNED: installed by an external control plane ({@code extern_learn}); never garbage collected. */
    public static final NeighbourFlags EXTERN_LEARN = new NeighbourFlags(NTF_EXT_LEARNED, 0);
    /** NTF_OFFLOADED: offloaded to hardware (kernel state). */
    public static final NeighbourFlags OFFLOADED = new NeighbourFlags(NTF_OFFLOADED, 0);
    /** NTF_STICKY: an FDB entry that does not move to another port ({@code sticky}). */
    public static final NeighbourFlags STICKY = new NeighbourFlags(NTF_STICKY, 0);
    /** NTF_ROUTER: the neighbour is a router ({@code router}); for VXLAN, an L3 gateway. */
    public static final NeighbourFlags ROUTER = new NeighbourFlags(NTF_ROUTER, 0);
    /** NTF_EXT_MANAGED: the kernel keeps the entry resolved on behalf of user space ({@code managed}). */
    public static final NeighbourFlags MANAGED = new NeighbourFlags(0, NTF_EXT_MANAGED);
    /** NTF_EXT_LOCKED: an FDB entry created on a locked bridge port (kernel state). */
    public static final NeighbourFlags LOCKED = new NeighbourFlags(0, NTF_EXT_LOCKED);
    /** NTF_EXT_EXT_VALIDATED: an externally learned entry the kernel validated ({@code extern_valid}). */
    public static final NeighbourFlags EXTERN_VALID = new NeighbourFlags(0, NTF_EXT_EXT_VALIDATED);

    private record Named(NeighbourFlags flag, String name) {
    }

    /** The names ip neigh and bridge fdb print, in bridge's order, then the neighbour-only ones. */
    private static final List<Named> PRINT_ORDER = List.of(
            new Named(SELF, "self"),
            new Named(ROUTER, "router"),
            new Named(EXTERN_LEARN, "extern_learn"),
            new Named(OFFLOADED, "offload"),
            new Named(MASTER, "master"),
            new Named(STICKY, "sticky"),
            new Named(LOCKED, "locked"),
            new Named(PROXY, "proxy"),
            new Named(USE, "use"),
            new Named(MANAGED, "managed"),
            new Named(EXTERN_VALID, "extern_valid"));

    public NeighbourFlags {
        if (header < 0 || header > HEADER_MAX) {
            throw new IllegalArgumentException("neighbour flags " + header + " are outside 0..255 (ndm_flags is a u8)");
        }
    }

    /** The flags with these ndm_flags and NDA_FLAGS_EXT bits. */
    public static NeighbourFlags of(int header, int extended) {
        return header == 0 && extended == 0 ? NONE : new NeighbourFlags(header, extended);
    }

    /** Whether every bit of {@code other} is set here. */
    public boolean contains(NeighbourFlags other) {
        return (header & other.header) == other.header && (extended & other.extended) == other.extended;
    }

    /** Whether no bit is set. */
    public boolean isEmpty() {
        return header == 0 && extended == 0;
    }

    /** These flags and those of {@code other}. */
    public NeighbourFlags with(NeighbourFlags other) {
        return of(header | other.header, extended | other.extended);
    }

    /** These flags without those of {@code other}. */
    public NeighbourFlags without(NeighbourFlags other) {
        return of(header & ~other.header, extended & ~other.extended);
    }

    /**
     * The names as {@code ip neigh} ({@code router}, {@code proxy}, {@code extern_learn}, {@code offload},
     * {@code managed}, {@code extern_valid}) and {@code bridge fdb} ({@code self}, {@code master},
     * {@code sticky}, {@code locked}) print them, then {@code use}; bits without a name as hex
     * ({@code ext 0x80} for an extended one).
     */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        int h = header;
        int x = extended;
        for (Named n : PRINT_ORDER) {
            if (contains(n.flag())) {
                out.add(n.name());
                h &= ~n.flag().header;
                x &= ~n.flag().extended;
            }
        }
        if (h != 0) {
            out.add("0x" + Integer.toHexString(h));
        }
        if (x != 0) {
            out.add("ext 0x" + Integer.toHexString(x));
        }
        return List.copyOf(out);
    }

    /** The names joined by {@code |}, or {@code none}. */
    @Override
    public String toString() {
        return isEmpty() ? "none" : String.join("|", names());
    }
}
