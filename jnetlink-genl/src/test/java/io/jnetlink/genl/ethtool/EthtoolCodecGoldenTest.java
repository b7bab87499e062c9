package io.jnetlink.genl.ethtool;

import io.jnetlink.core.Request;
import io.jnetlink.core.genl.GenericNetlink;
import io.jnetlink.genl.testing.Hex;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jnetlink.genl.testing.Hex.assertBytes;
import static io.jnetlink.genl.testing.Hex.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests compared byte for byte with what ethtool 6.1 sent on Linux 6.18 for the same command, recorded with
 * {@code strace -e trace=sendto -xx ethtool ...} (ethtool's sequence numbers, port 0, family id 0x15 as the kernel
 * assigned it). The feature names come from the ETH_SS_FEATURES string set recorded in the same session, so a
 * new kernel's extra features cannot change these bytes. No root.
 */
class EthtoolCodecGoldenTest {

    /** The ethtool family id on the recording machine. */
    static final int FAMILY = 0x15;

    static FeatureNames recordedNames() {
        return EthtoolCodec.decodeFeatureNames(Hex.message(Hex.resource(EthtoolCodecGoldenTest.class,
                "strset-features.reply.hex")));
    }

    private static void check(String command, int seq, byte[] expected, Request actual) {
        assertBytes(command, expected, actual.encode(seq, 0));
    }

    @Test
    void featureNamesRequestMatchesEthtool() {
        check("ethtool -k v0 (its ETH_SS_FEATURES string set request)", 1, parse("""
                28000000 15000500 01000000 00000000  # len 40, ethtool family, REQUEST|ACK, seq 1, port 0
                01010000                             # ETHTOOL_MSG_STRSET_GET, version 1
                04000180                             # ETHTOOL_A_STRSET_HEADER, empty (no device)
                10000280                             # ETHTOOL_A_STRSET_STRINGSETS
                  0c000180                           #   ETHTOOL_A_STRINGSETS_STRINGSET
                    08000100 04000000                #     ETHTOOL_A_STRINGSET_ID ETH_SS_FEATURES
                """), EthtoolCodec.getFeatureNames(FAMILY));
    }

    @Test
    void getFeaturesMatchesEthtool() {
        check("ethtool -k v0", 2, parse("""
                28000000 15000500 02000000 00000000  # len 40, ethtool family, REQUEST|ACK, seq 2, port 0
                0b010000                             # ETHTOOL_MSG_FEATURES_GET, version 1
                14000180                             # ETHTOOL_A_FEATURES_HEADER
                  07000200 76300000                  #   ETHTOOL_A_HEADER_DEV_NAME "v0"
                  08000300 01000000                  #   ETHTOOL_A_HEADER_FLAGS ETHTOOL_FLAG_COMPACT_BITSETS
                """), EthtoolCodec.getFeatures(FAMILY, "v0"));
    }

    @Test
    void setTxTsoGroOffMatchesEthtoolExceptPadding() {
        byte[] recorded = Hex.resource(getClass(), "set-tx-tso-gro-off.request.hex");
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        wanted.put("tx", false);
        wanted.put("tso", false);
        wanted.put("gro", false);
        Request r = EthtoolCodec.setFeatures(FAMILY, "v0", wanted, recordedNames());
        assertBytes("ethtool -K v0 tx off tso off gro off", Hex.zeroPadding(recorded, GenericNetlink.GENL_HDRLEN),
                r.encode(3, 0));
        assertEquals("set features dev v0 tx off tso off gro off", r.operation());
    }

    @Test
    void setFeaturesSpellsOutEveryBitAsEthtoolDoes() {
        // The same request written out: the aliases expanded in kernel bit order, no VALUE flag for "off".
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        wanted.put("tx", false);
        wanted.put("tso", false);
        wanted.put("gro", false);
        check("ethtool -K v0 tx off tso off gro off", 3, parse("""
                7c010000 15000500 03000000 00000000  # len 380, REQUEST|ACK, seq 3
                0c010000                             # ETHTOOL_MSG_FEATURES_SET, version 1
                14000180 07000200 76300000 08000300 01000000   # header: "v0", compact replies
                54010380                             # ETHTOOL_A_FEATURES_WANTED
                  50010380                           #   ETHTOOL_A_BITSET_BITS
                    1c000180 15000200 74782d63 6865636b 73756d2d 69707634 00000000  # tx-checksum-ipv4
                    20000180 1b000200 74782d63 6865636b 73756d2d 69702d67 656e6572 69630000  # tx-checksum-ip-generic
                    1c000180 15000200 74782d63 6865636b 73756d2d 69707636 00000000  # tx-checksum-ipv6
                    20000180 19000200 74782d63 6865636b 73756d2d 66636f65 2d637263 00000000  # tx-checksum-fcoe-crc
                    1c000180 15000200 74782d63 6865636b 73756d2d 73637470 00000000  # tx-checksum-sctp
                    1c000180 18000200 74782d74 63702d73 65676d65 6e746174 696f6e00  # tx-tcp-segmentation
                    20000180 1c000200 74782d74 63702d65 636e2d73 65676d65 6e746174 696f6e00  # tx-tcp-ecn-segmentation
                    28000180 21000200 74782d74 63702d6d 616e676c 6569642d 7365676d 656e7461 74696f6e 00000000
                    20000180 19000200 74782d74 6370362d 7365676d 656e7461 74696f6e 00000000  # tx-tcp6-segmentation
                    24000180 1f000200 74782d74 63702d61 63636563 6e2d7365 676d656e 74617469 6f6e0000
                    10000180 0b000200 72782d67 726f0000  # rx-gro
                """), EthtoolCodec.setFeatures(FAMILY, "v0", wanted, recordedNames()));
    }

    @Test
    void setWithKernelNameAndOnValueMatchesEthtoolExceptPadding() {
        byte[] recorded = Hex.resource(getClass(), "set-gro-on-ipv4-on.request.hex");
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        wanted.put("gro", true);
        wanted.put("tx-checksum-ipv4", true);
        check("ethtool -K v0 gro on tx-checksum-ipv4 on", 3, Hex.zeroPadding(recorded, GenericNetlink.GENL_HDRLEN),
                EthtoolCodec.setFeatures(FAMILY, "v0", wanted, recordedNames()));
        check("ethtool -K v0 gro on tx-checksum-ipv4 on", 3, parse("""
                64000000 15000500 03000000 00000000
                0c010000
                14000180 07000200 76300000 08000300 01000000
                3c000380 38000380
                  14000180 0b000200 72782d67 726f0000 04000300                   # rx-gro, ETHTOOL_A_BITSET_BIT_VALUE
                  20000180 15000200 74782d63 6865636b 73756d2d 69707634 00000000 04000300  # tx-checksum-ipv4, VALUE
                """), EthtoolCodec.setFeatures(FAMILY, "v0", wanted, recordedNames()));
    }

    @Test
    void longAliasNamesAreAcceptedLikeShortOnes() {
        FeatureNames names = recordedNames();
        Map<String, Boolean> shortNames = new LinkedHashMap<>();
        shortNames.put("tx", false);
        shortNames.put("sg", true);
        Map<String, Boolean> longNames = new LinkedHashMap<>();
        longNames.put("tx-checksumming", false);
        longNames.put("scatter-gather", true);
        assertBytes("long and short alias names", EthtoolCodec.setFeatures(FAMILY, "v0", shortNames, names).encode(1, 0),
                EthtoolCodec.setFeatures(FAMILY, "v0", longNames, names).encode(1, 0));
    }

    @Test
    void aBitNamedTwiceWithTheSameValueIsSentOnce() {
        FeatureNames names = recordedNames();
        Map<String, Boolean> twice = new LinkedHashMap<>();
        twice.put("gro", false);
        twice.put("rx-gro", false);
        assertBytes("gro off rx-gro off == gro off",
                EthtoolCodec.setFeatures(FAMILY, "v0", Map.of("gro", false), names).encode(1, 0),
                EthtoolCodec.setFeatures(FAMILY, "v0", twice, names).encode(1, 0));
    }

    @Test
    void unknownFeatureIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                EthtoolCodec.setFeatures(FAMILY, "v0", Map.of("tx-warp-drive", false), recordedNames()));
        assertTrue(e.getMessage().contains("'tx-warp-drive'"), e.getMessage());
        assertTrue(e.getMessage().contains("ETH_SS_FEATURES"), e.getMessage());
    }

    @Test
    void contradictionsAndOtherBadInputAreRejected() {
        FeatureNames names = recordedNames();
        Map<String, Boolean> contradiction = new LinkedHashMap<>();
        contradiction.put("tso", false);
        contradiction.put("tx-tcp6-segmentation", true);
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () ->
                EthtoolCodec.setFeatures(FAMILY, "v0", contradiction, names));
        assertTrue(c.getMessage().contains("'tx-tcp6-segmentation' on contradicts 'tso' off"), c.getMessage());

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () ->
                EthtoolCodec.setFeatures(FAMILY, "v0", Map.of(), names));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());

        Map<String, Boolean> nullValue = new LinkedHashMap<>();
        nullValue.put("gro", null);
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () ->
                EthtoolCodec.setFeatures(FAMILY, "v0", nullValue, names));
        assertTrue(n.getMessage().contains("'gro'"), n.getMessage());

        // "" names the retired bit 2 in the string set, never a feature
        assertThrows(IllegalArgumentException.class, () -> EthtoolCodec.setFeatures(FAMILY, "v0", Map.of("", true), names));

        IllegalArgumentException dev = assertThrows(IllegalArgumentException.class, () ->
                EthtoolCodec.getFeatures(FAMILY, ""));
        assertTrue(dev.getMessage().contains("dev ''"), dev.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EthtoolCodec.getFeatures(FAMILY, "x".repeat(128)));
        assertThrows(IllegalArgumentException.class, () -> EthtoolCodec.getFeatures(FAMILY, "a\0b"));
        EthtoolCodec.getFeatures(FAMILY, "an-alternative-name-longer-than-ifnamsiz"); // altnames are accepted
        IllegalArgumentException family = assertThrows(IllegalArgumentException.class, () ->
                EthtoolCodec.getFeatures(3, "v0"));
        assertTrue(family.getMessage().contains("family id 3"), family.getMessage());
    }

    @Test
    void anAliasWithoutAnyFeatureOnThisKernelIsRejected() {
        FeatureNames noLro = new FeatureNames(List.of("tx-scatter-gather", "", "rx-gro"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                EthtoolCodec.setFeatures(FAMILY, "v0", Map.of("lro", false), noLro));
        assertTrue(e.getMessage().contains("'lro'") && e.getMessage().contains("rx-lro"), e.getMessage());
    }

    @Test
    void aliasPatternsMatchAsEthtoolDoes() {
        FeatureNames names = recordedNames();
        assertEquals(List.of("tx-checksum-ipv4", "tx-checksum-ip-generic", "tx-checksum-ipv6", "tx-checksum-fcoe-crc",
                "tx-checksum-sctp"), names.matching(FeatureAlias.TX).stream().map(names::name).toList());
        assertEquals(List.of("tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation",
                "tx-tcp6-segmentation", "tx-tcp-accecn-segmentation"),
                names.matching(FeatureAlias.TSO).stream().map(names::name).toList());
        assertEquals(List.of("tx-scatter-gather", "tx-scatter-gather-fraglist"),
                names.matching(FeatureAlias.SG).stream().map(names::name).toList());
        assertEquals(List.of("rx-gro"), names.matching(FeatureAlias.GRO).stream().map(names::name).toList());
        assertTrue(FeatureAlias.TSO.matches("tx-tcp-segmentation"));
        assertTrue(!FeatureAlias.TSO.matches("tx-tcp-segmentatio"), "suffix must match");
        assertTrue(!FeatureAlias.SG.matches("tx-scatter"), "prefix must match in full");
    }
}
