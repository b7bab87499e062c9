package io.jnetlink.route.neigh;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.route.RouteProtocol;
import io.jnetlink.route.route.RouteType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import static io.jnetlink.oracles.HexDiff.assertBytes;
import static io.jnetlink.route.neigh.NeighFixture.asMessage;
import static io.jnetlink.route.neigh.NeighFixture.header;
import static io.jnetlink.route.neigh.NeighFixture.hex;
import static io.jnetlink.route.neigh.NeighFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden bytes against what {@code ip neigh} sends, decode round trips, fuzzing and input validation. */
class NeighbourCodecTest {

    /** ifindex of veth0 in the namespace where the golden bytes were recorded. */
    private static final int VETH0 = 3;
    private static final int ADD = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;
    private static final int DEL = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK;
    private static final MacAddress MAC2 = MacAddress.parse("02:00:00:00:00:02");

    private static InetAddress ip(String s) {
        return InetAddresses.parse(s);
    }

    // ---- golden bytes (strace -f -e trace=sendmsg -s 8192 -xx ip -n NS neigh ...) ----

    @Test
    void addPermanentIpv4MatchesIp() {
        // ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev veth0
        byte[] expected = hex(header(48, Rtm.RTM_NEWNEIGH, ADD) + """
                02000000 03000000   # AF_INET, pads, ifindex 3
                80000000            # NUD_PERMANENT, flags 0, type 0
                08000100 0a000002   # NDA_DST 10.0.0.2
                0a000200 02000000 00020000   # NDA_LLADDR 02:00:00:00:00:02 + pad
                """);
        Neighbour n = Neighbour.builder(VETH0, ip("10.0.0.2")).lladdr(MAC2).build();
        assertBytes(expected, NeighbourCodec.add(n).encode(1, 0));
    }

    @Test
    void addReachableRouterMatchesIp() {
        // ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev veth0 nud reachable router
        byte[] expected = hex(header(48, Rtm.RTM_NEWNEIGH, ADD) + """
                02000000 03000000
                02008000            # NUD_REACHABLE, NTF_ROUTER
                08000100 0a000002
                0a000200 02000000 00020000
                """);
        Neighbour n = Neighbour.builder(VETH0, ip("10.0.0.2")).lladdr(MAC2).state(NeighbourState.REACHABLE)
                .flags(NeighbourFlags.ROUTER).build();
        assertBytes(expected, NeighbourCodec.add(n).encode(1, 0));
    }

    @Test
    void addStaleIpv6MatchesIp() {
        // ip neigh add 2001:db8::2 lladdr 02:00:00:00:00:02 dev veth0 nud stale
        byte[] expected = hex(header(60, Rtm.RTM_NEWNEIGH, ADD) + """
                0a000000 03000000   # AF_INET6
                04000000            # NUD_STALE
                14000100 20010db8 00000000 00000000 00000002   # NDA_DST 2001:db8::2
                0a000200 02000000 00020000
                """);
        Neighbour n = Neighbour.builder(VETH0, ip("2001:db8::2")).lladdr(MAC2).state(NeighbourState.STALE).build();
        assertBytes(expected, NeighbourCodec.add(n).encode(1, 0));
    }

    @Test
    void deleteAndProxyAddMatchIp() {
        // ip neigh del 10.0.0.2 dev veth0: ip leaves its default state, NUD_PERMANENT, in the header
        byte[] delete = hex(header(36, Rtm.RTM_DELNEIGH, DEL) + "02000000 03000000 80000000 08000100 0a000002");
        Neighbour n = Neighbour.builder(VETH0, ip("10.0.0.2")).lladdr(MAC2).build();
        assertBytes(delete, NeighbourCodec.delete(n).encode(1, 0));

        // ip neigh add proxy 10.0.0.9 dev veth0
        byte[] proxy = hex(header(36, Rtm.RTM_NEWNEIGH, ADD) + """
                02000000 03000000
                80000800            # NUD_PERMANENT, NTF_PROXY
                08000100 0a000009
                """);
        assertBytes(proxy, NeighbourCodec.add(Neighbour.proxy(VETH0, ip("10.0.0.9")).build()).encode(1, 0));
    }

    @Test
    void requestTypesFlagsAndOperationTexts() {
        Neighbour n = Neighbour.builder(VETH0, ip("10.0.0.2")).lladdr(MAC2).state(NeighbourState.REACHABLE)
                .flags(NeighbourFlags.ROUTER).build();
        Request replace = NeighbourCodec.replace(n, "veth0");
        assertEquals(Rtm.RTM_NEWNEIGH, replace.type());
        assertEquals(Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, replace.flags());
        assertEquals("replace neighbour 10.0.0.2 lladdr 02:00:00:00:00:02 nud reachable router dev veth0",
                replace.operation());
        assertEquals("delete neighbour 10.0.0.2 ifindex 3", NeighbourCodec.delete(n).operation());
        assertEquals("add neighbour proxy 2001:db8::9 on every link",
                NeighbourCodec.add(Neighbour.proxy(0, ip("2001:db8::9")).build()).operation());
    }

    /** Framed as NetlinkSocket.dump sends it. */
    private static byte[] asDump(Request r) {
        MessageWriter w = new MessageWriter();
        r.encodeTo(w, Nl.NLM_F_DUMP, 1, 0);
        return w.toByteArray();
    }

    @Test
    void dumpRequestsFilterWithNdaIfindexAndNtfProxy() {
        int dump = Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP;
        // ip neigh show proxy sends this header (strict checking refuses ifindex, state and type in it)
        assertBytes(hex(header(28, Rtm.RTM_GETNEIGH, dump) + "00000000 00000000 00000800"),
                asDump(NeighbourCodec.dumpProxies(Rtm.AF_UNSPEC, 0)));
        assertBytes(hex(header(36, Rtm.RTM_GETNEIGH, dump) + "0a000000 00000000 00000000 08000800 07000000"),
                asDump(NeighbourCodec.dump(Rtm.AF_INET6, 7)));
        assertBytes(hex(header(28, Rtm.RTM_GETNEIGH, dump) + "00000000 00000000 00000000"),
                asDump(NeighbourCodec.dump()));
    }

    // ---- decoding ----

    @Test
    void decodeOfEncodeIsIdentityIncludingUnknownAttributes() {
        List<Neighbour> samples = List.of(
                Neighbour.builder(VETH0, ip("10.0.0.2")).lladdr(MAC2).build(),
                Neighbour.builder(VETH0, ip("10.0.0.3")).lladdr(MAC2).state(NeighbourState.REACHABLE)
                        .flags(NeighbourFlags.ROUTER.with(NeighbourFlags.EXTERN_LEARN)).build(),
                Neighbour.builder(VETH0, ip("10.0.0.4")).state(NeighbourState.NONE)
                        .flags(NeighbourFlags.MANAGED).build(),
                Neighbour.builder(VETH0, ip("2001:db8::4")).lladdr(MAC2).state(NeighbourState.STALE)
                        .protocol(RouteProtocol.ZEBRA).type(RouteType.UNICAST).build(),
                Neighbour.proxy(0, ip("2001:db8::9")).state(NeighbourState.NONE).build(),
                Neighbour.builder(9, ip("fe80::1")).lladdr(new MacAddress(new byte[]{1, 2, 3, 4, 5, 6, 7, 8}))
                        .state(NeighbourState.of(0x100)).flags(NeighbourFlags.of(0, 0x80)).build(),
                Neighbour.builder(VETH0, ip("10.0.0.7")).lladdr(MAC2)
                        .unknown(List.of(new RawAttribute(NeighbourCodec.NDA_VLAN, new byte[]{10, 0}),
                                new RawAttribute(99 | Nl.NLA_F_NESTED, new byte[]{4, 0, 1, 0}),
                                new RawAttribute(98, new byte[0])))
                        .build());
        for (Neighbour n : samples) {
            assertEquals(n, NeighbourCodec.decode(asMessage(NeighbourCodec.add(n))), n.toString());
            assertEquals(n, NeighbourCodec.decode(asMessage(NeighbourCodec.replace(n))), n.toString());
        }
    }

    @Test
    void anIpv4MappedIpv6DestinationStaysIpv6() {
        byte[] mapped = hex("00000000 00000000 0000ffff 0a000002");
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWNEIGH, 0, 1, 0);
        w.put8(Rtm.AF_INET6).put8(0).put16(0).put32(VETH0).put16(0x80).put8(0).put8(1);
        w.bytes(NeighbourCodec.NDA_DST, mapped);
        w.endMessage();
        Neighbour n = NeighbourCodec.decode(message(w.toByteArray()));
        assertInstanceOf(Inet6Address.class, n.destination());
        assertEquals(Rtm.AF_INET6, n.family());
        // Re-encoded with 16 bytes under AF_INET6: decoding it again would fail otherwise.
        assertEquals(n, NeighbourCodec.decode(asMessage(NeighbourCodec.add(n))));
    }

    @Test
    void decodesKernelShapedMessage() {
        // As neigh_fill_info writes a reachable IPv4 neighbour: type RTN_UNICAST, NDA_DST, NDA_LLADDR,
        // NDA_PROBES, NDA_CACHEINFO (ticks of 10 ms), NDA_PROTOCOL, NDA_FLAGS_EXT.
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWNEIGH, Nl.NLM_F_MULTI, 1, 0);
        w.put8(Rtm.AF_INET).put8(0).put16(0).put32(VETH0).put16(0x02).put8(0x80).put8(1);
        w.bytes(NeighbourCodec.NDA_DST, ip("10.0.0.2").getAddress());
        w.bytes(NeighbourCodec.NDA_LLADDR, MAC2.bytes());
        w.u32(NeighbourCodec.NDA_PROBES, 3);
        w.bytes(NeighbourCodec.NDA_CACHEINFO, hex("64000000 c8000000 2c010000 02000000"));
        w.u8(NeighbourCodec.NDA_PROTOCOL, 11);
        w.u32(NeighbourCodec.NDA_FLAGS_EXT, 1);
        w.endMessage();
        Neighbour n = NeighbourCodec.decode(message(w.toByteArray()));
        assertEquals(VETH0, n.index());
        assertEquals(ip("10.0.0.2"), n.destination());
        assertEquals(Optional.of(MAC2), n.lladdr());
        assertEquals(NeighbourState.REACHABLE, n.state());
        assertEquals(NeighbourFlags.ROUTER.with(NeighbourFlags.MANAGED), n.flags());
        assertEquals(RouteType.UNICAST, n.type());
        assertEquals(OptionalInt.of(3), n.probes());
        assertEquals(Optional.of(RouteProtocol.ZEBRA), n.protocol());
        assertEquals(Optional.of(new CacheInfo(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), 2)),
                n.cacheInfo());
        assertEquals(List.of(), n.unknown());
        assertTrue(NeighbourCodec.isNeighbour(message(w.toByteArray())));
    }

    @Test
    void anEmptyLinkLayerAddressIsAbsent() {
        // Links without link-layer addresses (tun, wireguard) report NDA_LLADDR with no payload.
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWNEIGH, 0, 1, 0);
        w.put8(Rtm.AF_INET6).put8(0).put16(0).put32(VETH0).put16(0x40).put8(0).put8(1);
        w.bytes(NeighbourCodec.NDA_DST, ip("2001:db8::1").getAddress());
        w.bytes(NeighbourCodec.NDA_LLADDR, new byte[0]);
        w.endMessage();
        assertEquals(Optional.empty(), NeighbourCodec.decode(message(w.toByteArray())).lladdr());
    }

    @Test
    void malformedMessagesThrowDecodeExceptionsNamingTheProblem() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWNEIGH, 0, 1, 0);
        w.put8(Rtm.AF_INET).put8(0).put16(0).put32(VETH0).put16(0x80).put8(0).put8(0);
        w.bytes(NeighbourCodec.NDA_DST, new byte[16]);
        w.endMessage();
        DecodeException.AttributeSize e = assertThrows(DecodeException.AttributeSize.class,
                () -> NeighbourCodec.decode(message(w.toByteArray())));
        assertEquals("NDA_DST", e.attribute());
        assertEquals(4, e.expected());
        assertEquals(16, e.actual());

        MessageWriter noDst = new MessageWriter();
        noDst.beginMessage(Rtm.RTM_NEWNEIGH, 0, 1, 0);
        noDst.put8(Rtm.AF_INET).put8(0).put16(0).put32(VETH0).put16(0x80).put8(0).put8(0);
        noDst.endMessage();
        assertTrue(assertThrows(DecodeException.class, () -> NeighbourCodec.decode(message(noDst.toByteArray())))
                .getMessage().contains("NDA_DST"));

        MessageWriter noDevice = new MessageWriter();
        noDevice.beginMessage(Rtm.RTM_NEWNEIGH, 0, 1, 0);
        noDevice.put8(Rtm.AF_INET).put8(0).put16(0).put32(0).put16(0x80).put8(0).put8(0);
        noDevice.bytes(NeighbourCodec.NDA_DST, new byte[4]);
        noDevice.endMessage();
        assertTrue(assertThrows(DecodeException.class, () -> NeighbourCodec.decode(message(noDevice.toByteArray())))
                .getMessage().contains("index 0"));

        byte[] shortHeader = hex(header(24, Rtm.RTM_NEWNEIGH, 0) + "02000000 03000000");
        assertThrows(DecodeException.Truncated.class, () -> NeighbourCodec.decode(message(shortHeader)));
    }

    @Test
    void fuzzedMessagesDecodeOrThrowDecodeExceptionOnly() {
        Random random = new Random(20250611);
        List<byte[]> seeds = List.of(
                NeighbourCodec.add(Neighbour.builder(VETH0, ip("10.0.0.2")).lladdr(MAC2).protocol(RouteProtocol.BOOT)
                        .flags(NeighbourFlags.ROUTER.with(NeighbourFlags.MANAGED)).build()).encode(1, 0),
                NeighbourCodec.add(Neighbour.builder(VETH0, ip("2001:db8::2")).lladdr(MAC2)
                        .unknown(List.of(new RawAttribute(NeighbourCodec.NDA_CACHEINFO, new byte[16]),
                                new RawAttribute(NeighbourCodec.NDA_PROBES, new byte[4])))
                        .build()).encode(1, 0));
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = seeds.get(i % seeds.size()).clone();
            int mutations = 1 + random.nextInt(4);
            for (int k = 0; k < mutations; k++) {
                b[Nl.NLMSG_HDRLEN + random.nextInt(b.length - Nl.NLMSG_HDRLEN)] = (byte) random.nextInt(256);
            }
            int length = Nl.NLMSG_HDRLEN + random.nextInt(b.length - Nl.NLMSG_HDRLEN + 1);
            ByteBuffer buf = ByteBuffer.wrap(b, 0, length).slice().order(ByteOrder.LITTLE_ENDIAN);
            buf.putInt(0, length);
            try {
                Message m = Message.parseAll(buf).getFirst();
                if (NeighbourCodec.isNeighbour(m)) {
                    NeighbourCodec.decode(m);
                    decoded++;
                }
            } catch (DecodeException expected) {
                // the only acceptable failure
            }
        }
        assertTrue(decoded > 1000, "the fuzzer should also produce decodable messages, got " + decoded);
    }

    // ---- validation before anything is sent ----

    @Test
    void invalidInputIsRefusedNamingTheFieldAndValue() {
        assertMessage("index 0 of neighbour 10.0.0.2", () -> Neighbour.builder(0, ip("10.0.0.2")).build());
        assertMessage("index -1", () -> Neighbour.proxy(-1, ip("10.0.0.2")).build());
        assertMessage("state NOARP|PERMANENT of neighbour 10.0.0.2", () -> NeighbourCodec.add(
                Neighbour.builder(VETH0, ip("10.0.0.2")).state(NeighbourState.NOARP.with(NeighbourState.PERMANENT))
                        .build()));
        assertMessage("family 7", () -> NeighbourCodec.dump(Rtm.AF_BRIDGE, 0));
        assertMessage("index -3", () -> NeighbourCodec.dump(Rtm.AF_INET, -3));
        assertMessage("neighbour state 65536", () -> NeighbourState.of(0x10000));
        assertMessage("neighbour flags 256", () -> NeighbourFlags.of(0x100, 0));
        assertMessage("invalid neighbour state 'sleepy'", () -> NeighbourState.parse("sleepy"));
        assertMessage("probes 4294967295", () -> new Neighbour(VETH0, ip("10.0.0.2"), Optional.empty(),
                NeighbourState.NONE, NeighbourFlags.NONE, RouteType.UNSPEC, Optional.empty(), OptionalInt.of(-1),
                Optional.empty(), List.of()));
    }

    private static void assertMessage(String fragment, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(fragment), () -> "'" + x.getMessage() + "' should contain '" + fragment + "'");
    }

    // ---- open enumerations ----

    @Test
    void statesAreAnOpenFlagSetWithIpNames() {
        assertEquals(List.of("PERMANENT"), NeighbourState.PERMANENT.names());
        assertEquals(List.of(), NeighbourState.NONE.names());
        assertEquals(List.of("REACHABLE", "NOARP", "0x300"), NeighbourState.of(0x342).names());
        assertFalse(NeighbourState.of(0x342).isKnown());
        assertTrue(NeighbourState.of(0x42).contains(NeighbourState.NOARP));
        assertEquals(NeighbourState.REACHABLE, NeighbourState.of(0x42).without(NeighbourState.NOARP));
        assertEquals("NOARP|PERMANENT", NeighbourState.NOARP.with(NeighbourState.PERMANENT).toString());
        for (String s : List.of("permanent", "reachable", "stale", "noarp", "none", "incomplete", "delay", "probe",
                "failed")) {
            NeighbourState parsed = NeighbourState.parse(s);
            assertEquals(s.equals("none") ? List.of() : List.of(s.toUpperCase()), parsed.names());
        }
        assertEquals(NeighbourState.of(0x100), NeighbourState.parse("0x100"));
        assertEquals(NeighbourState.STALE, NeighbourState.parse("4"));
    }

    @Test
    void flagsNameHeaderAndExtendedBits() {
        assertEquals(List.of("self", "router", "extern_learn", "offload", "master", "sticky", "locked", "proxy", "use",
                        "managed", "extern_valid"),
                NeighbourFlags.of(0xFF, 0x7).names());
        assertEquals(List.of("router", "ext 0x80"), NeighbourFlags.of(0x80, 0x80).names());
        assertEquals("none", NeighbourFlags.NONE.toString());
        assertTrue(NeighbourFlags.of(0x88, 1).contains(NeighbourFlags.PROXY.with(NeighbourFlags.MANAGED)));
        assertEquals(NeighbourFlags.ROUTER, NeighbourFlags.of(0x88, 0).without(NeighbourFlags.PROXY));
    }
}
