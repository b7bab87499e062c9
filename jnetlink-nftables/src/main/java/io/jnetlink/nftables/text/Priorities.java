package io.jnetlink.nftables.text;

import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Hook;

/**
 * Base-chain priorities as nft prints them (rule.c prio2str): a standard name, with an offset of at most 10
 * ({@code filter - 10}, {@code srcnat + 5}), when the name is valid for the family and hook; otherwise the number.
 */
final class Priorities {

    private Priorities() {
    }

    private record Std(String name, int value) {
    }

    // NF_IP_PRI_* (linux/netfilter_ipv4.h) and NF_BR_PRI_* (linux/netfilter_bridge.h) as nft names them
    private static final Std[] INET = {new Std("raw", -300), new Std("mangle", -150), new Std("dstnat", -100),
        new Std("filter", 0), new Std("security", 50), new Std("srcnat", 100)};
    private static final Std[] BRIDGE = {new Std("dstnat", -300), new Std("filter", -200), new Std("out", 100),
        new Std("srcnat", 300)};
    private static final int REACH = 10;

    static String name(Family family, Hook hook, int prio) {
        Std[] table = family == Family.BRIDGE ? BRIDGE : INET;
        for (Std s : table) {
            if (Math.abs((long) prio - s.value) <= REACH) {
                if (!compatible(s, family, hook)) {
                    break;
                }
                int offset = prio - s.value;
                if (offset > 0) {
                    return s.name + " + " + offset;
                }
                if (offset < 0) {
                    return s.name + " - " + (-offset);
                }
                return s.name;
            }
        }
        return Integer.toString(prio);
    }

    /** std_prio_family_hook_compat. */
    private static boolean compatible(Std s, Family family, Hook hook) {
        if (family == Family.BRIDGE) {
            return switch (s.name) {
                case "filter" -> true;
                case "dstnat" -> hook == Hook.PREROUTING;
                case "out" -> hook == Hook.OUTPUT;
                case "srcnat" -> hook == Hook.POSTROUTING;
                default -> false;
            };
        }
        if (s.name.equals("filter")) {
            return true;
        }
        if (family == Family.INET || family == Family.IP || family == Family.IP6) {
            return switch (s.name) {
                case "raw", "mangle", "security" -> true;
                case "dstnat" -> hook == Hook.PREROUTING;
                case "srcnat" -> hook == Hook.POSTROUTING;
                default -> false;
            };
        }
        return false;
    }
}
