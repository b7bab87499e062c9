package io.jnetlink.route.link.kind;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A bridge ({@code ip link add NAME type bridge ...}): the IFLA_BR_* settings of linux/if_link.h that are
 * modelled. Every setting is optional: at creation an empty one leaves the kernel default, in a change it
 * leaves the current value. Decoded from the kernel, every setting the kernel reports is present.
 *
 * <p>Timers are {@link Duration}s. The kernel takes them in clock_t, 1/100 s (so {@code forward_delay 1500}
 * in ip is 15 s), and stores them in jiffies: on a kernel whose tick is not a multiple of 100 Hz (HZ=250,
 * say) an odd number of centiseconds reads back one centisecond lower.
 *
 * @param forwardDelay       IFLA_BR_FORWARD_DELAY ({@code forward_delay}); with STP on, 2 to 30 s
 * @param helloTime          IFLA_BR_HELLO_TIME ({@code hello_time}); the kernel accepts 1 to 10 s
 * @param maxAge             IFLA_BR_MAX_AGE ({@code max_age}); the kernel accepts 6 to 40 s
 * @param ageingTime         IFLA_BR_AGEING_TIME ({@code ageing_time}), how long learned FDB entries live
 * @param stpState           IFLA_BR_STP_STATE ({@code stp_state})
 * @param priority           IFLA_BR_PRIORITY ({@code priority}), the bridge priority, 0 to 65535
 * @param vlanFiltering      IFLA_BR_VLAN_FILTERING ({@code vlan_filtering}); kernels built without
 *                           CONFIG_BRIDGE_VLAN_FILTERING refuse it with EOPNOTSUPP
 * @param vlanProtocol       IFLA_BR_VLAN_PROTOCOL ({@code vlan_protocol}), 802.1Q or 802.1ad
 * @param groupForwardMask   IFLA_BR_GROUP_FWD_MASK ({@code group_fwd_mask}): bit N forwards link-local
 *                           group 01:80:c2:00:00:0N; the kernel refuses bits 0, 1 and 2
 * @param multicastSnooping  IFLA_BR_MCAST_SNOOPING ({@code mcast_snooping})
 * @param nfCallIptables     IFLA_BR_NF_CALL_IPTABLES ({@code nf_call_iptables})
 * @param nfCallIp6tables    IFLA_BR_NF_CALL_IP6TABLES ({@code nf_call_ip6tables})
 * @param nfCallArptables    IFLA_BR_NF_CALL_ARPTABLES ({@code nf_call_arptables})
 * @param defaultPvid        IFLA_BR_VLAN_DEFAULT_PVID ({@code vlan_default_pvid}), 0 (none) to 4094
 */
public record Bridge(Optional<Duration> forwardDelay, Optional<Duration> helloTime, Optional<Duration> maxAge,
                     Optional<Duration> ageingTime, Optional<StpState> stpState, OptionalInt priority,
                     Optional<Boolean> vlanFiltering, Optional<VlanProtocol> vlanProtocol,
                     OptionalInt groupForwardMask, Optional<Boolean> multicastSnooping,
                     Optional<Boolean> nfCallIptables, Optional<Boolean> nfCallIp6tables,
                     Optional<Boolean> nfCallArptables, OptionalInt defaultPvid) implements LinkKind {

    /** IFLA_INFO_KIND of a bridge (net/bridge/br_netlink.c). */
    public static final String KIND = "bridge";

    // linux/if_link.h: enum IFLA_BR_* (the modelled subset; the kernel sends many more, kept raw in Link.kindData)
    static final int IFLA_BR_FORWARD_DELAY = 1;
    static final int IFLA_BR_HELLO_TIME = 2;
    static final int IFLA_BR_MAX_AGE = 3;
    static final int IFLA_BR_AGEING_TIME = 4;
    static final int IFLA_BR_STP_STATE = 5;
    static final int IFLA_BR_PRIORITY = 6;
    static final int IFLA_BR_VLAN_FILTERING = 7;
    static final int IFLA_BR_VLAN_PROTOCOL = 8;
    static final int IFLA_BR_GROUP_FWD_MASK = 9;
    static final int IFLA_BR_MCAST_SNOOPING = 23;
    static final int IFLA_BR_NF_CALL_IPTABLES = 36;
    static final int IFLA_BR_NF_CALL_IP6TABLES = 37;
    static final int IFLA_BR_NF_CALL_ARPTABLES = 38;
    static final int IFLA_BR_VLAN_DEFAULT_PVID = 39;

    private static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "IFLA_BR_");

    private static final int U16_MAX = 0xFFFF;
    /** VLAN_VID_MASK - 1 (linux/if_vlan.h): the highest usable VLAN id. */
    private static final int VLAN_VID_MAX = 4094;

    /**
     * @throws IllegalArgumentException naming the field and value: a negative timer or one that is not a whole
     *                                  number of centiseconds (or exceeds a u32 of them), a priority or group
     *                                  forward mask beyond 16 bits, a default PVID beyond 4094
     */
    public Bridge {
        Checks.centiseconds("forwardDelay", forwardDelay);
        Checks.centiseconds("helloTime", helloTime);
        Checks.centiseconds("maxAge", maxAge);
        Checks.centiseconds("ageingTime", ageingTime);
        Objects.requireNonNull(stpState, "stpState");
        Checks.range("priority", priority, 0, U16_MAX);
        Objects.requireNonNull(vlanFiltering, "vlanFiltering");
        Objects.requireNonNull(vlanProtocol, "vlanProtocol");
        Checks.range("groupForwardMask", groupForwardMask, 0, U16_MAX);
        Objects.requireNonNull(multicastSnooping, "multicastSnooping");
        Objects.requireNonNull(nfCallIptables, "nfCallIptables");
        Objects.requireNonNull(nfCallIp6tables, "nfCallIp6tables");
        Objects.requireNonNull(nfCallArptables, "nfCallArptables");
        Checks.range("defaultPvid", defaultPvid, 0, VLAN_VID_MAX);
    }

    /** A bridge with every setting left to the kernel: {@code type bridge}. */
    public static Bridge of() {
        return new Bridge(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    @Override
    public String kind() {
        return KIND;
    }

    public Bridge withForwardDelay(Duration d) {
        return new Bridge(Optional.of(d), helloTime, maxAge, ageingTime, stpState, priority, vlanFiltering,
                vlanProtocol, groupForwardMask, multicastSnooping, nfCallIptables, nfCallIp6tables, nfCallArptables,
                defaultPvid);
    }

    public Bridge withHelloTime(Duration d) {
        return new Bridge(forwardDelay, Optional.of(d), maxAge, ageingTime, stpState, priority, vlanFiltering,
                vlanProtocol, groupForwardMask, multicastSnooping, nfCallIptables, nfCallIp6tables, nfCallArptables,
                defaultPvid);
    }

    public Bridge withMaxAge(Duration d) {
        return new Bridge(forwardDelay, helloTime, Optional.of(d), ageingTime, stpState, priority, vlanFiltering,
                vlanProtocol, groupForwardMask, multicastSnooping, nfCallIptables, nfCallIp6tables, nfCallArptables,
                defaultPvid);
    }

    public Bridge withAgeingTime(Duration d) {
        return new Bridge(forwardDelay, helloTime, maxAge, Optional.of(d), stpState, priority, vlanFiltering,
                vlanProtocol, groupForwardMask, multicastSnooping, nfCallIptables, nfCallIp6tables, nfCallArptables,
                defaultPvid);
    }

    public Bridge withStpState(StpState s) {
        return new Bridge(forwardDelay, helloTime, maxAge, ageingTime, Optional.of(s), priority, vlanFiltering,
                vlanProtocol, groupForwardMask, multicastSnooping, nfCallIptables, nfCallIp6tables, nfCallArptables,
                defaultPvid);
    }

    public Bridge withPriority(int p) {
        return new Bridge(forwardDelay, helloTime, maxAge, ageingTime, stpState, OptionalInt.of(p), vlanFiltering,
                vlanProtocol, groupForwardMask, multicastSnooping, nfCallIptables, nfCallIp6tables, nfCallArptables,
                defaultPvid);
    }

    public Bridge withVlanFiltering(boolean on) {
        return new Bridge(forwardDelay, helloTime, maxAge, ageingTime, stpState, priority, Optional.of(on),
                vlanProtocol, groupForwardMask, multicastSnooping, nfCallIptables, nfCallIp6tables, nfCallArptables,
                defaultPvid);
    }

    public Bridge withVlanProtocol(VlanProtocol p) {
        return new Bridge(forwardDelay, helloTime, maxAge, ageingTime, stpState, priority, vlanFiltering,
                Optional.of(p), groupForwardMask, multicastSnooping, nfCallIptables, nfCallIp6tables, nfCallArptables,
                defaultPvid);
    }

    public Bridge withGroupForwardMask(int mask) {
        return new Bridge(forwardDelay, helloTime, maxAge, ageingTime, stpState, priority, vlanFiltering,
                vlanProtocol, OptionalInt.of(mask), multicastSnooping, nfCallIptables, nfCallIp6tables,
                nfCallArptables, defaultPvid);
    }

    public Bridge withMulticastSnooping(boolean on) {
        return new Bridge(forwardDelay, helloTime, maxAge, ageingTime, stpState, priority, vlanFiltering,
                vlanProtocol, groupForwardMask, Optional.of(on), nfCallIptables, nfCallIp6tables, nfCallArptables,
                defaultPvid);
    }

    public Bridge withNfCallIptables(boolean on) {
        return new Bridge(forwardDelay, helloTime, maxAge, ageingTime, stpState, priority, vlanFiltering,
                vlanProtocol, groupForwardMask, multicastSnooping, Optional.of(on), nfCallIp6tables, nfCallArptables,
                defaultPvid);
    }

    public Bridge withNfCallIp6tables(boolean on) {
        return new Bridge(forwardDelay, helloTime, maxAge, ageingTime, stpState, priority, vlanFiltering,
                vlanProtocol, groupForwardMask, multicastSnooping, nfCallIptables, Optional.of(on), nfCallArptables,
                defaultPvid);
    }

    public Bridge withNfCallArptables(boolean on) {
        return new Bridge(forwardDelay, helloTime, maxAge, ageingTime, stpState, priority, vlanFiltering,
                vlanProtocol, groupForwardMask, multicastSnooping, nfCallIptables, nfCallIp6tables, Optional.of(on),
                defaultPvid);
    }

    public Bridge withDefaultPvid(int pvid) {
        return new Bridge(forwardDelay, helloTime, maxAge, ageingTime, stpState, priority, vlanFiltering,
                vlanProtocol, groupForwardMask, multicastSnooping, nfCallIptables, nfCallIp6tables, nfCallArptables,
                OptionalInt.of(pvid));
    }

    private boolean isEmpty() {
        return this.equals(of());
    }

    /** Writes the settings present in IFLA_BR_* order, as ip does when given them in that order. */
    @Override
    public void writeData(MessageWriter w) {
        if (isEmpty()) {
            return;
        }
        LinkKinds.writeData(w, d -> {
            forwardDelay.ifPresent(t -> d.u32(IFLA_BR_FORWARD_DELAY, Checks.toCentiseconds("forwardDelay", t)));
            helloTime.ifPresent(t -> d.u32(IFLA_BR_HELLO_TIME, Checks.toCentiseconds("helloTime", t)));
            maxAge.ifPresent(t -> d.u32(IFLA_BR_MAX_AGE, Checks.toCentiseconds("maxAge", t)));
            ageingTime.ifPresent(t -> d.u32(IFLA_BR_AGEING_TIME, Checks.toCentiseconds("ageingTime", t)));
            stpState.ifPresent(s -> d.u32(IFLA_BR_STP_STATE, s.value()));
            priority.ifPresent(p -> d.u16(IFLA_BR_PRIORITY, p));
            vlanFiltering.ifPresent(on -> d.u8(IFLA_BR_VLAN_FILTERING, on ? 1 : 0));
            vlanProtocol.ifPresent(p -> d.u16be(IFLA_BR_VLAN_PROTOCOL, p.value()));
            groupForwardMask.ifPresent(m -> d.u16(IFLA_BR_GROUP_FWD_MASK, m));
            multicastSnooping.ifPresent(on -> d.u8(IFLA_BR_MCAST_SNOOPING, on ? 1 : 0));
            nfCallIptables.ifPresent(on -> d.u8(IFLA_BR_NF_CALL_IPTABLES, on ? 1 : 0));
            nfCallIp6tables.ifPresent(on -> d.u8(IFLA_BR_NF_CALL_IP6TABLES, on ? 1 : 0));
            nfCallArptables.ifPresent(on -> d.u8(IFLA_BR_NF_CALL_ARPTABLES, on ? 1 : 0));
            defaultPvid.ifPresent(p -> d.u16(IFLA_BR_VLAN_DEFAULT_PVID, p));
        });
    }

    /** Decodes the payload of a bridge's IFLA_INFO_DATA; attributes not modelled are skipped. */
    static Bridge decode(byte[] data) {
        Optional<Duration> forwardDelay = Optional.empty();
        Optional<Duration> helloTime = Optional.empty();
        Optional<Duration> maxAge = Optional.empty();
        Optional<Duration> ageingTime = Optional.empty();
        Optional<StpState> stpState = Optional.empty();
        OptionalInt priority = OptionalInt.empty();
        Optional<Boolean> vlanFiltering = Optional.empty();
        Optional<VlanProtocol> vlanProtocol = Optional.empty();
        OptionalInt groupForwardMask = OptionalInt.empty();
        Optional<Boolean> multicastSnooping = Optional.empty();
        Optional<Boolean> nfCallIptables = Optional.empty();
        Optional<Boolean> nfCallIp6tables = Optional.empty();
        Optional<Boolean> nfCallArptables = Optional.empty();
        OptionalInt defaultPvid = OptionalInt.empty();
        AttributeReader a = AttributeReader.of(data, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case IFLA_BR_FORWARD_DELAY -> forwardDelay = Optional.of(Checks.fromCentiseconds(a.u32()));
                case IFLA_BR_HELLO_TIME -> helloTime = Optional.of(Checks.fromCentiseconds(a.u32()));
                case IFLA_BR_MAX_AGE -> maxAge = Optional.of(Checks.fromCentiseconds(a.u32()));
                case IFLA_BR_AGEING_TIME -> ageingTime = Optional.of(Checks.fromCentiseconds(a.u32()));
                case IFLA_BR_STP_STATE -> stpState = Optional.of(StpState.of(a.u32()));
                case IFLA_BR_PRIORITY -> priority = OptionalInt.of(a.u16());
                case IFLA_BR_VLAN_FILTERING -> vlanFiltering = Optional.of(a.u8() != 0);
                case IFLA_BR_VLAN_PROTOCOL -> vlanProtocol = Optional.of(VlanProtocol.of(a.u16be()));
                case IFLA_BR_GROUP_FWD_MASK -> groupForwardMask = OptionalInt.of(a.u16());
                case IFLA_BR_MCAST_SNOOPING -> multicastSnooping = Optional.of(a.u8() != 0);
                case IFLA_BR_NF_CALL_IPTABLES -> nfCallIptables = Optional.of(a.u8() != 0);
                case IFLA_BR_NF_CALL_IP6TABLES -> nfCallIp6tables = Optional.of(a.u8() != 0);
                case IFLA_BR_NF_CALL_ARPTABLES -> nfCallArptables = Optional.of(a.u8() != 0);
                case IFLA_BR_VLAN_DEFAULT_PVID -> defaultPvid = OptionalInt.of(a.u16());
                default -> {
                }
            }
        }
        try {
            return new Bridge(forwardDelay, helloTime, maxAge, ageingTime, stpState, priority, vlanFiltering,
                    vlanProtocol, groupForwardMask, multicastSnooping, nfCallIptables, nfCallIp6tables, nfCallArptables,
                    defaultPvid);
        } catch (IllegalArgumentException e) {
            throw Checks.undecodable(KIND, e);
        }
    }
}
