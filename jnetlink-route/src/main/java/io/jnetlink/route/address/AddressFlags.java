package io.jnetlink.route.address;

import java.util.ArrayList;
import java.util.List;

/**
 * Address flags (IFA_F_* of linux/if_addr.h). The kernel reports them in the u32 attribute IFA_FLAGS,
 * the low 8 bits also in ifa_flags; {@link Address#flags()} holds all 32.
 */
public final class AddressFlags {

    private AddressFlags() {
    }

    /** IPv4: not the first address of its subnet on the link. */
    public static final int SECONDARY = 0x01;
    /** IPv6: a privacy (temporary) address; same bit as {@link #SECONDARY}. */
    public static final int TEMPORARY = SECONDARY;
    /** IPv6: skip duplicate address detection, so the address is usable at once. */
    public static final int NODAD = 0x02;
    /** IPv6: usable while duplicate address detection runs (RFC 4429). */
    public static final int OPTIMISTIC = 0x04;
    /** IPv6: duplicate address detection failed. */
    public static final int DADFAILED = 0x08;
    /** IPv6: Mobile IPv6 home address. */
    public static final int HOMEADDRESS = 0x10;
    /** The preferred lifetime expired. */
    public static final int DEPRECATED = 0x20;
    /** IPv6: duplicate address detection has not finished. */
    public static final int TENTATIVE = 0x40;
    /** Set by the kernel when the valid lifetime is forever. */
    public static final int PERMANENT = 0x80;
    /** IPv6: create temporary addresses from this one's prefix. */
    public static final int MANAGETEMPADDR = 0x100;
    /** Do not create the prefix route for this address. */
    public static final int NOPREFIXROUTE = 0x200;
    /** Join the multicast group of this (multicast) address. */
    public static final int MCAUTOJOIN = 0x400;
    /** IPv6: generated with stable privacy (RFC 7217). */
    public static final int STABLE_PRIVACY = 0x800;

    /**
     * The flag names {@code ip address} prints, in its order: {@code secondary} (IPv4) or
     * {@code temporary} (IPv6), {@code nodad}, ..., and {@code dynamic} when {@link #PERMANENT} is missing.
     */
    public static List<String> names(int flags, boolean ipv6) {
        List<String> out = new ArrayList<>();
        if ((flags & SECONDARY) != 0) {
            out.add(ipv6 ? "temporary" : "secondary");
        }
        add(out, flags, NODAD, "nodad");
        add(out, flags, OPTIMISTIC, "optimistic");
        add(out, flags, DADFAILED, "dadfailed");
        add(out, flags, HOMEADDRESS, "home");
        add(out, flags, DEPRECATED, "deprecated");
        add(out, flags, TENTATIVE, "tentative");
        if ((flags & PERMANENT) == 0) {
            out.add("dynamic");
        }
        add(out, flags, MANAGETEMPADDR, "mngtmpaddr");
        add(out, flags, NOPREFIXROUTE, "noprefixroute");
        add(out, flags, MCAUTOJOIN, "autojoin");
        add(out, flags, STABLE_PRIVACY, "stable-privacy");
        int known = SECONDARY | NODAD | OPTIMISTIC | DADFAILED | HOMEADDRESS | DEPRECATED | TENTATIVE | PERMANENT
                | MANAGETEMPADDR | NOPREFIXROUTE | MCAUTOJOIN | STABLE_PRIVACY;
        if ((flags & ~known) != 0) {
            out.add("flags 0x" + Integer.toHexString(flags & ~known));
        }
        return out;
    }

    private static void add(List<String> out, int flags, int bit, String name) {
        if ((flags & bit) != 0) {
            out.add(name);
        }
    }
}
