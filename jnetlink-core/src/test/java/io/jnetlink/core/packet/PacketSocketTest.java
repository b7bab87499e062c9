package io.jnetlink.core.packet;

import io.jnetlink.core.ns.NetNs;
import io.jnetlink.core.testing.Bytes;
import io.jnetlink.oracles.HexDiff;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** struct sockaddr_ll byte for byte, and the checks that run before any system call. */
class PacketSocketTest {

    @Test
    void sockaddrLlForBindingCarriesFamilyProtocolAndIndexOnly() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "expected bytes are written for little-endian hosts");
        HexDiff.assertBytes("bind to ifindex 7, ETH_P_ARP", Bytes.hex("""
                11 00 08 06   # sll_family AF_PACKET (host order), sll_protocol 0x0806 (network order)
                07 00 00 00   # sll_ifindex 7
                00 00 00 00   # sll_hatype, sll_pkttype, sll_halen 0
                00 00 00 00 | 00 00 00 00   # sll_addr[8]
                """.replaceAll("#[^\\n]*", "")), PacketSocket.sockaddrLl(PacketSocket.ETH_P_ARP, 7, null));
    }

    @Test
    void sockaddrLlForSendingCarriesTheDestinationAddress() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "expected bytes are written for little-endian hosts");
        byte[] broadcast = Bytes.hex("ff ff ff ff ff ff");
        HexDiff.assertBytes("send to ff:ff:ff:ff:ff:ff on ifindex 258, EtherType 0x86dd", Bytes.hex("""
                11 00 86 dd
                02 01 00 00
                00 00 00 06   # sll_halen 6
                ff ff ff ff | ff ff 00 00
                """.replaceAll("#[^\\n]*", "")), PacketSocket.sockaddrLl(PacketSocket.ETH_P_IPV6, 258, broadcast));
    }

    @Test
    void etherTypeConstantsAreThoseOfIfEther() {
        assertEquals(0x0003, PacketSocket.ETH_P_ALL);
        assertEquals(0x0800, PacketSocket.ETH_P_IP);
        assertEquals(0x0806, PacketSocket.ETH_P_ARP);
        assertEquals(0x86DD, PacketSocket.ETH_P_IPV6);
        assertEquals(20, PacketSocket.SOCKADDR_LL_SIZE);
    }

    @Test
    void badArgumentsAreRefusedBeforeAnySystemCall() {
        try (NetNs here = NetNs.current()) {
            IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                    () -> PacketSocket.openForSending(here, 0));
            assertEquals("invalid ifindex 0: must be positive", index.getMessage());
            IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                    () -> PacketSocket.open(here, 1, 0x10000));
            assertEquals("invalid etherType 0x10000: must be 0x0001 to 0xffff", type.getMessage());
            assertThrows(IllegalArgumentException.class, () -> PacketSocket.open(here, 1, 0));
        }
    }
}
