package io.jnetlink.route.sysctl;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.oracles.HexDiff;
import io.jnetlink.route.Rtm;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IFLA_AF_SPEC requests byte for byte, and decoding of the IFLA_INET_CONF array. */
class Ipv4DevConfCodecTest {

    /** Hex digits with '#' comments and white space ignored. */
    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("#[^\\n]*", "").replaceAll("[\\s|]", ""));
    }

    @Test
    void setNestsOneU32PerSettingUnderAfSpecAfInetInetConf() {
        Map<Ipv4DevConf, Integer> values = new LinkedHashMap<>();
        values.put(Ipv4DevConf.ARP_NOTIFY, 1);
        values.put(Ipv4DevConf.ARP_IGNORE, 2);
        var request = Ipv4DevConfCodec.set("veth0", values);
        assertEquals("set ipv4 conf of link veth0 arp_ignore 2 arp_notify 1", request.operation());
        HexDiff.assertBytes("RTM_NEWLINK veth0 IFLA_AF_SPEC", hex("""
                48 00 00 00 | 10 00 05 00   # nlmsghdr: 72 bytes, RTM_NEWLINK, NLM_F_REQUEST|NLM_F_ACK
                01 00 00 00 | 00 00 00 00   # seq 1, port 0
                00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00   # ifinfomsg: AF_UNSPEC, index 0
                0a 00 03 00 | 76 65 74 68 | 30 00 00 00   # IFLA_IFNAME "veth0"
                1c 00 1a 80                 # IFLA_AF_SPEC, nested
                18 00 02 80                 #   AF_INET, nested
                14 00 01 80                 #     IFLA_INET_CONF, nested
                08 00 13 00 | 02 00 00 00   #       IPV4_DEVCONF_ARP_IGNORE (19) = 2
                08 00 16 00 | 01 00 00 00   #       IPV4_DEVCONF_ARP_NOTIFY (22) = 1
                """), request.encode(1, 0));
    }

    @Test
    void getAsksForTheLinkByNameWithoutStatistics() {
        var request = Ipv4DevConfCodec.get("veth0");
        HexDiff.assertBytes("RTM_GETLINK veth0", hex("""
                34 00 00 00 | 12 00 05 00 | 07 00 00 00 | 00 00 00 00
                00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00
                08 00 1d 00 | 08 00 00 00   # IFLA_EXT_MASK RTEXT_FILTER_SKIP_STATS
                0a 00 03 00 | 76 65 74 68 | 30 00 00 00
                """), request.encode(7, 0));
    }

    /** An RTM_NEWLINK as the kernel writes it: nests without NLA_F_NESTED, IFLA_INET_CONF a flat u32 array. */
    private static Message link(int... conf) {
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWLINK, 0, 1, 0);
        w.zeros(Ipv4DevConfCodec.IFINFOMSG_SIZE);
        w.string(Ipv4DevConfCodec.IFLA_IFNAME, "veth0");
        w.nestedWithoutFlag(Ipv4DevConfCodec.IFLA_AF_SPEC, spec -> {
            if (conf.length > 0) {
                spec.nestedWithoutFlag(Rtm.AF_INET, inet -> {
                    ByteBuffer b = ByteBuffer.allocate(4 * conf.length).order(ByteOrder.LITTLE_ENDIAN);
                    for (int v : conf) {
                        b.putInt(v);
                    }
                    inet.bytes(Ipv4DevConfCodec.IFLA_INET_CONF, b.array());
                });
            }
            spec.nestedWithoutFlag(Rtm.AF_INET6, inet6 -> inet6.u8(8, 0));
        });
        w.endMessage();
        return Message.parseAll(ByteBuffer.wrap(w.toByteArray())).getFirst();
    }

    @Test
    void decodeReadsTheArrayByIndexMinusOne() {
        Map<Ipv4DevConf, Integer> conf = Ipv4DevConfCodec.decode(link(1, 0, -1, 7)).orElseThrow();
        assertEquals(List.of(Ipv4DevConf.FORWARDING, Ipv4DevConf.MC_FORWARDING, Ipv4DevConf.PROXY_ARP,
                Ipv4DevConf.ACCEPT_REDIRECTS), List.copyOf(conf.keySet()));
        assertEquals(1, conf.get(Ipv4DevConf.FORWARDING));
        assertEquals(-1, conf.get(Ipv4DevConf.PROXY_ARP), "values are the signed ints /proc/sys prints");
        assertEquals(7, conf.get(Ipv4DevConf.ACCEPT_REDIRECTS));
    }

    @Test
    void linkWithoutIpv4HasNoSettings() {
        assertEquals(Optional.empty(), Ipv4DevConfCodec.decode(link()));
    }

    @Test
    void arrayOfPartialValuesIsADecodeError() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(Rtm.RTM_NEWLINK, 0, 1, 0);
        w.zeros(Ipv4DevConfCodec.IFINFOMSG_SIZE);
        w.nestedWithoutFlag(Ipv4DevConfCodec.IFLA_AF_SPEC, spec -> spec.nestedWithoutFlag(Rtm.AF_INET,
                inet -> inet.bytes(Ipv4DevConfCodec.IFLA_INET_CONF, new byte[6])));
        w.endMessage();
        Message m = Message.parseAll(ByteBuffer.wrap(w.toByteArray())).getFirst();
        DecodeException.AttributeSize e = assertThrows(DecodeException.AttributeSize.class, () -> Ipv4DevConfCodec.decode(m));
        assertEquals("IFLA_INET_CONF", e.attribute());
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsEncoded() {
        assertEquals("invalid values {}: at least one setting is needed",
                assertThrows(IllegalArgumentException.class, () -> Ipv4DevConfCodec.set("veth0", Map.of())).getMessage());
        assertEquals("invalid setting mc_forwarding: it is read-only", assertThrows(IllegalArgumentException.class,
                () -> Ipv4DevConfCodec.set("veth0", Ipv4DevConf.MC_FORWARDING, 1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ipv4DevConfCodec.get("sixteen-bytes-xx"))
                .getMessage().startsWith("invalid device 'sixteen-bytes-xx'"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4DevConfCodec.set("a/b", Ipv4DevConf.TAG, 1));
    }

    @Test
    void settingNamesFollowDevinetAndUnknownIndexesStayOpen() {
        assertEquals(33, Ipv4DevConf.known().size());
        assertEquals("src_valid_mark", Ipv4DevConf.SRC_VMARK.name());
        assertEquals("arp_filter", Ipv4DevConf.ARPFILTER.name());
        assertEquals("disable_xfrm", Ipv4DevConf.NOXFRM.name());
        assertEquals(Optional.of(Ipv4DevConf.ARP_EVICT_NOCARRIER), Ipv4DevConf.byName("arp_evict_nocarrier"));
        assertEquals("ipv4_devconf_40", Ipv4DevConf.of(40).name());
        assertEquals(Optional.empty(), Ipv4DevConf.byName("no_such_setting"));
        assertTrue(Ipv4DevConf.FORWARDING.sysctlSideEffects().isPresent());
        assertEquals(Optional.empty(), Ipv4DevConf.ARP_NOTIFY.sysctlSideEffects());
    }
}
