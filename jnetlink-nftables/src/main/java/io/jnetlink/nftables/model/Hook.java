package io.jnetlink.nftables.model;

import java.util.Locale;

/**
 * Netfilter hooks by nft name. The kernel number depends on the family (NF_INET_* for ip/ip6/inet/bridge,
 * NF_ARP_* for arp, NF_NETDEV_* for netdev): see {@link #number(Family)}.
 */
public enum Hook {
    PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING, INGRESS, EGRESS;

    public String nftName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The hook number for NFTA_HOOK_HOOKNUM in this family. @throws IllegalArgumentException if invalid there */
    public int number(Family family) {
        return switch (family) {
            case NETDEV -> switch (this) {
                case INGRESS -> 0;
                case EGRESS -> 1;
                default -> throw invalid(family);
            };
            case ARP -> switch (this) {
                case INPUT -> 0;
                case OUTPUT -> 1;
                default -> throw invalid(family);
            };
            case INET, IP, IP6, BRIDGE -> switch (this) {
                case PREROUTING -> 0;
                case INPUT -> 1;
                case FORWARD -> 2;
                case OUTPUT -> 3;
                case POSTROUTING -> 4;
                case INGRESS -> {
                    if (family != Family.INET) {
                        throw invalid(family);
                    }
                    yield 5;
                }
                case EGRESS -> throw invalid(family);
            };
        };
    }

    public static Hook of(Family family, int number) {
        for (Hook h : values()) {
            try {
                if (h.number(family) == number) {
                    return h;
                }
            } catch (IllegalArgumentException notInFamily) {
                // try the next hook
            }
        }
        throw new IllegalArgumentException("hook: no " + family + " hook has number " + number);
    }

    public static Hook parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hook: unknown hook '" + name + "'", e);
        }
    }

    private IllegalArgumentException invalid(Family family) {
        return new IllegalArgumentException("hook: " + nftName() + " is not a hook of family " + family);
    }
}
