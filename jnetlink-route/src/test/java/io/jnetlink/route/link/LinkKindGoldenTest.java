package io.jnetlink.route.link;

import io.jnetlink.core.Request;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.link.kind.Bridge;
import io.jnetlink.route.link.kind.Dummy;
import io.jnetlink.route.link.kind.GenericKind;
import io.jnetlink.route.link.kind.Macvlan;
import io.jnetlink.route.link.kind.MacvlanMode;
import io.jnetlink.route.link.kind.StpState;
import io.jnetlink.route.link.kind.Veth;
import io.jnetlink.route.link.kind.Vlan;
import io.jnetlink.route.link.kind.VlanProtocol;
import io.jnetlink.route.link.kind.Vxlan;
import io.jnetlink.route.link.kind.Wireguard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.jnetlink.route.link.Golden.assertBytes;
import static io.jnetlink.route.link.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Create and change requests of every kind, compared byte for byte with what iproute2 6.1 sends for the same
 * command (strace -e trace=sendmsg -xx ip -n NS ...; sequence numbers are ip's, port 0). ip sends the request
 * even when the kernel lacks the driver, so dummy, vlan and wireguard are compared with ip too; the comments
 * spell out the uapi layout (linux/if_link.h). Indexes are those of the recording namespace. No root.
 */
class LinkKindGoldenTest {

    private static void check(String ipCommand, int seq, String expectedHex, Request actual) {
        assertBytes(ipCommand, hex(expectedHex), actual.encode(seq, 0));
    }

    /** Index lookups as ip resolved them in the recording namespace. */
    private static final Map<String, Integer> INDEXES = Map.of("v0", 3, "p0", 3, "gbr", 4, "br2", 11);

    private static Request add(LinkSpec spec) {
        return LinkCodec.add(spec, INDEXES::get);
    }

    @Test
    void bridgeWithEveryModelledAttributeMatchesIp() {
        Bridge bridge = Bridge.of().withForwardDelay(Duration.ofSeconds(10)).withHelloTime(Duration.ofSeconds(3))
                .withMaxAge(Duration.ofSeconds(15)).withAgeingTime(Duration.ofSeconds(200))
                .withStpState(StpState.KERNEL).withPriority(4096).withVlanFiltering(true)
                .withVlanProtocol(VlanProtocol.IEEE_802_1AD).withGroupForwardMask(8).withMulticastSnooping(false)
                .withNfCallIptables(true).withNfCallIp6tables(true).withNfCallArptables(true).withDefaultPvid(10);
        check("ip link add br1 type bridge forward_delay 1000 hello_time 300 max_age 1500 ageing_time 20000"
                + " stp_state 1 priority 4096 vlan_filtering 1 vlan_protocol 802.1ad group_fwd_mask 8"
                + " mcast_snooping 0 nf_call_iptables 1 nf_call_ip6tables 1 nf_call_arptables 1"
                + " vlan_default_pvid 10", 1795377886, """
                ac000000 10000506 de4a036b 00000000  # RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE
                00000000 00000000 00000000 00000000  # ifinfomsg
                08000300 62723100                    # IFLA_IFNAME "br1"
                84001200                             # IFLA_LINKINFO (no NLA_F_NESTED, as ip)
                  0a000100 62726964 67650000         #   IFLA_INFO_KIND "bridge" (no NUL)
                  74000200                           #   IFLA_INFO_DATA
                    08000100 e8030000                #     IFLA_BR_FORWARD_DELAY 1000 cs
                    08000200 2c010000                #     IFLA_BR_HELLO_TIME 300 cs
                    08000300 dc050000                #     IFLA_BR_MAX_AGE 1500 cs
                    08000400 204e0000                #     IFLA_BR_AGEING_TIME 20000 cs
                    08000500 01000000                #     IFLA_BR_STP_STATE u32 1
                    06000600 00100000                #     IFLA_BR_PRIORITY u16 4096
                    05000700 01000000                #     IFLA_BR_VLAN_FILTERING u8 1
                    06000800 88a80000                #     IFLA_BR_VLAN_PROTOCOL be16 0x88a8
                    06000900 08000000                #     IFLA_BR_GROUP_FWD_MASK u16 8
                    05001700 00000000                #     IFLA_BR_MCAST_SNOOPING u8 0
                    05002400 01000000                #     IFLA_BR_NF_CALL_IPTABLES u8 1
                    05002500 01000000                #     IFLA_BR_NF_CALL_IP6TABLES u8 1
                    05002600 01000000                #     IFLA_BR_NF_CALL_ARPTABLES u8 1
                    06002700 0a000000                #     IFLA_BR_VLAN_DEFAULT_PVID u16 10
                """, add(LinkSpec.of("br1", bridge)));
    }

    @Test
    void bridgeWithoutOptionsSendsNoInfoDataAsIp() {
        check("ip link add br4 type bridge", 1795377864, """
                38000000 10000506 c84a036b 00000000
                00000000 00000000 00000000 00000000
                08000300 62723400                    # IFLA_IFNAME "br4"
                10001200 0a000100 62726964 67650000  # IFLA_LINKINFO { IFLA_INFO_KIND "bridge" }
                """, add(LinkSpec.of("br4", Bridge.of())));
    }

    @Test
    void bridgeChangeMatchesIp() {
        check("ip link set dev br2 type bridge stp_state 0 priority 100", 1795377890, """
                44000000 10000500 e24a036b 00000000  # RTM_NEWLINK, REQUEST|ACK: a change
                00000000 0b000000 00000000 00000000  # ifindex 11
                24001200 0a000100 62726964 67650000  # IFLA_LINKINFO { IFLA_INFO_KIND "bridge"
                  14000200                           #   IFLA_INFO_DATA
                    08000500 00000000                #     IFLA_BR_STP_STATE 0
                    06000600 64000000                #     IFLA_BR_PRIORITY 100
                """, LinkCodec.modify(11, Bridge.of().withStpState(StpState.DISABLED).withPriority(100)));
    }

    @Test
    void vxlanIpv4WithEveryOptionMatchesIp() {
        Vxlan vx = Vxlan.of(42).withDevice(3).withTtl(64).withTos(0x10).withSourcePortRange(5000, 6000)
                .withProxy(true).withL2miss(true).withL3miss(true).withUdpChecksum(false)
                .withUdp6ZeroChecksumTx(true).withUdp6ZeroChecksumRx(true)
                .withLocal(InetAddresses.parse("192.0.2.1")).withRemote(InetAddresses.parse("198.51.100.7"))
                .withLearning(false).withPort(4789);
        check("ip link add vx1 type vxlan dev p0 ttl 64 tos 0x10 srcport 5000 6000 proxy l2miss l3miss noudpcsum"
                + " udp6zerocsumtx udp6zerocsumrx id 42 local 192.0.2.1 remote 198.51.100.7 nolearning dstport 4789",
                1795378017, """
                b4000000 10000506 614b036b 00000000
                00000000 00000000 00000000 00000000
                08000300 76783100                    # IFLA_IFNAME "vx1"
                8c001200 09000100 76786c61 6e000000  # IFLA_LINKINFO { IFLA_INFO_KIND "vxlan"
                  7c000200                           #   IFLA_INFO_DATA
                    08000300 03000000                #     IFLA_VXLAN_LINK 3 (dev p0)
                    05000500 40000000                #     IFLA_VXLAN_TTL 64
                    05000600 10000000                #     IFLA_VXLAN_TOS 0x10
                    08000a00 13881770                #     IFLA_VXLAN_PORT_RANGE be16 5000, be16 6000
                    05000b00 01000000                #     IFLA_VXLAN_PROXY 1
                    05000d00 01000000                #     IFLA_VXLAN_L2MISS 1
                    05000e00 01000000                #     IFLA_VXLAN_L3MISS 1
                    05001200 00000000                #     IFLA_VXLAN_UDP_CSUM 0
                    05001300 01000000                #     IFLA_VXLAN_UDP_ZERO_CSUM6_TX 1
                    05001400 01000000                #     IFLA_VXLAN_UDP_ZERO_CSUM6_RX 1
                    08000100 2a000000                #     IFLA_VXLAN_ID 42
                    08000400 c0000201                #     IFLA_VXLAN_LOCAL 192.0.2.1
                    08000200 c6336407                #     IFLA_VXLAN_GROUP 198.51.100.7 (the remote)
                    05000700 00000000                #     IFLA_VXLAN_LEARNING 0
                    06000f00 12b50000                #     IFLA_VXLAN_PORT be16 4789
                """, add(LinkSpec.of("vx1", vx)));
    }

    @Test
    void vxlanMulticastGroupOnADeviceMatchesIp() {
        Vxlan vx = Vxlan.of(43).withDevice(3).withTtl(10).withLocal(InetAddresses.parse("192.0.2.1"))
                .withGroup(InetAddresses.parse("239.1.1.1")).withLearning(true).withPort(4789);
        check("ip link add vx5 type vxlan dev v0 ttl 10 id 43 local 192.0.2.1 group 239.1.1.1 dstport 4789",
                1795377905, """
                74000000 10000506 f14a036b 00000000
                00000000 00000000 00000000 00000000
                08000300 76783500
                4c001200 09000100 76786c61 6e000000
                  3c000200
                    08000300 03000000                #     IFLA_VXLAN_LINK 3
                    05000500 0a000000                #     IFLA_VXLAN_TTL 10
                    08000100 2b000000                #     IFLA_VXLAN_ID 43
                    08000400 c0000201                #     IFLA_VXLAN_LOCAL 192.0.2.1
                    08000200 ef010101                #     IFLA_VXLAN_GROUP 239.1.1.1
                    05000700 01000000                #     IFLA_VXLAN_LEARNING 1 (ip always sends it)
                    06000f00 12b50000                #     IFLA_VXLAN_PORT 4789
                """, add(LinkSpec.of("vx5", vx)));
    }

    @Test
    void vxlanIpv6MatchesIp() {
        Vxlan vx = Vxlan.of(44).withUdpChecksum(true).withLocal(InetAddresses.parse("2001:db8::1"))
                .withRemote(InetAddresses.parse("2001:db8::2")).withLearning(true).withPort(4789);
        check("ip link add vx7 type vxlan udpcsum id 44 local 2001:db8::1 remote 2001:db8::2 dstport 4789",
                1795377906, """
                84000000 10000506 f24a036b 00000000
                00000000 00000000 00000000 00000000
                08000300 76783700
                5c001200 09000100 76786c61 6e000000
                  4c000200
                    05001200 01000000                #     IFLA_VXLAN_UDP_CSUM 1
                    08000100 2c000000                #     IFLA_VXLAN_ID 44
                    14001100 20010db8 00000000 00000000 00000001  # IFLA_VXLAN_LOCAL6
                    14001000 20010db8 00000000 00000000 00000002  # IFLA_VXLAN_GROUP6 (the remote)
                    05000700 01000000                #     IFLA_VXLAN_LEARNING 1
                    06000f00 12b50000                #     IFLA_VXLAN_PORT 4789
                """, add(LinkSpec.of("vx7", vx)));
    }

    @Test
    void vxlanExternalWithVniFilterMatchesIp() {
        Vxlan vx = Vxlan.of().withExternal(true).withVniFilter(true).withLearning(false).withPort(4790);
        check("ip link add vx6 type vxlan external vnifilter dstport 4790", 1795377905, """
                5c000000 10000506 f14a036b 00000000
                00000000 00000000 00000000 00000000
                08000300 76783600
                34001200 09000100 76786c61 6e000000
                  24000200
                    05001900 01000000                #     IFLA_VXLAN_COLLECT_METADATA 1
                    05001e00 01000000                #     IFLA_VXLAN_VNIFILTER 1
                    05000700 00000000                #     IFLA_VXLAN_LEARNING 0 (ip: external implies it)
                    06000f00 12b60000                #     IFLA_VXLAN_PORT 4790
                """, add(LinkSpec.of("vx6", vx)));
    }

    @Test
    void macvlanWithAddressMtuMasterAndParentMatchesIp() {
        LinkSpec spec = LinkSpec.of("mv0", Macvlan.of(MacvlanMode.BRIDGE)).withParent("p0").withMaster("gbr")
                .withMtu(1400).withAddress(MacAddress.parse("02:00:00:00:00:aa"));
        check("ip link add mv0 address 02:00:00:00:00:aa mtu 1400 master gbr link p0 type macvlan mode bridge",
                1795378017, """
                68000000 10000506 614b036b 00000000
                00000000 00000000 00000000 00000000
                0a000100 02000000 00aa0000           # IFLA_ADDRESS
                08000400 78050000                    # IFLA_MTU 1400
                08000a00 04000000                    # IFLA_MASTER 4 (gbr)
                08000500 03000000                    # IFLA_LINK 3 (p0)
                08000300 6d763000                    # IFLA_IFNAME "mv0"
                1c001200 0b000100 6d616376 6c616e00  # IFLA_LINKINFO { IFLA_INFO_KIND "macvlan"
                  0c000200 08000100 04000000         #   IFLA_INFO_DATA { IFLA_MACVLAN_MODE u32 4 (bridge) } }
                """, add(spec));
    }

    @Test
    void macvlanSourceModeMatchesIp() {
        LinkSpec spec = LinkSpec.of("mv0", Macvlan.of(MacvlanMode.SOURCE)).withParent("v0").withMtu(1400)
                .withAddress(MacAddress.parse("02:00:00:00:00:aa"));
        check("ip link add mv0 link v0 address 02:00:00:00:00:aa mtu 1400 type macvlan mode source", 1795377913, """
                60000000 10000506 f94a036b 00000000
                00000000 00000000 00000000 00000000
                0a000100 02000000 00aa0000 08000400
                78050000 08000500 03000000 08000300
                6d763000 1c001200 0b000100 6d616376
                6c616e00 0c000200 08000100 10000000  # IFLA_MACVLAN_MODE 16 (source)
                """, add(spec));
    }

    @Test
    void vlanMatchesIpAndTheUapiLayout() {
        check("ip link add vl0 link v0 type vlan id 100 protocol 802.1ad", 1795377914, """
                50000000 10000506 fa4a036b 00000000
                00000000 00000000 00000000 00000000
                08000500 03000000                    # IFLA_LINK 3: the parent
                08000300 766c3000                    # IFLA_IFNAME "vl0"
                20001200 08000100 766c616e           # IFLA_LINKINFO { IFLA_INFO_KIND "vlan"
                  14000200                           #   IFLA_INFO_DATA
                    06000100 64000000                #     IFLA_VLAN_ID u16 100
                    06000500 88a80000                #     IFLA_VLAN_PROTOCOL be16 0x88a8
                """, add(LinkSpec.of("vl0", Vlan.of(100, VlanProtocol.IEEE_802_1AD)).withParent("v0")));
    }

    @Test
    void dummyMatchesIpAndTheUapiLayout() {
        check("ip link add d0 type dummy", 1795377914, """
                38000000 10000506 fa4a036b 00000000
                00000000 00000000 00000000 00000000
                07000300 64300000                    # IFLA_IFNAME "d0"
                10001200 09000100 64756d6d 79000000  # IFLA_LINKINFO { IFLA_INFO_KIND "dummy" }: no data
                """, add(LinkSpec.of("d0", new Dummy())));
    }

    @Test
    void wireguardMatchesIpAndTheUapiLayout() {
        check("ip link add wg0 type wireguard", 1795377914, """
                3c000000 10000506 fa4a036b 00000000
                00000000 00000000 00000000 00000000
                08000300 77673000                    # IFLA_IFNAME "wg0"
                14001200 0d000100 77697265 67756172 64000000  # IFLA_LINKINFO { IFLA_INFO_KIND "wireguard" }
                """, add(LinkSpec.of("wg0", new Wireguard())));
    }

    @Test
    void vethThroughLinkSpecIsTheSameRequestAsAddVeth() {
        MacAddress mac = MacAddress.parse("02:00:00:00:00:01");
        MacAddress peerMac = MacAddress.parse("02:00:00:00:00:02");
        Veth veth = Veth.peer(Veth.Peer.named("h1").withAddress(peerMac).withMtu(1400));
        assertArrayEquals(
                LinkCodec.addVeth(VethSpec.of("h0", "h1").withMtu(1400).withAddress(mac).withPeerAddress(peerMac))
                        .encode(7, 0),
                add(LinkSpec.of("h0", veth).withMtu(1400).withAddress(mac)).encode(7, 0));
        assertArrayEquals(LinkCodec.addVeth(VethSpec.of("g0", "g1")).encode(7, 0),
                LinkCodec.add(LinkSpec.of("g0", Veth.peer("g1"))).encode(7, 0));
    }

    @Test
    void masterAndNomasterMatchIp() {
        check("ip link set v0 master br2", 1795377890, """
                28000000 10000500 e24a036b 00000000
                00000000 03000000 00000000 00000000  # ifindex 3
                08000a00 0b000000                    # IFLA_MASTER 11
                """, LinkCodec.setMaster(3, 11));
        check("ip link set v0 nomaster", 1795377890, """
                28000000 10000500 e24a036b 00000000
                00000000 03000000 00000000 00000000
                08000a00 00000000                    # IFLA_MASTER 0
                """, LinkCodec.setNoMaster(3));
        assertBytes("set link v0 master br2 (by name)", hex("""
                30000000 10000500 01000000 00000000
                00000000 00000000 00000000 00000000  # ifindex 0: the kernel looks the name up
                07000300 76300000                    # IFLA_IFNAME "v0"
                08000a00 0b000000                    # IFLA_MASTER 11
                """), LinkCodec.setMaster("v0", 11).encode(1, 0));
    }

    @Test
    void genericKindReencodesItsDataByteForByte() {
        // as the kernel sends it: IFLA_INFO_DATA with NLA_F_NESTED, a child of an unknown kind
        MessageWriter d = new MessageWriter();
        d.nested(2, x -> x.u32(7, 0xdeadbeef).string(9, "x"));
        byte[] data = d.toByteArray();
        RawAttribute raw = new RawAttribute(2 | Nl.NLA_F_NESTED, java.util.Arrays.copyOfRange(data, 4, data.length));
        GenericKind kind = new GenericKind("futurekind", Optional.of(raw));
        check("ip link add f0 type futurekind ...", 1, """
                50000000 10000506 01000000 00000000
                00000000 00000000 00000000 00000000
                07000300 66300000                    # IFLA_IFNAME "f0"
                28001200 0e000100 66757475 72656b69 6e640000  # IFLA_INFO_KIND "futurekind"
                  14000280                           #   IFLA_INFO_DATA with NLA_F_NESTED, as received
                    08000700 efbeadde 06000900 78000000
                """, add(LinkSpec.of("f0", kind)));
        check("ip link add i0 type ifb", 1, """
                34000000 10000506 01000000 00000000
                00000000 00000000 00000000 00000000
                07000300 69300000
                0c001200 07000100 69666200           # IFLA_INFO_KIND "ifb", no data
                """, add(LinkSpec.of("i0", GenericKind.of("ifb"))));
    }

    @Test
    void operationTextNamesTheLinkAndTheKind() {
        assertEquals("add link vx0 type vxlan", add(LinkSpec.of("vx0", Vxlan.of(1))).operation());
        assertEquals("add link mv0 master gbr link p0 type macvlan",
                add(LinkSpec.of("mv0", Macvlan.of()).withParent("p0").withMaster("gbr")).operation());
        assertEquals("set link br0 type bridge", LinkCodec.modify("br0", Bridge.of().withPriority(1)).operation());
        assertEquals("set link p0 master ifindex 4", LinkCodec.setMaster("p0", 4).operation());
        assertEquals("set link p0 nomaster", LinkCodec.setNoMaster("p0").operation());
    }
}
