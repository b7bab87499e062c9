package io.jnetlink.genl.ethtool;

import io.jnetlink.core.Message;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.genl.testing.Hex;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.jnetlink.genl.testing.Hex.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decoding replies the kernel sent (recorded on Linux 6.18, see the resource headers), checked against what
 * ethtool printed for the very same replies. Compact and verbose bitsets must decode to the same model. No root.
 */
class EthtoolCodecDecodeTest {

    private static final FeatureNames NAMES = EthtoolCodecGoldenTest.recordedNames();

    private static Message reply(String resource) {
        return Hex.message(Hex.resource(EthtoolCodecDecodeTest.class, resource));
    }

    @Test
    void featureNamesAreTheKernelStringSet() {
        assertEquals(64, NAMES.size());
        assertEquals("tx-scatter-gather", NAMES.name(0));
        assertEquals("", NAMES.name(2), "bit 2 is retired and unnamed");
        assertEquals(14, NAMES.indexOf("rx-gro").orElseThrow());
        assertTrue(NAMES.contains("tx-tcp-accecn-segmentation"));
        assertFalse(NAMES.contains(""));
        List<String> named = NAMES.names().stream().filter(n -> !n.isEmpty()).toList();
        assertEquals(named.size(), named.stream().distinct().count(), "no name twice");
        assertFalse(NAMES.contains("tx-lockless"), "LLTX left the feature bits in Linux 6.12; its bit is unnamed");
    }

    @Test
    void compactFeaturesOfANewVethMatchWhatEthtoolPrinted() {
        Features f = EthtoolCodec.decodeFeatures(reply("features-default.reply.hex"), NAMES);
        assertEquals(3, f.ifindex());
        assertEquals("v0", f.device());
        EthtoolOutput.assertMatches(f, Hex.text(getClass(), "ethtool-k-default.txt"));
        assertTrue(f.isActive("tx"));
        assertTrue(f.isActive("tso"));
        assertFalse(f.isActive("gro"));
        Feature ipv4 = f.feature("tx-checksum-ipv4").orElseThrow();
        assertTrue(ipv4.fixed());
        assertFalse(ipv4.available());
        Feature challenged = f.feature("vlan-challenged").orElseThrow();
        assertTrue(challenged.noChange() && challenged.fixed() && !challenged.active(), challenged.toString());
        assertTrue(f.feature("").isEmpty());
        assertTrue(f.features().stream().noneMatch(x -> x.index() == 2), "the retired bit carries no state");
        assertEquals(NAMES.names().stream().filter(n -> !n.isEmpty()).count(), f.features().size());
        assertTrue(f.unknown().isEmpty());
    }

    @Test
    void compactFeaturesAfterTurningOffTxTsoGroMatchWhatEthtoolPrinted() {
        Features f = EthtoolCodec.decodeFeatures(reply("features-tx-tso-gro-off.reply.hex"), NAMES);
        EthtoolOutput.assertMatches(f, Hex.text(getClass(), "ethtool-k-tx-tso-gro-off.txt"));
        assertFalse(f.isActive("tx"));
        assertFalse(f.isActive("tso"));
        assertFalse(f.isActive("gro"));
        assertFalse(f.isActive("tx-udp-segmentation"), "dragged along by tx checksumming");
        assertTrue(f.isActive("sg"));
    }

    @Test
    void verboseFeaturesDecodeLikeCompactOnes() {
        // Recorded after "gro on tx-checksum-ipv4 on" on top of "tx off tso off gro off": the compact recording of
        // the latter with rx-gro wanted and active is the same state.
        Features verbose = EthtoolCodec.decodeFeatures(reply("features-verbose.reply.hex"), NAMES);
        Features compact = EthtoolCodec.decodeFeatures(reply("features-tx-tso-gro-off.reply.hex"), NAMES);
        List<Feature> expected = new ArrayList<>();
        for (Feature x : compact.features()) {
            expected.add(x.name().equals("rx-gro") ? new Feature(x.index(), x.name(), x.available(), true, true,
                    x.noChange()) : x);
        }
        assertEquals(expected, verbose.features());
        // names come from the verbose bits themselves: an empty string set still names every feature
        Features selfNamed = EthtoolCodec.decodeFeatures(reply("features-verbose.reply.hex"), new FeatureNames(List.of()));
        assertEquals(verbose.features().stream().filter(x -> x.available()).toList(),
                selfNamed.features().stream().filter(x -> x.available()).toList());
    }

    @Test
    void setReplyListsWhatChangedAsEthtoolPrintedIt() {
        FeatureChanges c = EthtoolCodec.decodeFeatureChanges(reply("set-tx-tso-gro-off.reply.hex"), NAMES);
        EthtoolOutput.assertMatches(c, Hex.text(getClass(), "ethtool-K-tx-tso-gro-off.txt"));
        assertEquals("v0", c.device());
        assertTrue(c.fullyApplied());
        Map<String, Boolean> changed = new LinkedHashMap<>();
        for (String n : List.of("tx-checksum-ip-generic", "tx-tcp-segmentation", "tx-tcp-ecn-segmentation",
                "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation", "tx-udp-segmentation",
                "tx-tcp-accecn-segmentation", "tx-checksum-sctp")) {
            changed.put(n, false);
        }
        assertEquals(changed, c.changed());
        assertEquals(List.copyOf(changed.keySet()), List.copyOf(c.changed().keySet()), "kernel bit order");
    }

    @Test
    void setReplyListsWhatCouldNotBeApplied() {
        FeatureChanges c = EthtoolCodec.decodeFeatureChanges(reply("set-gro-on-ipv4-on.reply.hex"), NAMES);
        EthtoolOutput.assertMatches(c, Hex.text(getClass(), "ethtool-K-gro-on-ipv4-on.txt"));
        assertEquals(Map.of("rx-gro", true), c.changed());
        assertEquals(Map.of("tx-checksum-ipv4", true), c.notApplied());
        assertFalse(c.fullyApplied());

        FeatureChanges v = EthtoolCodec.decodeFeatureChanges(reply("set-verbose.reply.hex"), NAMES);
        assertEquals(Map.of("rx-gro", false), v.changed());
        assertEquals(Map.of("tx-checksum-ipv4", true), v.notApplied());
    }

    @Test
    void wrongCommandsAndMissingAttributesAreDecodeErrors() {
        DecodeException wrong = assertThrows(DecodeException.class, () ->
                EthtoolCodec.decodeFeatures(reply("set-tx-tso-gro-off.reply.hex"), NAMES));
        assertTrue(wrong.getMessage().contains("ETHTOOL_MSG_FEATURES_GET_REPLY"), wrong.getMessage());
        assertThrows(DecodeException.class, () -> EthtoolCodec.decodeFeatureNames(reply("features-default.reply.hex")));

        // FEATURES_GET_REPLY with a header and HW only
        DecodeException missing = assertThrows(DecodeException.class, () -> EthtoolCodec.decodeFeatures(Hex.message(parse("""
                40000000 15000000 01000000 00000000
                0b010000
                14000180 08000100 03000000 07000200 76300000   # header: ifindex 3, "v0"
                18000280 08000200 20000000 08000400 01000000 04000100  # HW: 32 bits, value 1, NOMASK
                """)), NAMES));
        assertTrue(missing.getMessage().contains("dev v0") && missing.getMessage().contains("ETHTOOL_A_FEATURES_WANTED"),
                missing.getMessage());

        // compact value of 4 bytes for 64 bits
        DecodeException.AttributeSize size = assertThrows(DecodeException.AttributeSize.class, () ->
                EthtoolCodec.decodeFeatureChanges(Hex.message(parse("""
                        3c000000 15000000 01000000 00000000
                        0c010000
                        14000180 08000100 03000000 07000200 76300000
                        14000380 08000200 40000000 08000400 01000000   # WANTED: 64 bits, one word only
                        """)), NAMES));
        assertEquals(8, size.expected());
        assertEquals(4, size.actual());

        DecodeException outside = assertThrows(DecodeException.class, () ->
                EthtoolCodec.decodeFeatureChanges(Hex.message(parse("""
                        4c000000 15000000 01000000 00000000
                        0c010000
                        14000180 08000100 03000000 07000200 76300000
                        1c000380 08000200 08000000 10000380 0c000180 08000100 09000000   # bit 9 of an 8-bit set
                        0c000480 08000200 08000000 04000100
                        """)), NAMES));
        assertTrue(outside.getMessage().contains("bit 9") && outside.getMessage().contains("8 bits"), outside.getMessage());
    }

    @Test
    void noInputCrashesTheDecoders() {
        List<byte[]> seeds = new ArrayList<>();
        for (String r : List.of("strset-features.reply.hex", "features-default.reply.hex", "features-verbose.reply.hex",
                "set-tx-tso-gro-off.reply.hex", "set-verbose.reply.hex")) {
            seeds.add(Hex.resource(getClass(), r));
        }
        Random random = new Random(20251122);
        for (int i = 0; i < 4000; i++) {
            byte[] seed = seeds.get(i % seeds.size());
            byte[] b = seed.clone();
            int flips = 1 + random.nextInt(6);
            for (int f = 0; f < flips; f++) {
                b[16 + random.nextInt(b.length - 16)] = (byte) random.nextInt(256);
            }
            int length = 16 + random.nextInt(b.length - 16 + 1);
            Message m = new Message(0x15, 0, 1, 0, ByteBuffer.wrap(b, 16, length - 16));
            for (int which = 0; which < 3; which++) {
                try {
                    switch (which) {
                        case 0 -> EthtoolCodec.decodeFeatureNames(m);
                        case 1 -> EthtoolCodec.decodeFeatures(m, NAMES);
                        default -> EthtoolCodec.decodeFeatureChanges(m, NAMES);
                    }
                } catch (DecodeException expected) {
                    // malformed input must fail this way and no other
                }
            }
        }
    }
}
