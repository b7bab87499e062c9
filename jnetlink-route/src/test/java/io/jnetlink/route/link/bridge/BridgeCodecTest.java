package io.jnetlink.route.link.bridge;

import io.jnetlink.core.Message;
import io.jnetlink.core.Request;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.route.Rtm;
import io.jnetlink.route.link.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Consumer;

import static io.jnetlink.route.link.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AF_BRIDGE requests compared byte for byte with what {@code bridge} (iproute2 6.1) sends, recorded with
 * {@code strace -e trace=sendmsg,sendto -xx bridge -n NS ...} (sequence numbers are bridge's, port 0; indexes
 * those of the recording namespace); decoding of the AF_BRIDGE dump. No root.
 */
class BridgeCodecTest {

    private static void check(String command, int seq, String expectedHex, Request actual) {
        Golden.assertBytes(command, hex(expectedHex), actual.encode(seq, 0));
    }

    private static void checkDump(String command, int seq, String expectedHex, Request actual) {
        MessageWriter w = new MessageWriter();
        actual.encodeTo(w, Nl.NLM_F_DUMP, seq, 0);
        Golden.assertBytes(command, hex(expectedHex), w.toByteArray());
    }

    @Test
    void portSettingsMatchBridgeLinkSet() {
        BridgePort all = BridgePort.of().withHairpin(true).withUnicastFlood(false).withMulticastFlood(false)
                .withBroadcastFlood(false).withLearning(false).withCost(7).withPriority(9)
                .withState(BridgePortState.FORWARDING).withNeighSuppress(true).withIsolated(true);
        check("bridge link set dev p2 hairpin on flood off mcast_flood off bcast_flood off learning off cost 7"
                + " priority 9 state 3 neigh_suppress on isolated on", 1795378295, """
                74000000 13000500 774c036b 00000000  # RTM_SETLINK, REQUEST|ACK
                07000000 08000000 00000000 00000000  # ifinfomsg AF_BRIDGE, ifindex 8
                54000c80                             # IFLA_PROTINFO with NLA_F_NESTED (required by br_setlink)
                  05000400 01000000                  #   IFLA_BRPORT_MODE 1 (hairpin)
                  05000900 00000000                  #   IFLA_BRPORT_UNICAST_FLOOD 0
                  05001b00 00000000                  #   IFLA_BRPORT_MCAST_FLOOD 0
                  05001e00 00000000                  #   IFLA_BRPORT_BCAST_FLOOD 0
                  05000800 00000000                  #   IFLA_BRPORT_LEARNING 0
                  08000300 07000000                  #   IFLA_BRPORT_COST u32 7
                  06000200 09000000                  #   IFLA_BRPORT_PRIORITY u16 9
                  05000100 03000000                  #   IFLA_BRPORT_STATE u8 3 (forwarding)
                  05002000 01000000                  #   IFLA_BRPORT_NEIGH_SUPPRESS 1
                  05002100 01000000                  #   IFLA_BRPORT_ISOLATED 1
                """, BridgeCodec.setPort(8, "p2", all));
        check("bridge link set dev v0 cost 5 priority 3 hairpin on learning off flood off isolated on"
                + " neigh_suppress on state 0", 1795377920, """
                64000000 13000500 004b036b 00000000
                07000000 03000000 00000000 00000000
                44000c80 05000400 01000000 05000900
                00000000 05000800 00000000 08000300
                05000000 06000200 03000000 05000100
                00000000 05002000 01000000 05002100
                01000000
                """, BridgeCodec.setPort(3, "v0", BridgePort.of().withCost(5).withPriority(3).withHairpin(true)
                .withLearning(false).withUnicastFlood(false).withIsolated(true).withNeighSuppress(true)
                .withState(BridgePortState.DISABLED)));
    }

    @Test
    void vlanRequestsMatchBridgeVlan() {
        check("bridge vlan add dev v0 vid 10 pvid untagged", 1795377935, """
                2c000000 13000500 0f4b036b 00000000  # RTM_SETLINK
                07000000 03000000 00000000 00000000  # AF_BRIDGE, ifindex 3
                0c001a00                             # IFLA_AF_SPEC (no NLA_F_NESTED, as bridge)
                  08000200 06000a00                  #   IFLA_BRIDGE_VLAN_INFO flags PVID|UNTAGGED, vid 10
                """, BridgeCodec.addVlan(3, "v0", BridgeVlan.of(10).withPvid(true).withUntagged(true)));
        check("bridge vlan add dev v0 vid 20-30", 1795377935, """
                34000000 13000500 0f4b036b 00000000
                07000000 03000000 00000000 00000000
                14001a00
                  08000200 08001400                  #   flags RANGE_BEGIN, vid 20
                  08000200 10001e00                  #   flags RANGE_END, vid 30
                """, BridgeCodec.addVlan(3, "v0", BridgeVlan.range(20, 30)));
        check("bridge vlan add dev br2 vid 10 self", 1795377935, """
                34000000 13000500 0f4b036b 00000000
                07000000 0b000000 00000000 00000000  # ifindex 11, the bridge
                14001a00
                  06000000 02000000                  #   IFLA_BRIDGE_FLAGS u16 BRIDGE_FLAGS_SELF
                  08000200 00000a00                  #   vid 10, no flags
                """, BridgeCodec.addSelfVlan(11, "br2", BridgeVlan.of(10)));
        check("bridge vlan del dev v0 vid 20-30", 1795377935, """
                34000000 11000500 0f4b036b 00000000  # RTM_DELLINK
                07000000 03000000 00000000 00000000
                14001a00 08000200 08001400 08000200
                10001e00
                """, BridgeCodec.deleteVlan(3, "v0", BridgeVlan.range(20, 30)));
    }

    @Test
    void dumpsMatchBridgeShowApartFromTheCompressionBit() {
        checkDump("bridge link show", 1795377943, """
                20000000 12000103 174b036b 00000000  # RTM_GETLINK, REQUEST|DUMP
                07000000 00000000 00000000 00000000  # AF_BRIDGE, no attributes
                """, BridgeCodec.listPorts());
        // bridge 6.1 asks for RTEXT_FILTER_BRVLAN (2) and compresses ranges itself; jnetlink asks the kernel to
        // compress them (RTEXT_FILTER_BRVLAN_COMPRESSED, 4)
        checkDump("bridge vlan show", 1795377944, """
                28000000 12000103 184b036b 00000000
                07000000 00000000 00000000 00000000
                08001d00 04000000                    # IFLA_EXT_MASK RTEXT_FILTER_BRVLAN_COMPRESSED
                """, BridgeCodec.listVlans());
    }

    @Test
    void operationTextNamesThePortAndTheChange() {
        assertEquals("set bridge port p2", BridgeCodec.setPort(8, "p2", BridgePort.of().withCost(1)).operation());
        assertEquals("add bridge vlan 10 pvid untagged dev p2",
                BridgeCodec.addVlan(8, "p2", BridgeVlan.of(10).withPvid(true).withUntagged(true)).operation());
        assertEquals("delete bridge vlan 20-30 dev br0 self",
                BridgeCodec.deleteSelfVlan(4, "br0", BridgeVlan.range(20, 30)).operation());
    }

    private static void refused(String expectedStart, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().startsWith(expectedStart), x.getMessage());
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsBuilt() {
        refused("invalid vid 0: must be 1 to 4094", () -> BridgeVlan.of(0));
        refused("invalid vidEnd 4095", () -> BridgeVlan.range(1, 4095));
        refused("invalid vidEnd 9: must not be below vid 10", () -> BridgeVlan.range(10, 9));
        refused("invalid pvid on range 10-20", () -> BridgeVlan.range(10, 20).withPvid(true));
        refused("invalid priority 65536", () -> BridgePort.of().withPriority(65536));
        refused("invalid cost 0: must be positive", () -> BridgePort.of().withCost(0));
        refused("invalid state 256", () -> BridgePortState.of(256));
        refused("invalid change", () -> BridgeCodec.setPort(3, "p0", BridgePort.of()));
        refused("invalid link index 0", () -> BridgeCodec.addVlan(0, "p0", BridgeVlan.of(1)));
    }

    // ---- decoding ----

    private static Message message(int index, Consumer<MessageWriter> attrs) {
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWLINK, Nl.NLM_F_MULTI, 1, 0);
        w.put8(Rtm.AF_BRIDGE).put8(0).put16(1).put32(index).put32(0).put32(0);
        attrs.accept(w);
        w.endMessage();
        List<Message> all = Message.parseAll(ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.LITTLE_ENDIAN));
        assertEquals(1, all.size());
        return all.getFirst();
    }

    private static void vlanInfo(MessageWriter w, int flags, int vid) {
        w.bytes(BridgeCodec.Spec.IFLA_BRIDGE_VLAN_INFO, new byte[]{(byte) flags, (byte) (flags >> 8), (byte) vid,
                (byte) (vid >> 8)});
    }

    @Test
    void aPortOfTheAfBridgeDumpDecodes() {
        Message m = message(8, w -> {
            w.string(BridgeCodec.IFLA_IFNAME, "p2");
            w.u32(BridgeCodec.IFLA_MASTER, 4);
            w.u32(4, 1500);                                              // IFLA_MTU: not modelled here
            w.nested(BridgeCodec.IFLA_PROTINFO, p -> {
                p.u8(BridgeCodec.Port.IFLA_BRPORT_STATE, 3);
                p.u16(BridgeCodec.Port.IFLA_BRPORT_PRIORITY, 32);
                p.u32(BridgeCodec.Port.IFLA_BRPORT_COST, 2);
                p.u8(BridgeCodec.Port.IFLA_BRPORT_MODE, 0);
                p.u8(5, 0);                                              // IFLA_BRPORT_GUARD: not modelled
                p.u8(BridgeCodec.Port.IFLA_BRPORT_LEARNING, 1);
                p.u8(BridgeCodec.Port.IFLA_BRPORT_UNICAST_FLOOD, 1);
                p.u8(BridgeCodec.Port.IFLA_BRPORT_MCAST_FLOOD, 0);
                p.u8(BridgeCodec.Port.IFLA_BRPORT_BCAST_FLOOD, 1);
                p.u8(BridgeCodec.Port.IFLA_BRPORT_NEIGH_SUPPRESS, 1);
                p.u8(BridgeCodec.Port.IFLA_BRPORT_ISOLATED, 0);
            });
        });
        BridgePortEntry e = BridgeCodec.decodePort(m).orElseThrow();
        assertEquals(8, e.index());
        assertEquals("p2", e.name());
        assertEquals(OptionalInt.of(4), e.master());
        assertEquals(BridgePort.of().withState(BridgePortState.FORWARDING).withPriority(32).withCost(2)
                .withHairpin(false).withLearning(true).withUnicastFlood(true).withMulticastFlood(false)
                .withBroadcastFlood(true).withNeighSuppress(true).withIsolated(false), e.settings());
        assertEquals(Optional.empty(), BridgeCodec.decodePort(message(4, w -> w.string(BridgeCodec.IFLA_IFNAME, "br0"))),
                "a message without IFLA_PROTINFO is not a port");
    }

    @Test
    void compressedVlanTablesDecodeToRanges() {
        Message m = message(8, w -> {
            w.string(BridgeCodec.IFLA_IFNAME, "p2");
            w.nested(BridgeCodec.IFLA_AF_SPEC, s -> {
                vlanInfo(s, BridgeCodec.Spec.BRIDGE_VLAN_INFO_PVID | BridgeCodec.Spec.BRIDGE_VLAN_INFO_UNTAGGED, 1);
                vlanInfo(s, BridgeCodec.Spec.BRIDGE_VLAN_INFO_RANGE_BEGIN | BridgeCodec.Spec.BRIDGE_VLAN_INFO_UNTAGGED, 20);
                vlanInfo(s, BridgeCodec.Spec.BRIDGE_VLAN_INFO_RANGE_END | BridgeCodec.Spec.BRIDGE_VLAN_INFO_UNTAGGED, 30);
                vlanInfo(s, 0, 40);
                s.u16(BridgeCodec.Spec.IFLA_BRIDGE_FLAGS, 0);                // other children are skipped
            });
        });
        PortVlans v = BridgeCodec.decodeVlans(m).orElseThrow();
        assertEquals(new PortVlans(8, "p2", List.of(BridgeVlan.of(1).withPvid(true).withUntagged(true),
                BridgeVlan.range(20, 30).withUntagged(true), BridgeVlan.of(40))), v);
        assertEquals(Optional.empty(), BridgeCodec.decodeVlans(message(9, w -> w.string(BridgeCodec.IFLA_IFNAME, "x"))));

        Message orphanEnd = message(8, w -> {
            w.string(BridgeCodec.IFLA_IFNAME, "p2");
            w.nested(BridgeCodec.IFLA_AF_SPEC, s -> vlanInfo(s, BridgeCodec.Spec.BRIDGE_VLAN_INFO_RANGE_END, 30));
        });
        assertThrows(DecodeException.class, () -> BridgeCodec.decodeVlans(orphanEnd));
        Message shortInfo = message(8, w -> w.nested(BridgeCodec.IFLA_AF_SPEC,
                s -> s.u16(BridgeCodec.Spec.IFLA_BRIDGE_VLAN_INFO, 1)));
        DecodeException.AttributeSize e = assertThrows(DecodeException.AttributeSize.class,
                () -> BridgeCodec.decodeVlans(shortInfo));
        assertEquals("IFLA_BRIDGE_VLAN_INFO", e.attribute());
    }

    @Test
    void fuzzedMessagesOnlyEverThrowDecodeException() {
        Message seed = message(8, w -> {
            w.string(BridgeCodec.IFLA_IFNAME, "p2");
            w.nested(BridgeCodec.IFLA_PROTINFO, p -> {
                p.u8(BridgeCodec.Port.IFLA_BRPORT_STATE, 3);
                p.u32(BridgeCodec.Port.IFLA_BRPORT_COST, 2);
                p.u16(BridgeCodec.Port.IFLA_BRPORT_PRIORITY, 2);
            });
            w.nested(BridgeCodec.IFLA_AF_SPEC, s -> {
                vlanInfo(s, BridgeCodec.Spec.BRIDGE_VLAN_INFO_RANGE_BEGIN, 2);
                vlanInfo(s, BridgeCodec.Spec.BRIDGE_VLAN_INFO_RANGE_END, 9);
            });
        });
        byte[] base = new byte[seed.payload().remaining()];
        seed.payload().get(base);
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = base.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            Message m = new Message(Rtm.RTM_NEWLINK, 0, 1, 0, ByteBuffer.wrap(b));
            try {
                BridgeCodec.decodePort(m);
            } catch (DecodeException expected) {
                // reported, not crashed
            }
            try {
                BridgeCodec.decodeVlans(m);
            } catch (DecodeException expected) {
                // reported, not crashed
            }
        }
    }
}
