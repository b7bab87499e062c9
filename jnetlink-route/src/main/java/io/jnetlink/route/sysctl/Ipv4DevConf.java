package io.jnetlink.route.sysctl;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One per-interface IPv4 setting, {@code net.ipv4.conf.DEV.NAME}: its index in the kernel's struct
 * ipv4_devconf (IPV4_DEVCONF_* of linux/ip.h), which is both the attribute type inside IFLA_INET_CONF when
 * setting and the position (index - 1) in the IFLA_INET_CONF array of a link dump. An open enumeration:
 * {@link #of(int)} accepts indexes newer kernels add.
 *
 * @param index IPV4_DEVCONF_*, 1 and up
 */
public record Ipv4DevConf(int index) {

    // linux/ip.h: enum { IPV4_DEVCONF_FORWARDING = 1, ... }
    public static final Ipv4DevConf FORWARDING = new Ipv4DevConf(1);
    public static final Ipv4DevConf MC_FORWARDING = new Ipv4DevConf(2);
    public static final Ipv4DevConf PROXY_ARP = new Ipv4DevConf(3);
    public static final Ipv4DevConf ACCEPT_REDIRECTS = new Ipv4DevConf(4);
    public static final Ipv4DevConf SECURE_REDIRECTS = new Ipv4DevConf(5);
    public static final Ipv4DevConf SEND_REDIRECTS = new Ipv4DevConf(6);
    public static final Ipv4DevConf SHARED_MEDIA = new Ipv4DevConf(7);
    public static final Ipv4DevConf RP_FILTER = new Ipv4DevConf(8);
    public static final Ipv4DevConf ACCEPT_SOURCE_ROUTE = new Ipv4DevConf(9);
    public static final Ipv4DevConf BOOTP_RELAY = new Ipv4DevConf(10);
    public static final Ipv4DevConf LOG_MARTIANS = new Ipv4DevConf(11);
    public static final Ipv4DevConf TAG = new Ipv4DevConf(12);
    public static final Ipv4DevConf ARPFILTER = new Ipv4DevConf(13);
    public static final Ipv4DevConf MEDIUM_ID = new Ipv4DevConf(14);
    public static final Ipv4DevConf NOXFRM = new Ipv4DevConf(15);
    public static final Ipv4DevConf NOPOLICY = new Ipv4DevConf(16);
    public static final Ipv4DevConf FORCE_IGMP_VERSION = new Ipv4DevConf(17);
    public static final Ipv4DevConf ARP_ANNOUNCE = new Ipv4DevConf(18);
    public static final Ipv4DevConf ARP_IGNORE = new Ipv4DevConf(19);
    public static final Ipv4DevConf PROMOTE_SECONDARIES = new Ipv4DevConf(20);
    public static final Ipv4DevConf ARP_ACCEPT = new Ipv4DevConf(21);
    public static final Ipv4DevConf ARP_NOTIFY = new Ipv4DevConf(22);
    public static final Ipv4DevConf ACCEPT_LOCAL = new Ipv4DevConf(23);
    public static final Ipv4DevConf SRC_VMARK = new Ipv4DevConf(24);
    public static final Ipv4DevConf PROXY_ARP_PVLAN = new Ipv4DevConf(25);
    public static final Ipv4DevConf ROUTE_LOCALNET = new Ipv4DevConf(26);
    public static final Ipv4DevConf IGMPV2_UNSOLICITED_REPORT_INTERVAL = new Ipv4DevConf(27);
    public static final Ipv4DevConf IGMPV3_UNSOLICITED_REPORT_INTERVAL = new Ipv4DevConf(28);
    public static final Ipv4DevConf IGNORE_ROUTES_WITH_LINKDOWN = new Ipv4DevConf(29);
    public static final Ipv4DevConf DROP_UNICAST_IN_L2_MULTICAST = new Ipv4DevConf(30);
    public static final Ipv4DevConf DROP_GRATUITOUS_ARP = new Ipv4DevConf(31);
    public static final Ipv4DevConf BC_FORWARDING = new Ipv4DevConf(32);
    public static final Ipv4DevConf ARP_EVICT_NOCARRIER = new Ipv4DevConf(33);

    /** The sysctl file names, from net/ipv4/devinet.c's devinet_sysctl table. */
    private static final Map<Integer, String> NAMES = new TreeMap<>(Map.ofEntries(
            Map.entry(1, "forwarding"), Map.entry(2, "mc_forwarding"), Map.entry(3, "proxy_arp"),
            Map.entry(4, "accept_redirects"), Map.entry(5, "secure_redirects"), Map.entry(6, "send_redirects"),
            Map.entry(7, "shared_media"), Map.entry(8, "rp_filter"), Map.entry(9, "accept_source_route"),
            Map.entry(10, "bootp_relay"), Map.entry(11, "log_martians"), Map.entry(12, "tag"),
            Map.entry(13, "arp_filter"), Map.entry(14, "medium_id"), Map.entry(15, "disable_xfrm"),
            Map.entry(16, "disable_policy"), Map.entry(17, "force_igmp_version"), Map.entry(18, "arp_announce"),
            Map.entry(19, "arp_ignore"), Map.entry(20, "promote_secondaries"), Map.entry(21, "arp_accept"),
            Map.entry(22, "arp_notify"), Map.entry(23, "accept_local"), Map.entry(24, "src_valid_mark"),
            Map.entry(25, "proxy_arp_pvlan"), Map.entry(26, "route_localnet"),
            Map.entry(27, "igmpv2_unsolicited_report_interval"), Map.entry(28, "igmpv3_unsolicited_report_interval"),
            Map.entry(29, "ignore_routes_with_linkdown"), Map.entry(30, "drop_unicast_in_l2_multicast"),
            Map.entry(31, "drop_gratuitous_arp"), Map.entry(32, "bc_forwarding"), Map.entry(33, "arp_evict_nocarrier")));

    /**
     * What a write through /proc/sys does beyond storing the value, in devinet.c (devinet_sysctl_forward,
     * devinet_conf_proc, ipv4_doint_and_flush); an RTM_NEWLINK with IFLA_INET_CONF only stores the value.
     */
    private static final Map<Integer, String> SYSCTL_SIDE_EFFECTS = Map.ofEntries(
            Map.entry(1, "disables LRO on the device, flushes the route cache and sends RTM_NEWNETCONF"),
            Map.entry(2, "read-only: the multicast routing daemon's socket sets it"),
            Map.entry(3, "sends RTM_NEWNETCONF (NETCONFA_PROXY_NEIGH)"),
            Map.entry(8, "sends RTM_NEWNETCONF (NETCONFA_RP_FILTER)"),
            Map.entry(15, "flushes the route cache"),
            Map.entry(16, "flushes the route cache"),
            Map.entry(20, "flushes the route cache"),
            Map.entry(23, "flushes the route cache when turned off"),
            Map.entry(26, "flushes the route cache"),
            Map.entry(29, "sends RTM_NEWNETCONF (NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN)"),
            Map.entry(30, "flushes the route cache"),
            Map.entry(32, "flushes the route cache"));

    public Ipv4DevConf {
        if (index <= 0 || index > 0xFFFF) {
            throw new IllegalArgumentException("invalid IPV4_DEVCONF index " + index + ": must be 1 to 65535");
        }
    }

    /** The setting with this index, named or not. */
    public static Ipv4DevConf of(int index) {
        return new Ipv4DevConf(index);
    }

    /** The setting whose sysctl file is {@code name} ({@code arp_notify}, ...), if this table knows it. */
    public static Optional<Ipv4DevConf> byName(String name) {
        Objects.requireNonNull(name, "name");
        return NAMES.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst()
                .map(e -> new Ipv4DevConf(e.getKey()));
    }

    /** Every setting this table names, by index. */
    public static List<Ipv4DevConf> known() {
        return NAMES.keySet().stream().map(Ipv4DevConf::new).toList();
    }

    /** Whether this table has a name for the index. */
    public boolean isKnown() {
        return NAMES.containsKey(index);
    }

    /** The sysctl file name ({@code forwarding}, {@code arp_notify}, ...), or {@code ipv4_devconf_N}. */
    public String name() {
        return NAMES.getOrDefault(index, "ipv4_devconf_" + index);
    }

    /**
     * mc_forwarding: /proc/sys has it read-only (the multicast routing socket maintains it); older kernels
     * accept it through rtnetlink, newer ones refuse it there too. jnetlink refuses to set it either way.
     */
    public boolean isReadOnly() {
        return index == MC_FORWARDING.index;
    }

    /**
     * What writing the setting through /proc/sys does that setting it through rtnetlink does not, if anything.
     * {@link Sysctl} sends such settings through /proc/sys so that they behave exactly as {@code sysctl -w}.
     */
    public Optional<String> sysctlSideEffects() {
        return Optional.ofNullable(SYSCTL_SIDE_EFFECTS.get(index));
    }

    @Override
    public String toString() {
        return name();
    }
}
