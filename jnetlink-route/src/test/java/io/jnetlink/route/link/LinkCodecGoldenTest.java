package io.jnetlink.route.link;

import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.core.ns.NetNs;
import org.junit.jupiter.api.Test;

import static io.jnetlink.route.link.Golden.assertBytes;
import static io.jnetlink.route.link.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests compared byte for byte with what iproute2 6.1 sends for the same command, as recorded with
 * {@code strace -e trace=sendmsg -xx ip -n NS ...} (sequence numbers are ip's; port 0 as ip sends). No root.
 */
class LinkCodecGoldenTest {

    private static void check(String ipCommand, int seq, String expectedHex, Request actual) {
        assertBytes(ipCommand, hex(expectedHex), actual.encode(seq, 0));
    }

    @Test
    void addVethMatchesIp() {
        check("ip link add g0 type veth peer name g1", 1795376486, """
                54000000 10000506 6645036b 00000000  # len 84, RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE, seq, port
                00000000 00000000 00000000 00000000  # ifinfomsg
                07000300 67300000                    # IFLA_IFNAME "g0"
                2c001200                             # IFLA_LINKINFO (no NLA_F_NESTED, as ip)
                  08000100 76657468                  #   IFLA_INFO_KIND "veth" (no NUL, as ip)
                  20000200                           #   IFLA_INFO_DATA
                    1c000100                         #     VETH_INFO_PEER
                      00000000 00000000 00000000 00000000  # ifinfomsg of the peer
                      07000300 67310000              #       IFLA_IFNAME "g1"
                """, LinkCodec.addVeth(VethSpec.of("g0", "g1")));
    }

    @Test
    void addVethWithAddressesAndMtuMatchesIp() {
        VethSpec spec = VethSpec.of("h0", "h1").withMtu(1400)
                .withAddress(MacAddress.parse("02:00:00:00:00:01"))
                .withPeerAddress(MacAddress.parse("02:00:00:00:00:02"));
        check("ip link add h0 address 02:00:00:00:00:01 mtu 1400 type veth peer name h1"
                + " address 02:00:00:00:00:02 mtu 1400", 1795376487, """
                7c000000 10000506 6745036b 00000000
                00000000 00000000 00000000 00000000
                0a000100 02000000 00010000           # IFLA_ADDRESS 02:00:00:00:00:01 + 2 bytes padding
                08000400 78050000                    # IFLA_MTU 1400
                07000300 68300000                    # IFLA_IFNAME "h0"
                40001200
                  08000100 76657468
                  34000200
                    30000100
                      00000000 00000000 00000000 00000000
                      0a000100 02000000 00020000     # IFLA_ADDRESS 02:00:00:00:00:02
                      08000400 78050000              # IFLA_MTU 1400
                      07000300 68310000              # IFLA_IFNAME "h1"
                """, LinkCodec.addVeth(spec));
    }

    @Test
    void addVethWithPeerNamespaceMatchesIp() {
        // ip's namespace descriptor was 4; ours is whatever the handle holds
        try (NetNs here = NetNs.current()) {
            int fd = fdOf(here);
            check("ip link add k0 type veth peer name k1 netns NS", 1795376487, """
                    5c000000 10000506 6745036b 00000000
                    00000000 00000000 00000000 00000000
                    07000300 6b300000                # IFLA_IFNAME "k0"
                    34001200
                      08000100 76657468
                      28000200
                        24000100
                          00000000 00000000 00000000 00000000
                          08001c00 %s                # IFLA_NET_NS_FD
                          07000300 6b310000          # IFLA_IFNAME "k1"
                    """.formatted(Golden.u32(fd)), LinkCodec.addVeth(VethSpec.of("k0", "k1").withPeerNamespace(here)));
        }
    }

    @Test
    void setUpAndDownMatchIp() {
        check("ip link set dev g0 up", 1795376487, """
                20000000 10000500 6745036b 00000000  # RTM_NEWLINK, REQUEST|ACK, no create flags
                00000000 03000000 01000000 01000000  # ifindex 3, flags IFF_UP, change IFF_UP
                """, LinkCodec.setUp(3));
        check("ip link set dev g0 down", 1795376487, """
                20000000 10000500 6745036b 00000000
                00000000 03000000 00000000 01000000  # ifindex 3, flags 0, change IFF_UP
                """, LinkCodec.setDown(3));
    }

    @Test
    void setMtuMatchesIp() {
        check("ip link set dev g0 mtu 9000", 1795376487, """
                28000000 10000500 6745036b 00000000
                00000000 03000000 00000000 00000000
                08000400 28230000                    # IFLA_MTU 9000
                """, LinkCodec.setMtu(3, 9000));
    }

    @Test
    void setAddressMatchesIp() {
        check("ip link set dev g0 address 02:00:00:00:00:09", 1795376488, """
                2c000000 10000500 6845036b 00000000
                00000000 03000000 00000000 00000000
                0a000100 02000000 00090000           # IFLA_ADDRESS
                """, LinkCodec.setAddress(3, MacAddress.parse("02:00:00:00:00:09")));
    }

    @Test
    void setAndClearAliasMatchIp() {
        check("ip link set dev g0 alias hello-world", 1795376487, """
                30000000 10000500 6745036b 00000000
                00000000 03000000 00000000 00000000
                0f001400 68656c6c 6f2d776f 726c6400  # IFLA_IFALIAS "hello-world" without NUL, padded
                """, LinkCodec.setAlias(3, "hello-world"));
        check("ip link set dev g0 alias \"\"", 1795376488, """
                24000000 10000500 6845036b 00000000
                00000000 03000000 00000000 00000000
                04001400                             # empty IFLA_IFALIAS clears the alias
                """, LinkCodec.setAlias(3, ""));
    }

    @Test
    void renameMatchesIp() {
        check("ip link set dev g0 name g9", 1795376488, """
                28000000 10000500 6845036b 00000000
                00000000 03000000 00000000 00000000
                07000300 67390000                    # IFLA_IFNAME "g9", the new name
                """, LinkCodec.rename(3, "g9"));
    }

    @Test
    void moveToNamespaceMatchesIp() {
        try (NetNs here = NetNs.current()) {
            check("ip link set dev g9 netns NS", 1795376488, """
                    28000000 10000500 6845036b 00000000
                    00000000 03000000 00000000 00000000
                    08001c00 %s                      # IFLA_NET_NS_FD
                    """.formatted(Golden.u32(fdOf(here))), LinkCodec.moveToNamespace(3, here));
        }
    }

    @Test
    void deleteMatchesIp() {
        check("ip link del dev h0", 1795376488, """
                20000000 11000500 6845036b 00000000  # RTM_DELLINK, REQUEST|ACK
                00000000 05000000 00000000 00000000  # ifindex 5
                """, LinkCodec.delete(5));
    }

    @Test
    void getByNameMatchesIpLookupExceptForAck() {
        // iproute2's ll_link_get sends this without NLM_F_ACK (flags 0x0001); jnetlink always asks for an ACK
        check("ip link show dev g1 (its name lookup)", 1795376490, """
                30000000 12000500 6a45036b 00000000  # RTM_GETLINK, REQUEST|ACK
                00000000 00000000 00000000 00000000
                08001d00 09000000                    # IFLA_EXT_MASK RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS
                07000300 67310000                    # IFLA_IFNAME "g1"
                """, LinkCodec.get("g1"));
    }

    @Test
    void byNameRequestsCarryTheNameAndLongNamesTravelAsAltName() {
        assertBytes("set link veth0 up (by name)", hex("""
                2c000000 10000500 01000000 00000000
                00000000 00000000 01000000 01000000  # ifindex 0: the kernel looks the name up
                0a000300 76657468 30000000           # IFLA_IFNAME "veth0"
                """), LinkCodec.setUp("veth0").encode(1, 0));
        String longName = "a-rather-long-alternative-name";
        byte[] bytes = LinkCodec.delete(longName).encode(1, 0);
        AttributeReader a = AttributeReader.of(java.nio.ByteBuffer.wrap(bytes), 16 + LinkCodec.IFINFOMSG_SIZE,
                LinkCodec.IFLA_NAMES);
        assertTrue(a.next());
        assertEquals(LinkCodec.IFLA_ALT_IFNAME, a.type());
        assertEquals(longName, a.string());
    }

    @Test
    void operationTextNamesTheLinkAndTheChange() {
        assertEquals("set link veth0 up", LinkCodec.setUp("veth0").operation());
        assertEquals("set link veth0 mtu 9000", LinkCodec.setMtu("veth0", 9000).operation());
        assertEquals("set link ifindex 7 down", LinkCodec.setDown(7).operation());
        assertEquals("set link veth0 name veth9", LinkCodec.rename(7, "veth0", "veth9").operation());
        assertEquals("add link a type veth peer name b", LinkCodec.addVeth(VethSpec.of("a", "b")).operation());
        assertEquals("delete link a", LinkCodec.delete("a").operation());
        assertEquals("get link a", LinkCodec.get("a").operation());
    }

    /** The descriptor number the handle writes into IFLA_NET_NS_FD. */
    private static int fdOf(NetNs ns) {
        MessageWriter w = new MessageWriter();
        ns.writeFdAttribute(w, LinkCodec.IFLA_NET_NS_FD);
        AttributeReader a = AttributeReader.of(w.toByteArray(), AttributeNames.NUMBERED);
        assertTrue(a.next());
        return a.u32();
    }
}
