package io.jnetlink.route.route;

import io.jnetlink.route.testing.NetFixture;
import io.jnetlink.route.Scope;
import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.route.Rtm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import static io.jnetlink.oracles.HexDiff.assertBytes;
import static io.jnetlink.route.testing.NetFixture.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden bytes against what {@code ip route} sends, decode round trips, fuzzing, validation, open enums. */
class RouteCodecTest {

    private static final int VETH0 = 3;
    private static final int ADD_FLAGS = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;

    /** The netlink header ip would send with seq 1 and port 0. */
    private static String header(int length, int type, int flags) {
        return String.format("%02x%02x0000 %02x%02x %02x%02x 01000000 00000000", length & 0xFF, length >> 8,
                type & 0xFF, type >> 8, flags & 0xFF, flags >> 8);
    }

    @Test
    void ipv4DefaultViaGatewayMatchesIp() {
        // strace -e trace=sendmsg ip route add default via 10.9.0.254
        byte[] expected = hex(header(36, Rtm.RTM_NEWROUTE, ADD_FLAGS)
                + "02000000 fe030001 00000000"   // AF_INET /0, table main, proto boot, scope global, unicast
                + "08000500 0a0900fe");          // RTA_GATEWAY
        Route r = Route.builder("default").gateway("10.9.0.254").build();
        assertBytes(expected, RouteCodec.add(r).encode(1, 0));
    }

    @Test
    void ipv6WithMetricAndLargeTableMatchesIp() {
        // strace: ip route add 2001:db8:50::/48 via 2001:db8:9::fe dev veth0 metric 100 table 1000
        byte[] expected = hex(header(92, Rtm.RTM_NEWROUTE, ADD_FLAGS)
                + "0a300000 00030001 00000000"                          // table > 255: rtm_table 0
                + "14000100 20010db8 00500000 00000000 00000000"        // RTA_DST
                + "14000500 20010db8 00090000 00000000 000000fe"        // RTA_GATEWAY
                + "08000600 64000000"                                   // RTA_PRIORITY 100
                + "08000f00 e8030000"                                   // RTA_TABLE 1000
                + "08000400 03000000");                                 // RTA_OIF 3
        Route r = Route.builder("2001:db8:50::/48").gateway("2001:db8:9::fe").outputIndex(VETH0).metric(100)
                .table(1000).build();
        assertBytes(expected, RouteCodec.add(r).encode(1, 0));
    }

    @Test
    void blackholeMatchesIp() {
        // strace: ip route add blackhole 10.77.0.0/16
        byte[] expected = hex(header(36, Rtm.RTM_NEWROUTE, ADD_FLAGS)
                + "02100000 fe030006 00000000 08000100 0a4d0000");
        Route r = Route.builder("10.77.0.0/16").type(RouteType.BLACKHOLE).build();
        assertBytes(expected, RouteCodec.add(r).encode(1, 0));
    }

    @Test
    void defaultsAndOtherShapesMatchIp() {
        // ip route add 10.66.0.0/16 dev veth0: no gateway, so scope link
        assertBytes(hex(header(44, Rtm.RTM_NEWROUTE, ADD_FLAGS)
                        + "02100000 fe03fd01 00000000 08000100 0a420000 08000400 03000000"),
                RouteCodec.add(Route.builder("10.66.0.0/16").outputIndex(VETH0).build()).encode(1, 0));
        // ip route add 10.55.0.0/16 via 10.9.0.2 metric 7 src 10.9.0.1 table 50 proto static dev veth0
        assertBytes(hex(header(68, Rtm.RTM_NEWROUTE, ADD_FLAGS)
                        + "02100000 32040001 00000000 08000100 0a370000 08000500 0a090002 08000600 07000000"
                        + "08000700 0a090001 08000400 03000000"),
                RouteCodec.add(Route.builder("10.55.0.0/16").gateway("10.9.0.2").metric(7).preferredSource("10.9.0.1")
                        .table(50).protocol(RouteProtocol.STATIC).outputIndex(VETH0).build()).encode(1, 0));
        // ip route add unreachable 2001:db8:66::/48
        assertBytes(hex(header(48, Rtm.RTM_NEWROUTE, ADD_FLAGS)
                        + "0a300000 fe030007 00000000 14000100 20010db8 00660000 00000000 00000000"),
                RouteCodec.add(Route.builder("2001:db8:66::/48").type(RouteType.UNREACHABLE).build()).encode(1, 0));
        // ip route add local 10.44.0.1 dev veth0 table 60: local routes have scope host
        assertBytes(hex(header(44, Rtm.RTM_NEWROUTE, ADD_FLAGS)
                        + "02200000 3c03fe02 00000000 08000100 0a2c0001 08000400 03000000"),
                RouteCodec.add(Route.builder("10.44.0.1/32").type(RouteType.LOCAL).outputIndex(VETH0).table(60)
                        .build()).encode(1, 0));
    }

    @Test
    void deleteUsesWildcardScopeAndProtocolLikeIp() {
        // strace: ip route del blackhole 10.77.0.0/16
        assertBytes(hex(header(36, Rtm.RTM_DELROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK)
                        + "02100000 fe00ff06 00000000 08000100 0a4d0000"),
                RouteCodec.delete(Route.builder("10.77.0.0/16").type(RouteType.BLACKHOLE).build()).encode(1, 0));
    }

    @Test
    void replaceAndOperationTexts() {
        Route r = Route.builder("10.1.0.0/16").gateway("10.0.0.254").outputIndex(VETH0).table(100).metric(5).build();
        Request replace = RouteCodec.replace(r);
        assertEquals(Rtm.RTM_NEWROUTE, replace.type());
        assertEquals(Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, replace.flags());
        assertEquals("replace route 10.1.0.0/16 via 10.0.0.254 ifindex 3 table 100 metric 5", replace.operation());
        assertEquals("add route blackhole default (IPv6)",
                RouteCodec.add(Route.builder("default6").type(RouteType.BLACKHOLE).build()).operation());
        assertEquals("delete route 10.0.0.0/8 via 10.0.0.1 table local",
                RouteCodec.delete(Route.builder("10.0.0.0/8").gateway("10.0.0.1").table(Route.TABLE_LOCAL).build())
                        .operation());
    }

    /** Framed as NetlinkSocket.dump sends it. */
    private static byte[] asDump(Request r) {
        MessageWriter w = new MessageWriter();
        r.encodeTo(w, Nl.NLM_F_DUMP, 1, 0);
        return w.toByteArray();
    }

    @Test
    void dumpRequestsFilterByTableWithStrictChecking() {
        int dump = Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP;
        assertBytes(hex(header(28, Rtm.RTM_GETROUTE, dump) + "00000000 00000000 00000000"), asDump(RouteCodec.dump()));
        // rtm_table carries ids up to 255; RTA_TABLE carries any id and takes precedence in the kernel.
        assertBytes(hex(header(36, Rtm.RTM_GETROUTE, dump) + "00000000 64000000 00000000 08000f00 64000000"),
                asDump(RouteCodec.dump(100)));
        assertBytes(hex(header(36, Rtm.RTM_GETROUTE, dump) + "00000000 00000000 00000000 08000f00 e8030000"),
                asDump(RouteCodec.dump(1000)));
    }

    // ---- decoding ----

    private static Message asMessage(Request r) {
        return Message.parseAll(ByteBuffer.wrap(r.encode(1, 0)).order(ByteOrder.LITTLE_ENDIAN)).getFirst();
    }

    @Test
    void decodeOfEncodeIsIdentity() {
        List<Route> samples = List.of(
                Route.builder("default").gateway("10.9.0.254").build(),
                Route.builder("default6").gateway("fe80::1").outputIndex(VETH0).metric(1024).build(),
                Route.builder("2001:db8:50::/48").gateway("2001:db8:9::fe").outputIndex(VETH0).metric(100)
                        .table(1000).build(),
                Route.builder("10.77.0.0/16").type(RouteType.BLACKHOLE).build(),
                Route.builder("10.55.0.0/16").gateway("10.9.0.2").metric(7).preferredSource("10.9.0.1").table(50)
                        .protocol(RouteProtocol.of(200)).outputIndex(VETH0).tos(0x10).flags(RouteFlags.ONLINK).build(),
                Route.builder("10.44.0.1/32").type(RouteType.LOCAL).outputIndex(VETH0).table(0xFFFF_FFF0).build(),
                Route.builder("10.0.0.0/8").outputIndex(VETH0).scope(Scope.of(7)).type(RouteType.of(42))
                        .unknown(List.of(new RawAttribute(RouteCodec.RTA_PREF, new byte[]{0}),
                                new RawAttribute(RouteCodec.RTA_METRICS | Nl.NLA_F_NESTED,
                                        new byte[]{8, 0, 2, 0, (byte) 0xdc, 5, 0, 0})))
                        .build());
        for (Route r : samples) {
            assertEquals(r, RouteCodec.decode(asMessage(RouteCodec.add(r))), r.toString());
        }
    }

    @Test
    void decodesKernelShapedMessages() {
        // A kernel dump entry: rtm_table RT_TABLE_COMPAT with the real id in RTA_TABLE, no RTA_DST for a
        // default route, RTA_CACHEINFO kept raw, and state flags (linkdown) as reported.
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWROUTE, Nl.NLM_F_MULTI, 1, 0);
        w.put8(Rtm.AF_INET6).put8(0).put8(0).put8(0).put8(252).put8(3).put8(0).put8(1).put32(RouteFlags.LINKDOWN);
        w.u32(RouteCodec.RTA_TABLE, 5000);
        w.u32(RouteCodec.RTA_PRIORITY, 1024);
        w.bytes(RouteCodec.RTA_GATEWAY, InetAddresses.parse("fe80::1").getAddress());
        w.u32(RouteCodec.RTA_OIF, 4);
        w.bytes(RouteCodec.RTA_CACHEINFO, new byte[32]);
        w.endMessage();
        Route r = RouteCodec.decode(Message.parseAll(ByteBuffer.wrap(w.toByteArray())).getFirst());
        assertEquals(IpPrefix.parse("::/0"), r.destination());
        assertTrue(r.isDefault());
        assertEquals(5000, r.table());
        assertEquals(OptionalInt.of(1024), r.metric());
        assertEquals(Optional.of(InetAddresses.parse("fe80::1")), r.gateway());
        assertEquals(OptionalInt.of(4), r.outputIndex());
        assertTrue(r.hasFlag(RouteFlags.LINKDOWN));
        assertEquals(List.of("linkdown"), RouteFlags.names(r.flags()));
        assertEquals(List.of(new RawAttribute(RouteCodec.RTA_CACHEINFO, new byte[32])), r.unknown());
        // Sent back, the state flag is left out: the kernel refuses LINKDOWN in a request.
        byte[] replace = RouteCodec.replace(r).encode(1, 0);
        assertEquals(0, ByteBuffer.wrap(replace).order(ByteOrder.LITTLE_ENDIAN).getInt(Nl.NLMSG_HDRLEN + 8));
    }

    @Test
    void wrongAttributeSizeNamesTheAttribute() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWROUTE, 0, 1, 0);
        w.put8(Rtm.AF_INET).put8(24).put8(0).put8(0).put8(254).put8(3).put8(0).put8(1).put32(0);
        w.bytes(RouteCodec.RTA_GATEWAY, new byte[16]);
        w.endMessage();
        Message m = Message.parseAll(ByteBuffer.wrap(w.toByteArray())).getFirst();
        DecodeException.AttributeSize e = assertThrows(DecodeException.AttributeSize.class, () -> RouteCodec.decode(m));
        assertEquals("RTA_GATEWAY", e.attribute());
    }

    @Test
    void fuzzedMessagesDecodeOrThrowDecodeExceptionOnly() {
        Random random = new Random(4242);
        byte[] seed = RouteCodec.add(Route.builder("2001:db8:50::/48").gateway("2001:db8:9::fe").outputIndex(VETH0)
                .metric(100).table(1000).preferredSource("2001:db8:9::1").build()).encode(1, 0);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = seed.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                b[Nl.NLMSG_HDRLEN + random.nextInt(b.length - Nl.NLMSG_HDRLEN)] = (byte) random.nextInt(256);
            }
            int length = Nl.NLMSG_HDRLEN + random.nextInt(b.length - Nl.NLMSG_HDRLEN + 1);
            ByteBuffer buf = ByteBuffer.wrap(b, 0, length).slice().order(ByteOrder.LITTLE_ENDIAN);
            buf.putInt(0, length);
            try {
                Message m = Message.parseAll(buf).getFirst();
                if (RouteCodec.isIpRoute(m)) {
                    RouteCodec.decode(m);
                }
            } catch (DecodeException expected) {
                // the only acceptable failure
            }
        }
    }

    // ---- validation ----

    @Test
    void invalidRoutesAreRefusedNamingTheField() {
        assertMessage("gateway 2001:db8::1 is not of the same family as destination 10.0.0.0/8",
                () -> Route.builder("10.0.0.0/8").gateway("2001:db8::1").build());
        assertMessage("preferredSource 10.0.0.1",
                () -> Route.builder("2001:db8::/32").preferredSource("10.0.0.1").outputIndex(1).build());
        assertMessage("destination 10.0.0.1/8 has host bits set; the prefix is 10.0.0.0/8",
                () -> Route.builder("10.0.0.1/8").outputIndex(1).build());
        assertMessage("prefix length 33", () -> Route.builder("10.0.0.0/33"));
        assertMessage("table 0", () -> Route.builder("10.0.0.0/8").outputIndex(1).table(0).build());
        assertMessage("tos 256", () -> Route.builder("10.0.0.0/8").outputIndex(1).tos(256).build());
        assertMessage("tos 16: IPv6", () -> Route.builder("2001:db8::/32").outputIndex(1).tos(16).build());
        assertMessage("outputIndex must be a link index", () -> Route.builder("10.0.0.0/8").outputIndex(0).build());
        assertMessage("a unicast route needs a gateway or an outputIndex",
                () -> RouteCodec.add(Route.builder("10.0.0.0/8").build()));
        assertMessage("gateway 10.0.0.1: a blackhole route to 10.0.0.0/8 has no next hop",
                () -> RouteCodec.add(Route.builder("10.0.0.0/8").type(RouteType.BLACKHOLE).gateway("10.0.0.1").build()));
        assertMessage("outputIndex 3: an IPv4 prohibit route",
                () -> RouteCodec.add(Route.builder("10.0.0.0/8").type(RouteType.PROHIBIT).outputIndex(3).build()));
        assertMessage("table 0", () -> RouteCodec.dump(0));
        // IPv6 reject routes do carry a device: the kernel reports them on lo.
        RouteCodec.add(Route.builder("2001:db8::/32").type(RouteType.PROHIBIT).outputIndex(1).build());
    }

    private static void assertMessage(String fragment, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(fragment), () -> "'" + x.getMessage() + "' should contain '" + fragment + "'");
    }

    @Test
    void defaultScopesFollowIp() {
        assertEquals(Scope.GLOBAL, Route.builder("default").gateway("10.0.0.1").build().scope());
        assertEquals(Scope.LINK, Route.builder("10.0.0.0/8").outputIndex(2).build().scope());
        assertEquals(Scope.HOST, Route.builder("10.0.0.1/32").type(RouteType.LOCAL).outputIndex(2).build()
                .scope());
        assertEquals(Scope.LINK, Route.builder("10.0.0.255/32").type(RouteType.BROADCAST).outputIndex(2).build()
                .scope());
        assertEquals(Scope.GLOBAL, Route.builder("10.0.0.0/8").type(RouteType.BLACKHOLE).build().scope());
        assertEquals(Scope.GLOBAL, Route.builder("2001:db8::/32").outputIndex(2).build().scope());
        Route r = Route.builder("10.0.0.0/8").outputIndex(2).build();
        assertEquals(RouteProtocol.BOOT, r.protocol());
        assertEquals(Route.TABLE_MAIN, r.table());
        assertEquals(RouteType.UNICAST, r.type());
        assertEquals(r, r.toBuilder().build());
    }

    @Test
    void openEnumsUseIpNamesAndNeverThrowForByteValues() {
        assertEquals(List.of("none", "unicast", "local", "broadcast", "anycast", "multicast", "blackhole",
                        "unreachable", "prohibit", "throw", "nat", "xresolve"),
                java.util.stream.IntStream.rangeClosed(0, 11).mapToObj(i -> RouteType.of(i).name()).toList());
        assertEquals("unspec", RouteProtocol.of(0).name());
        assertEquals("redirect", RouteProtocol.of(1).name());
        assertEquals("kernel", RouteProtocol.of(2).name());
        assertEquals("boot", RouteProtocol.of(3).name());
        assertEquals("static", RouteProtocol.of(4).name());
        assertEquals("dhcp", RouteProtocol.of(16).name());
        assertEquals("bgp", RouteProtocol.of(186).name());
        assertEquals("global", Scope.of(0).name());
        assertEquals("site", Scope.of(200).name());
        assertEquals("link", Scope.of(253).name());
        assertEquals("host", Scope.of(254).name());
        assertEquals("nowhere", Scope.of(255).name());
        for (int v = 0; v <= 255; v++) {
            assertEquals(v, RouteType.of(v).value());
            assertEquals(v, RouteProtocol.of(v).value());
            assertEquals(v, Scope.of(v).value());
            assertEquals(RouteType.of(v), RouteType.parse(RouteType.of(v).name()));
            assertEquals(RouteProtocol.of(v), RouteProtocol.parse(RouteProtocol.of(v).name()));
            assertEquals(Scope.of(v), Scope.parse(Scope.of(v).name()));
        }
        assertEquals("77", RouteProtocol.of(77).name());
        assertFalse(RouteProtocol.of(77).isKnown());
        assertEquals(RouteType.UNSPEC, RouteType.parse("unspec"));
        assertThrows(IllegalArgumentException.class, () -> RouteType.parse("wormhole"));
        assertThrows(IllegalArgumentException.class, () -> RouteProtocol.of(256));
        assertEquals("main", Route.tableName(254));
        assertEquals("4294967295", Route.tableName(-1));
    }
}
