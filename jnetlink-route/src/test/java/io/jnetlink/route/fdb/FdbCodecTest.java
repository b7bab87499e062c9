package io.jnetlink.route.fdb;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.codec.RawAttribute;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.neigh.CacheInfo;
import io.jnetlink.route.neigh.NeighbourCodec;
import io.jnetlink.route.neigh.NeighbourFlags;
import io.jnetlink.route.neigh.NeighbourState;
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
import static io.jnetlink.route.fdb.FdbFixture.asMessage;
import static io.jnetlink.route.fdb.FdbFixture.header;
import static io.jnetlink.route.fdb.FdbFixture.hex;
import static io.jnetlink.route.fdb.FdbFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden bytes against what {@code bridge fdb} sends, decode round trips, fuzzing and input validation. */
class FdbCodecTest {

    // ifindexes in the namespace where the golden bytes were recorded
    private static final int VETH1 = 2;
    private static final int VETH0 = 3;
    private static final int VX0 = 4;
    private static final int VX3 = 8;
    private static final int REQUEST = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK;

    private static InetAddress ip(String s) {
        return InetAddresses.parse(s);
    }

    // ---- golden bytes (strace -f -e trace=sendmsg -s 8192 -xx bridge -n NS fdb ...) ----

    @Test
    void appendWithDstVniPortViaAndSrcVniMatchesBridge() {
        // bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.1.1.1 vni 100 port 4790 via veth0 src_vni 77
        byte[] expected = hex(header(80, Rtm.RTM_NEWNEIGH, REQUEST | Nl.NLM_F_CREATE | Nl.NLM_F_APPEND) + """
                07000000 04000000   # AF_BRIDGE, pads, ifindex 4 (vx0)
                c0000200            # NUD_NOARP|NUD_PERMANENT (bridge's default), NTF_SELF (assumed), type 0
                0a000200 00000000 00000000   # NDA_LLADDR 00:00:00:00:00:00 + pad
                08000100 0a010101   # NDA_DST 10.1.1.1
                06000600 12b60000   # NDA_PORT 4790, big-endian, + pad
                08000700 64000000   # NDA_VNI 100
                08000b00 4d000000   # NDA_SRC_VNI 77
                08000800 03000000   # NDA_IFINDEX 3 (via veth0)
                """);
        FdbEntry e = FdbEntry.flood(VX0, ip("10.1.1.1")).vni(100).port(4790).via(VETH0).srcVni(77).build();
        assertBytes(expected, FdbCodec.append(e).encode(1, 0));
    }

    @Test
    void deleteMatchesBridge() {
        // bridge fdb del 00:00:00:00:00:00 dev vx0 dst 10.1.1.1 vni 100 port 4790 via veth0
        byte[] expected = hex(header(72, Rtm.RTM_DELNEIGH, REQUEST) + """
                07000000 04000000
                c0000200
                0a000200 00000000 00000000
                08000100 0a010101
                06000600 12b60000
                08000700 64000000
                08000800 03000000
                """);
        FdbEntry e = FdbEntry.flood(VX0, ip("10.1.1.1")).vni(100).port(4790).via(VETH0).build();
        assertBytes(expected, FdbCodec.delete(e).encode(1, 0));
    }

    @Test
    void masterStaticVlanReplaceDynamicAndIpv6StickyMatchBridge() {
        // bridge fdb add 02:00:00:00:01:01 dev veth1 master static vlan 10
        byte[] master = hex(header(48, Rtm.RTM_NEWNEIGH, REQUEST | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL) + """
                07000000 02000000
                42000400            # NUD_NOARP|NUD_REACHABLE (static), NTF_MASTER
                0a000200 02000000 01010000
                06000500 0a000000   # NDA_VLAN 10
                """);
        assertBytes(master, FdbCodec.add(FdbEntry.builder(VETH1, MacAddress.parse("02:00:00:00:01:01")).master()
                .asStatic().vlan(10).build()).encode(1, 0));

        // bridge fdb replace 02:00:00:00:00:07 dev vx0 dst 10.1.1.9 dynamic
        byte[] replace = hex(header(48, Rtm.RTM_NEWNEIGH, REQUEST | Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE) + """
                07000000 04000000
                02000200            # NUD_REACHABLE (dynamic), NTF_SELF
                0a000200 02000000 00070000
                08000100 0a010109
                """);
        assertBytes(replace, FdbCodec.replace(FdbEntry.builder(VX0, MacAddress.parse("02:00:00:00:00:07"))
                .dst(ip("10.1.1.9")).dynamic().build()).encode(1, 0));

        // bridge fdb add 02:00:00:00:00:0b dev vx3 dst 2001:db8::7 sticky extern_learn
        byte[] sticky = hex(header(60, Rtm.RTM_NEWNEIGH, REQUEST | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL) + """
                07000000 08000000
                c0005200            # NTF_SELF|NTF_EXT_LEARNED|NTF_STICKY
                0a000200 02000000 000b0000
                14000100 20010db8 00000000 00000000 00000007
                """);
        assertBytes(sticky, FdbCodec.add(FdbEntry.builder(VX3, MacAddress.parse("02:00:00:00:00:0b"))
                .dst(ip("2001:db8::7")).addFlags(NeighbourFlags.STICKY.with(NeighbourFlags.EXTERN_LEARN)).build())
                .encode(1, 0));
    }

    /** Framed as NetlinkSocket.dump sends it. */
    private static byte[] asDump(Request r) {
        MessageWriter w = new MessageWriter();
        r.encodeTo(w, Nl.NLM_F_DUMP, 1, 0);
        return w.toByteArray();
    }

    @Test
    void dumpRequestsFilterWithNdaIfindexAndNdaMaster() {
        int dump = Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP;
        assertBytes(hex(header(28, Rtm.RTM_GETNEIGH, dump) + "07000000 00000000 00000000"), asDump(FdbCodec.dump()));
        assertBytes(hex(header(36, Rtm.RTM_GETNEIGH, dump) + "07000000 00000000 00000000 08000800 04000000"),
                asDump(FdbCodec.dump(VX0)));
        assertBytes(hex(header(36, Rtm.RTM_GETNEIGH, dump) + "07000000 00000000 00000000 08000900 06000000"),
                asDump(FdbCodec.dumpBridge(6)));
    }

    @Test
    void typesFlagsAndOperationTexts() {
        FdbEntry e = FdbEntry.flood(VX0, ip("10.1.1.1")).vni(100).build();
        assertEquals(Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, FdbCodec.add(e).flags());
        assertEquals(Nl.NLM_F_CREATE | Nl.NLM_F_APPEND, FdbCodec.append(e).flags());
        assertEquals(Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, FdbCodec.replace(e).flags());
        assertEquals(Rtm.RTM_DELNEIGH, FdbCodec.delete(e).type());
        assertEquals("append fdb 00:00:00:00:00:00 dev vx0 dst 10.1.1.1 vni 100 self permanent",
                FdbCodec.append(e, "vx0").operation());
        assertEquals("delete fdb 02:00:00:00:00:01 ifindex 2 vlan 10 master dynamic",
                FdbCodec.delete(FdbEntry.builder(VETH1, MacAddress.parse("02:00:00:00:00:01")).master().vlan(10)
                        .dynamic().build()).operation());
    }

    @Test
    void entriesABridgeReportedAreSentToItsTable() {
        // The bridge reports entries of its table with neither NTF_SELF nor NTF_MASTER and NDA_MASTER naming it.
        // Those of the bridge device itself only NTF_SELF reaches, so the request carries it.
        int br0 = 6;
        FdbEntry own = FdbEntry.builder(br0, MacAddress.parse("02:00:00:00:01:05")).flags(NeighbourFlags.NONE)
                .masterIndex(br0).state(NeighbourState.PERMANENT).build();
        assertEquals(NeighbourFlags.SELF.header(), FdbCodec.delete(own).encode(1, 0)[Nl.NLMSG_HDRLEN + 10]);
        // an entry of a port in the bridge's table (here extern_learn, which alone the kernel would refuse)
        FdbEntry port = FdbEntry.builder(VETH1, MacAddress.parse("02:00:00:00:01:06"))
                .flags(NeighbourFlags.EXTERN_LEARN).masterIndex(br0).build();
        assertEquals(NeighbourFlags.EXTERN_LEARN.with(NeighbourFlags.MASTER).header(),
                FdbCodec.delete(port).encode(1, 0)[Nl.NLMSG_HDRLEN + 10]);
        // without NDA_MASTER nothing is added: the flags go as they are
        FdbEntry plain = FdbEntry.builder(VETH1, MacAddress.parse("02:00:00:00:01:06")).flags(NeighbourFlags.NONE)
                .build();
        assertEquals(0, FdbCodec.delete(plain).encode(1, 0)[Nl.NLMSG_HDRLEN + 10]);
    }

    // ---- decoding ----

    @Test
    void decodeOfEncodeIsIdentityForEveryFieldAndUnknownAttributes() {
        MacAddress m = MacAddress.parse("02:00:00:00:00:01");
        List<FdbEntry> samples = List.of(
                FdbEntry.flood(VX0, ip("10.1.1.1")).build(),
                FdbEntry.flood(VX0, ip("10.1.1.1")).vni(100).port(4790).via(VETH0).srcVni(77).build(),
                FdbEntry.flood(VX0, ip("2001:db8::1")).vni(0).port(1).srcVni(FdbEntry.VNI_MAX).build(),
                FdbEntry.builder(VX0, m).dst(ip("10.1.1.2")).asStatic().addFlags(NeighbourFlags.ROUTER).build(),
                FdbEntry.builder(VETH1, m).master().dynamic().vlan(FdbEntry.VLAN_MAX).masterIndex(6).build(),
                FdbEntry.builder(VETH1, m).flags(NeighbourFlags.MASTER.with(NeighbourFlags.STICKY)
                        .with(NeighbourFlags.LOCKED)).vlan(1).masterIndex(6).build(),
                FdbEntry.builder(VETH1, MacAddress.parse("33:33:00:00:00:01")).state(NeighbourState.PERMANENT).build(),
                FdbEntry.builder(VX0, m).dst(ip("10.1.1.3"))
                        .unknown(List.of(new RawAttribute(NeighbourCodec.NDA_NH_ID, new byte[]{7, 0, 0, 0}),
                                new RawAttribute(NeighbourCodec.NDA_FDB_EXT_ATTRS | Nl.NLA_F_NESTED,
                                        new byte[]{5, 0, 1, 0, 1, 0, 0, 0}),
                                new RawAttribute(99, new byte[]{1, 2, 3})))
                        .build());
        for (FdbEntry e : samples) {
            assertEquals(e, FdbCodec.decode(asMessage(FdbCodec.add(e))), e.toString());
            assertEquals(e, FdbCodec.decode(asMessage(FdbCodec.append(e))), e.toString());
            assertEquals(e, FdbCodec.decode(asMessage(FdbCodec.replace(e))), e.toString());
        }
    }

    @Test
    void decodesKernelShapedBridgeAndVxlanMessages() {
        // fdb_fill_info of the bridge: ndm_flags 0, NDA_LLADDR, NDA_MASTER, NDA_FLAGS_EXT 0 (always sent),
        // NDA_CACHEINFO, NDA_VLAN.
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWNEIGH, Nl.NLM_F_MULTI, 1, 0);
        w.put8(Rtm.AF_BRIDGE).put8(0).put16(0).put32(VETH1).put16(0x40).put8(0).put8(0);
        w.bytes(NeighbourCodec.NDA_LLADDR, MacAddress.parse("02:00:00:00:01:01").bytes());
        w.u32(NeighbourCodec.NDA_MASTER, 6);
        w.u32(NeighbourCodec.NDA_FLAGS_EXT, 0);
        w.bytes(NeighbourCodec.NDA_CACHEINFO, hex("00000000 0a000000 14000000 00000000"));
        w.u16(NeighbourCodec.NDA_VLAN, 10);
        w.endMessage();
        FdbEntry bridge = FdbCodec.decode(message(w.toByteArray()));
        assertEquals(VETH1, bridge.index());
        assertEquals(OptionalInt.of(6), bridge.master());
        assertEquals(OptionalInt.of(10), bridge.vlan());
        assertEquals(NeighbourFlags.NONE, bridge.flags());
        assertTrue(bridge.isStatic());
        assertEquals("static", bridge.stateName());
        assertEquals(Optional.of(new CacheInfo(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(200), 0)),
                bridge.cacheInfo());
        assertEquals(List.of(), bridge.unknown());

        // vxlan_fdb_info: ndm_type RTN_UNICAST, NDA_DST of 16 bytes (IPv4-mapped stays IPv6), NDA_PORT
        // big-endian, NDA_LINK_NETNSID kept raw.
        MessageWriter v = new MessageWriter();
        v.beginMessage(Rtm.RTM_NEWNEIGH, Nl.NLM_F_MULTI, 1, 0);
        v.put8(Rtm.AF_BRIDGE).put8(0).put16(0).put32(VX0).put16(0x02).put8(0x02).put8(1);
        v.bytes(NeighbourCodec.NDA_DST, hex("00000000 00000000 0000ffff 0a000001"));
        v.u16be(NeighbourCodec.NDA_PORT, 4790);
        v.u32(NeighbourCodec.NDA_LINK_NETNSID, 0);
        v.bytes(NeighbourCodec.NDA_LLADDR, new byte[6]);
        v.endMessage();
        FdbEntry vx = FdbCodec.decode(message(v.toByteArray()));
        assertInstanceOf(Inet6Address.class, vx.dst().orElseThrow());
        assertEquals(OptionalInt.of(4790), vx.port());
        assertTrue(vx.isFlood());
        assertTrue(vx.isDynamic());
        assertEquals("", vx.stateName());
        assertEquals(List.of(new RawAttribute(NeighbourCodec.NDA_LINK_NETNSID, new byte[4])), vx.unknown());
        assertTrue(FdbCodec.isFdb(message(v.toByteArray())));
    }

    @Test
    void malformedMessagesThrowDecodeExceptionsNamingTheProblem() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWNEIGH, 0, 1, 0);
        w.put8(Rtm.AF_BRIDGE).put8(0).put16(0).put32(VX0).put16(0x80).put8(2).put8(0);
        w.bytes(NeighbourCodec.NDA_LLADDR, new byte[6]);
        w.u32(NeighbourCodec.NDA_PORT, 4790);
        w.endMessage();
        DecodeException.AttributeSize e = assertThrows(DecodeException.AttributeSize.class,
                () -> FdbCodec.decode(message(w.toByteArray())));
        assertEquals("NDA_PORT", e.attribute());
        assertEquals(2, e.expected());
        assertEquals(4, e.actual());

        MessageWriter dst = new MessageWriter();
        dst.beginMessage(Rtm.RTM_NEWNEIGH, 0, 1, 0);
        dst.put8(Rtm.AF_BRIDGE).put8(0).put16(0).put32(VX0).put16(0x80).put8(2).put8(0);
        dst.bytes(NeighbourCodec.NDA_LLADDR, new byte[6]);
        dst.bytes(NeighbourCodec.NDA_DST, new byte[5]);
        dst.endMessage();
        assertEquals("NDA_DST", assertThrows(DecodeException.AttributeSize.class,
                () -> FdbCodec.decode(message(dst.toByteArray()))).attribute());

        MessageWriter noMac = new MessageWriter();
        noMac.beginMessage(Rtm.RTM_NEWNEIGH, 0, 1, 0);
        noMac.put8(Rtm.AF_BRIDGE).put8(0).put16(0).put32(VX0).put16(0x80).put8(2).put8(0);
        noMac.u32(NeighbourCodec.NDA_VNI, 1);
        noMac.endMessage();
        assertTrue(assertThrows(DecodeException.class, () -> FdbCodec.decode(message(noMac.toByteArray())))
                .getMessage().contains("NDA_LLADDR"));

        MessageWriter wideVni = new MessageWriter();
        wideVni.beginMessage(Rtm.RTM_NEWNEIGH, 0, 1, 0);
        wideVni.put8(Rtm.AF_BRIDGE).put8(0).put16(0).put32(VX0).put16(0x80).put8(2).put8(0);
        wideVni.bytes(NeighbourCodec.NDA_LLADDR, new byte[6]);
        wideVni.u32(NeighbourCodec.NDA_VNI, 1 << 24);
        wideVni.endMessage();
        assertTrue(assertThrows(DecodeException.class, () -> FdbCodec.decode(message(wideVni.toByteArray())))
                .getMessage().contains("vni 16777216"));

        byte[] neighbour = NeighbourCodec.add(io.jnetlink.route.neigh.Neighbour.builder(3, ip("10.0.0.1")).build())
                .encode(1, 0);
        assertFalse(FdbCodec.isFdb(message(neighbour)));
        assertTrue(assertThrows(DecodeException.class, () -> FdbCodec.decode(message(neighbour)))
                .getMessage().contains("family 2"));
    }

    @Test
    void fuzzedMessagesDecodeOrThrowDecodeExceptionOnly() {
        Random random = new Random(20250612);
        List<byte[]> seeds = List.of(
                FdbCodec.append(FdbEntry.flood(VX0, ip("10.1.1.1")).vni(100).port(4790).via(VETH0).srcVni(77)
                        .build()).encode(1, 0),
                FdbCodec.add(FdbEntry.builder(VETH1, MacAddress.parse("02:00:00:00:01:01")).master().vlan(10)
                        .masterIndex(6).flags(NeighbourFlags.LOCKED.with(NeighbourFlags.MASTER))
                        .unknown(List.of(new RawAttribute(NeighbourCodec.NDA_CACHEINFO, new byte[16]))).build())
                        .encode(1, 0),
                FdbCodec.add(FdbEntry.builder(VX3, MacAddress.parse("02:00:00:00:00:0b")).dst(ip("2001:db8::7"))
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
                if (FdbCodec.isFdb(m)) {
                    FdbCodec.decode(m);
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
        MacAddress m = MacAddress.parse("02:00:00:00:00:01");
        assertMessage("vni 16777216 is outside 0..16777215", () -> FdbEntry.builder(VX0, m).vni(1 << 24).build());
        assertMessage("srcVni 4294967295", () -> FdbEntry.builder(VX0, m).srcVni(-1).build());
        assertMessage("port 0 is outside 1..65535", () -> FdbEntry.builder(VX0, m).port(0).build());
        assertMessage("port 65536", () -> FdbEntry.builder(VX0, m).port(65536).build());
        assertMessage("vlan 4095 is outside 1..4094", () -> FdbEntry.builder(VETH1, m).vlan(4095).build());
        assertMessage("vlan 0", () -> FdbEntry.builder(VETH1, m).vlan(0).build());
        assertMessage("ifindex 0", () -> FdbEntry.builder(VX0, m).via(0).build());
        assertMessage("master 0", () -> FdbEntry.builder(VX0, m).masterIndex(0).build());
        assertMessage("index 0 of FDB entry 02:00:00:00:00:01", () -> FdbEntry.builder(0, m).build());
        assertMessage("mac 02:00:00:00:00:01:02:03 must be an Ethernet address of 6 bytes",
                () -> FdbEntry.builder(VX0, MacAddress.parse("02:00:00:00:00:01:02:03")).build());
        assertMessage("index 0", () -> FdbCodec.dump(0));
        assertMessage("bridgeIndex -1", () -> FdbCodec.dumpBridge(-1));
    }

    static void assertMessage(String fragment, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(fragment), () -> "'" + x.getMessage() + "' should contain '" + fragment + "'");
    }

    @Test
    void statesAsBridgeNamesThem() {
        MacAddress m = MacAddress.parse("02:00:00:00:00:01");
        assertEquals("permanent", FdbEntry.builder(VX0, m).build().stateName());
        assertEquals("permanent", FdbEntry.builder(VX0, m).state(NeighbourState.PERMANENT).build().stateName());
        assertEquals("static", FdbEntry.builder(VX0, m).asStatic().build().stateName());
        assertEquals("static", FdbEntry.builder(VX0, m).state(NeighbourState.NOARP).build().stateName());
        assertEquals("", FdbEntry.builder(VX0, m).dynamic().build().stateName());
        assertEquals("stale", FdbEntry.builder(VX0, m).state(NeighbourState.STALE).build().stateName());
        assertEquals("0x8", FdbEntry.builder(VX0, m).state(NeighbourState.DELAY).build().stateName());
        assertTrue(FdbEntry.builder(VX0, m).dynamic().build().isDynamic());
        assertEquals(0xC0, FdbEntry.PERMANENT.value());
        assertEquals(0x42, FdbEntry.STATIC.value());
        assertEquals(0x02, FdbEntry.DYNAMIC.value());
    }
}
