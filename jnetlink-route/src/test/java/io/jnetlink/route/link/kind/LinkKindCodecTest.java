package io.jnetlink.route.link.kind;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind: decode(encode(x)) == x, kernel-shaped input, strictness and fuzzing of the decoders. No root. */
class LinkKindCodecTest {

    /** What a kind writes into IFLA_LINKINFO, read back as the IFLA_INFO_DATA attribute (empty when none). */
    private static Optional<RawAttribute> encoded(LinkKind k) {
        MessageWriter w = new MessageWriter();
        k.writeData(w);
        AttributeReader a = AttributeReader.of(w.toByteArray(), AttributeNames.NUMBERED);
        if (!a.next()) {
            return Optional.empty();
        }
        RawAttribute raw = a.raw();
        assertFalse(a.next(), "a kind writes one attribute at most");
        assertEquals(LinkKinds.IFLA_INFO_DATA, raw.type());
        return Optional.of(raw);
    }

    private static LinkKind roundTrip(LinkKind k) {
        return LinkKinds.decode(k.kind(), encoded(k));
    }

    static final List<LinkKind> SAMPLES = List.of(
            Bridge.of(),
            Bridge.of().withForwardDelay(Duration.ofMillis(15_000)).withHelloTime(Duration.ofSeconds(2))
                    .withMaxAge(Duration.ofSeconds(20)).withAgeingTime(Duration.ofSeconds(300))
                    .withStpState(StpState.USER).withPriority(65535).withVlanFiltering(true)
                    .withVlanProtocol(VlanProtocol.IEEE_802_1Q).withGroupForwardMask(0xfff8)
                    .withMulticastSnooping(true).withNfCallIptables(false).withNfCallIp6tables(true)
                    .withNfCallArptables(false).withDefaultPvid(4094),
            Bridge.of().withStpState(StpState.of(7)).withAgeingTime(Duration.ofMillis(10L * 0xFFFF_FFFFL)),
            Vxlan.of(0xFFFFFF).withLocal(InetAddresses.parse("10.0.0.1")).withRemote(InetAddresses.parse("10.0.0.2"))
                    .withDevice(5).withPort(65535).withSourcePortRange(1, 65535).withTtl(255).withTos(1)
                    .withLearning(true).withProxy(false).withL2miss(true).withL3miss(false).withUdpChecksum(true)
                    .withUdp6ZeroChecksumTx(false).withUdp6ZeroChecksumRx(true),
            Vxlan.of(0).withLocal(InetAddresses.parse("fd00::1")).withGroup(InetAddresses.parse("ff0e::1")),
            Vxlan.of().withExternal(true).withVniFilter(true),
            Vxlan.of(),
            Macvlan.of(), Macvlan.of(MacvlanMode.PRIVATE), Macvlan.of(MacvlanMode.VEPA), Macvlan.of(MacvlanMode.BRIDGE),
            Macvlan.of(MacvlanMode.PASSTHRU), Macvlan.of(MacvlanMode.SOURCE), Macvlan.of(MacvlanMode.of(64)),
            Vlan.of(0), Vlan.of(4094, VlanProtocol.IEEE_802_1AD), Vlan.of(5, VlanProtocol.of(0x9100)),
            new Dummy(), new Wireguard());

    @Test
    void everyTypedKindSurvivesEncodeThenDecode() {
        for (LinkKind k : SAMPLES) {
            assertEquals(k, roundTrip(k), k.toString());
        }
    }

    @Test
    void kindsWithoutSettingsWriteNoData() {
        for (LinkKind k : List.of(Bridge.of(), Vxlan.of(), Macvlan.of(), new Dummy(), new Wireguard(),
                new Veth(Optional.empty()), GenericKind.of("ifb"))) {
            assertEquals(Optional.empty(), encoded(k), k.toString());
        }
    }

    @Test
    void vethEncodesItsPeerButDecodesWithoutOne() {
        Veth v = Veth.peer(Veth.Peer.named("peer0").withMtu(9000).withAddress(MacAddress.parse("02:00:00:00:00:05")));
        RawAttribute data = encoded(v).orElseThrow();
        AttributeReader d = AttributeReader.of(data.payload(), AttributeNames.NUMBERED);
        assertTrue(d.next());
        assertEquals(Veth.VETH_INFO_PEER, d.type());
        // VETH_INFO_PEER: a 16-byte ifinfomsg, then the peer's attributes
        AttributeReader peer = AttributeReader.of(java.nio.ByteBuffer.wrap(d.bytes()), 16, AttributeNames.NUMBERED);
        assertTrue(peer.next());
        assertEquals(Veth.IFLA_ADDRESS, peer.type());
        assertTrue(peer.next());
        assertEquals(Veth.IFLA_MTU, peer.type());
        assertEquals(9000, peer.u32());
        assertTrue(peer.next());
        assertEquals("peer0", peer.string());
        // the kernel reports no IFLA_INFO_DATA for a veth
        assertEquals(new Veth(Optional.empty()), LinkKinds.decode("veth", Optional.empty()));
    }

    @Test
    void unknownKindsKeepTheirDataAndReencodeItByteForByte() {
        MessageWriter w = new MessageWriter();
        w.nested(LinkKinds.IFLA_INFO_DATA, d -> d.u32(1, 42).string(3, "tap").flag(9));
        byte[] bytes = w.toByteArray();
        RawAttribute raw = rawOf(bytes);
        LinkKind k = LinkKinds.decode("tun", Optional.of(raw));
        GenericKind g = assertInstanceOf(GenericKind.class, k);
        assertEquals("tun", g.kind());
        assertEquals(Optional.of(raw), g.data());
        MessageWriter again = new MessageWriter();
        g.writeData(again);
        assertArrayEquals(bytes, again.toByteArray());
        assertEquals(Nl.NLA_F_NESTED, raw.typeBits() & Nl.NLA_F_NESTED, "type bits are kept as received");
        assertEquals(GenericKind.of("ifb"), LinkKinds.decode("ifb", Optional.empty()));
        assertFalse(LinkKinds.modelled().contains("tun"));
        assertTrue(LinkKinds.modelled().containsAll(List.of("bridge", "vxlan", "macvlan", "vlan", "dummy", "veth",
                "wireguard")));
    }

    private static RawAttribute rawOf(byte[] attribute) {
        AttributeReader a = AttributeReader.of(attribute, AttributeNames.NUMBERED);
        assertTrue(a.next());
        return a.raw();
    }

    /** A bridge's IFLA_INFO_DATA as the kernel sends it: NLA_F_NESTED, every attribute, many not modelled. */
    @Test
    void kernelShapedBridgeDataDecodesTheModelledPartAndSkipsTheRest() {
        MessageWriter w = new MessageWriter();
        w.nested(LinkKinds.IFLA_INFO_DATA, d -> {
            d.u32(Bridge.IFLA_BR_FORWARD_DELAY, 1499);   // odd centiseconds, as HZ=250 rounding produces
            d.u32(Bridge.IFLA_BR_HELLO_TIME, 200);
            d.u32(Bridge.IFLA_BR_MAX_AGE, 2000);
            d.u32(Bridge.IFLA_BR_AGEING_TIME, 30000);
            d.u32(Bridge.IFLA_BR_STP_STATE, 0);
            d.u16(Bridge.IFLA_BR_PRIORITY, 32768);
            d.u8(Bridge.IFLA_BR_VLAN_FILTERING, 0);
            d.bytes(10, new byte[8]);                     // IFLA_BR_ROOT_ID, struct ifla_bridge_id: not modelled
            d.u16(Bridge.IFLA_BR_GROUP_FWD_MASK, 0);
            d.u64(16, 12345);                             // IFLA_BR_HELLO_TIMER: not modelled
            d.u8(Bridge.IFLA_BR_MCAST_SNOOPING, 1);
            d.u8(Bridge.IFLA_BR_NF_CALL_IPTABLES, 0);
            d.u8(Bridge.IFLA_BR_NF_CALL_IP6TABLES, 0);
            d.u8(Bridge.IFLA_BR_NF_CALL_ARPTABLES, 0);
        });
        Bridge b = assertInstanceOf(Bridge.class, LinkKinds.decode("bridge", Optional.of(rawOf(w.toByteArray()))));
        assertEquals(Optional.of(Duration.ofMillis(14_990)), b.forwardDelay());
        assertEquals(Optional.of(Duration.ofSeconds(2)), b.helloTime());
        assertEquals(Optional.of(Duration.ofSeconds(20)), b.maxAge());
        assertEquals(Optional.of(Duration.ofSeconds(300)), b.ageingTime());
        assertEquals(Optional.of(StpState.DISABLED), b.stpState());
        assertEquals(OptionalInt.of(32768), b.priority());
        assertEquals(Optional.of(false), b.vlanFiltering());
        assertEquals(Optional.empty(), b.vlanProtocol(), "absent on kernels without CONFIG_BRIDGE_VLAN_FILTERING");
        assertEquals(OptionalInt.of(0), b.groupForwardMask());
        assertEquals(Optional.of(true), b.multicastSnooping());
        assertEquals(Optional.of(false), b.nfCallIptables());
        assertEquals(OptionalInt.empty(), b.defaultPvid());
    }

    @Test
    void vxlanPeerIsAGroupWhenMulticastAndARemoteOtherwise() {
        for (String[] c : new String[][]{{"239.1.1.1", "group"}, {"192.0.2.9", "remote"}, {"ff05::100", "group"},
                {"2001:db8::9", "remote"}}) {
            MessageWriter w = new MessageWriter();
            byte[] addr = InetAddresses.parse(c[0]).getAddress();
            w.nested(LinkKinds.IFLA_INFO_DATA, d -> d.bytes(addr.length == 4 ? Vxlan.IFLA_VXLAN_GROUP
                    : Vxlan.IFLA_VXLAN_GROUP6, addr));
            Vxlan v = (Vxlan) LinkKinds.decode("vxlan", Optional.of(rawOf(w.toByteArray())));
            Optional<java.net.InetAddress> expected = Optional.of(InetAddresses.parse(c[0]));
            assertEquals(expected, c[1].equals("group") ? v.group() : v.remote(), c[0]);
            assertEquals(Optional.empty(), c[1].equals("group") ? v.remote() : v.group(), c[0]);
        }
    }

    @Test
    void wrongSizesAndImpossibleValuesAreDecodeErrorsNamingTheAttribute() {
        MessageWriter w = new MessageWriter();
        w.nested(LinkKinds.IFLA_INFO_DATA, d -> d.u16(Bridge.IFLA_BR_FORWARD_DELAY, 1));
        DecodeException.AttributeSize e = assertThrows(DecodeException.AttributeSize.class,
                () -> LinkKinds.decode("bridge", Optional.of(rawOf(w.toByteArray()))));
        assertEquals("IFLA_BR_FORWARD_DELAY", e.attribute());

        MessageWriter v = new MessageWriter();
        v.nested(LinkKinds.IFLA_INFO_DATA, d -> d.bytes(Vxlan.IFLA_VXLAN_LOCAL, new byte[5]));
        DecodeException.AttributeSize e2 = assertThrows(DecodeException.AttributeSize.class,
                () -> LinkKinds.decode("vxlan", Optional.of(rawOf(v.toByteArray()))));
        assertEquals("IFLA_VXLAN_LOCAL", e2.attribute());

        MessageWriter vl = new MessageWriter();
        vl.nested(LinkKinds.IFLA_INFO_DATA, d -> d.u16(Vlan.IFLA_VLAN_ID, 4095));
        DecodeException e3 = assertThrows(DecodeException.class,
                () -> LinkKinds.decode("vlan", Optional.of(rawOf(vl.toByteArray()))));
        assertTrue(e3.getMessage().contains("vlan") && e3.getMessage().contains("4095"), e3.getMessage());

        MessageWriter pr = new MessageWriter();
        pr.nested(LinkKinds.IFLA_INFO_DATA, d -> d.bytes(Vxlan.IFLA_VXLAN_PORT_RANGE, new byte[]{0, 9, 0, 1}));
        DecodeException e4 = assertThrows(DecodeException.class,
                () -> LinkKinds.decode("vxlan", Optional.of(rawOf(pr.toByteArray()))));
        assertTrue(e4.getMessage().contains("IFLA_VXLAN_PORT_RANGE"), e4.getMessage());

        assertThrows(DecodeException.class, () -> LinkKinds.decode("", Optional.empty()), "an empty kind");
    }

    /** Random payloads for every modelled kind: decode succeeds or throws a DecodeException, nothing else. */
    @Test
    void fuzzedDataOnlyEverThrowsDecodeException() {
        Random random = new Random(20250101L);
        List<RawAttribute> seeds = SAMPLES.stream().map(LinkKindCodecTest::encoded).flatMap(Optional::stream).toList();
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] payload;
            if (i % 2 == 0) {
                payload = new byte[random.nextInt(64)];
                random.nextBytes(payload);
            } else {
                payload = seeds.get(random.nextInt(seeds.size())).payload();
                for (int flips = 1 + random.nextInt(4); flips > 0 && payload.length > 0; flips--) {
                    payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
                }
            }
            RawAttribute raw = new RawAttribute(LinkKinds.IFLA_INFO_DATA, payload);
            for (String kind : LinkKinds.modelled()) {
                try {
                    LinkKinds.decode(kind, Optional.of(raw));
                    decoded++;
                } catch (DecodeException expected) {
                    // malformed input is reported, never anything else
                }
            }
        }
        assertTrue(decoded > 1000, "the fuzzer should also produce decodable input, got " + decoded);
    }
}
