package io.jnetlink.route.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Route flags as carried in rtm_flags: next-hop flags (RTNH_F_*) and route flags (RTM_F_*), both from
 * linux/rtnetlink.h.
 */
public final class RouteFlags {

    private RouteFlags() {
    }

    /** RTNH_F_DEAD: the next hop is dead (kernel state). */
    public static final int DEAD = 0x1;
    /** RTNH_F_PERVASIVE: recursive gateway lookup. */
    public static final int PERVASIVE = 0x2;
    /** RTNH_F_ONLINK: the gateway is on the link even if no prefix says so ({@code ip route ... onlink}). */
    public static final int ONLINK = 0x4;
    /** RTNH_F_OFFLOAD: the next hop is offloaded (kernel state). */
    public static final int OFFLOAD = 0x8;
    /** RTNH_F_LINKDOWN: the output link has no carrier (kernel state). */
    public static final int LINKDOWN = 0x10;
    /** RTNH_F_UNRESOLVED: the entry is unresolved, ipmr (kernel state). */
    public static final int UNRESOLVED = 0x20;
    /** RTNH_F_TRAP: the next hop traps packets (kernel state). */
    public static final int TRAP = 0x40;
    /** RTM_F_NOTIFY: notify the user of route changes. */
    public static final int NOTIFY = 0x100;
    /** RTM_F_CLONED: a cached clone (route exception), not a configured route. */
    public static final int CLONED = 0x200;
    /** RTM_F_EQUALIZE: multipath equalizer (not implemented by the kernel). */
    public static final int EQUALIZE = 0x400;
    /** RTM_F_PREFIX: a prefix route created for an address (IPv6, kernel state). */
    public static final int PREFIX = 0x800;
    /** RTM_F_LOOKUP_TABLE: rtm_table holds the FIB lookup result (RTM_GETROUTE). */
    public static final int LOOKUP_TABLE = 0x1000;
    /** RTM_F_FIB_MATCH: return the full FIB match (RTM_GETROUTE). */
    public static final int FIB_MATCH = 0x2000;
    /** RTM_F_OFFLOAD: the route is offloaded (kernel state). */
    public static final int RT_OFFLOAD = 0x4000;
    /** RTM_F_TRAP: the route traps packets (kernel state). */
    public static final int RT_TRAP = 0x8000;
    /** RTM_F_OFFLOAD_FAILED: offloading failed (kernel state). */
    public static final int RT_OFFLOAD_FAILED = 0x20000000;

    /**
     * Flags only the kernel sets. Requests leave them out, so that a decoded route can be sent back
     * ({@code replace}, {@code delete}); the kernel refuses DEAD and LINKDOWN in a request.
     */
    public static final int KERNEL_STATE = DEAD | OFFLOAD | LINKDOWN | UNRESOLVED | TRAP | CLONED | PREFIX
            | LOOKUP_TABLE | FIB_MATCH | RT_OFFLOAD | RT_TRAP | RT_OFFLOAD_FAILED;

    /** The names {@code ip route} prints in its {@code flags} list, in its order. */
    public static List<String> names(int flags) {
        List<String> out = new ArrayList<>();
        add(out, flags, DEAD, "dead");
        add(out, flags, ONLINK, "onlink");
        add(out, flags, PERVASIVE, "pervasive");
        add(out, flags, OFFLOAD, "offload");
        add(out, flags, TRAP, "trap");
        add(out, flags, NOTIFY, "notify");
        add(out, flags, LINKDOWN, "linkdown");
        add(out, flags, UNRESOLVED, "unresolved");
        add(out, flags, RT_OFFLOAD, "rt_offload");
        add(out, flags, RT_TRAP, "rt_trap");
        add(out, flags, RT_OFFLOAD_FAILED, "rt_offload_failed");
        return out;
    }

    private static void add(List<String> out, int flags, int bit, String name) {
        if ((flags & bit) != 0) {
            out.add(name);
        }
    }
}
