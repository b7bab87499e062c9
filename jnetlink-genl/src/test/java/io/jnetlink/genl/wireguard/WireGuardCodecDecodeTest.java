package io.jnetlink.genl.wireguard;

import io.jnetlink.core.Message;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.genl.testing.Hex;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import static io.jnetlink.genl.testing.Hex.parse;
import static io.jnetlink.genl.wireguard.Keys.hex;
import static io.jnetlink.genl.wireguard.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decoding WG_CMD_GET_DEVICE dumps built by hand in the shape the kernel gives them (drivers/net/wireguard/
 * netlink.c: device attributes first, then peers; a peer's allowed IPs continued in the next message under its
 * public key alone; list entries of type 0 with NLA_F_NESTED; pad attributes of type 0 before 64-bit counters on
 * architectures that align them). No root.
 */
class WireGuardCodecDecodeTest {

    private static final int FAMILY = WireGuardCodecEncodeTest.FAMILY;

    /** NLM_F_MULTI dump messages: header line for a message of {@code length} bytes. */
    private static String header(int length, int seq) {
        return Hex.u32(length) + " " + Hex.u16(FAMILY) + "0200 " + Hex.u32(seq) + " 39300000";
    }

    static final String MESSAGE_1 = header(316, 7) + """
            00010000                             # WG_CMD_GET_DEVICE, version 1
            06000600 6cca0000                    # WGDEVICE_A_LISTEN_PORT 51820
            08000700 00000000                    # WGDEVICE_A_FWMARK 0: none
            08000100 05000000                    # WGDEVICE_A_IFINDEX 5
            08000200 77673000                    # WGDEVICE_A_IFNAME "wg0"
            24000300 %s                          # WGDEVICE_A_PRIVATE_KEY
            24000400 %s                          # WGDEVICE_A_PUBLIC_KEY
            c0000880                             # WGDEVICE_A_PEERS
              bc000080                           #   peer A
                24000100 %s                      #     WGPEER_A_PUBLIC_KEY
                24000200 %s                      #     WGPEER_A_PRESHARED_KEY
                14000600 00f15365 00000000 0065cd1d 00000000  # WGPEER_A_LAST_HANDSHAKE_TIME 1700000000.5
                06000500 19000000                #     WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL 25
                0c000800 e8030000 00000000       #     WGPEER_A_TX_BYTES 1000
                0c000700 d0070000 00000000       #     WGPEER_A_RX_BYTES 2000
                08000a00 01000000                #     WGPEER_A_PROTOCOL_VERSION 1
                14000400 0200ca6c c0000201 00000000 00000000  # WGPEER_A_ENDPOINT 192.0.2.1:51820
                20000980                         #     WGPEER_A_ALLOWEDIPS
                  1c000080 05000300 20000000 06000100 02000000 08000200 0a000002  # /32 AF_INET 10.0.0.2
            """.formatted(hex(0x01), hex(0x02), hex(0xa1), hex(0xb1));

    static final String MESSAGE_2 = header(284, 7) + """
            00010000
            08010880                             # WGDEVICE_A_PEERS: no device attributes in later messages
              54000080                           #   peer A again: public key and more allowed IPs only
                24000100 %s
                2c000980
                  28000080 05000300 40000000 06000100 0a000000 14000200 fd000000 00000000 00000000 00000000
              b0000080                           #   peer B
                24000100 %s
                24000200 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000  # no PSK
                14000600 00000000 00000000 00000000 00000000  # no handshake yet
                06000500 00000000                #     keepalive off
                04000000                         #     pad (WGPEER_A_UNSPEC) before a u64
                0c000800 00000000 00000000
                04000000
                0c000700 00000000 00000000
                08000a00 01000000
                20000400 0a00ca6d 00000000 fe800000 00000000 00000000 00000001 03000000  # [fe80::1%%3]:51821
            """.formatted(hex(0xa1), hex(0xa2));

    static final String MESSAGE_3 = header(124, 7) + """
            00010000
            68000880
              64000080                           #   peer B again, its allowed IPs this time
                24000100 %s
                3c000980
                  1c000080 05000300 18000000 06000100 02000000 08000200 0a000200  # 10.0.2.0/24
                  1c000080 05000300 18000000 06000100 02000000 08000200 0a000300  # 10.0.3.0/24
            """.formatted(hex(0xa2));

    static List<Message> messages(String... texts) {
        List<Message> out = new ArrayList<>();
        for (String t : texts) {
            out.add(Hex.message(parse(t)));
        }
        return out;
    }

    @Test
    void peersSpreadOverThreeMessagesAreMerged() {
        Device d = WireGuardCodec.decode(messages(MESSAGE_1, MESSAGE_2, MESSAGE_3));
        assertEquals(5, d.ifindex());
        assertEquals("wg0", d.name());
        assertEquals(Optional.of(key(0x01)), d.privateKey());
        assertEquals(Optional.of(key(0x02)), d.publicKey());
        assertEquals(51820, d.listenPort());
        assertEquals(OptionalInt.empty(), d.fwmark());
        assertEquals(2, d.peers().size(), "A's and B's continuations are merged, not extra peers");

        Peer a = d.peers().get(0);
        assertEquals(new Peer(key(0xa1), Optional.of(key(0xb1)),
                Optional.of(new InetSocketAddress(InetAddresses.parse("192.0.2.1"), 51820)),
                List.of(IpPrefix.parse("10.0.0.2/32"), IpPrefix.parse("fd00::/64")),
                Optional.of(Duration.ofSeconds(25)), Optional.of(Instant.ofEpochSecond(1_700_000_000L, 500_000_000)),
                2000, 1000, 1, List.of()), a);

        Peer b = d.peers().get(1);
        assertEquals(key(0xa2), b.publicKey());
        assertEquals(Optional.empty(), b.presharedKey(), "an all-zero preshared key is none");
        assertEquals(Optional.empty(), b.lastHandshake());
        assertEquals(Optional.empty(), b.persistentKeepalive());
        assertEquals(List.of(IpPrefix.parse("10.0.2.0/24"), IpPrefix.parse("10.0.3.0/24")), b.allowedIps());
        InetSocketAddress e = b.endpoint().orElseThrow();
        assertEquals(51821, e.getPort());
        assertEquals(InetAddresses.parse("fe80::1"), e.getAddress());
        assertEquals(3, ((Inet6Address) e.getAddress()).getScopeId());
        assertTrue(b.unknown().isEmpty(), "pad attributes are padding, not unknown data");

        assertEquals(Optional.of(b), d.peer(key(0xa2)));
        assertTrue(d.toString().contains("privateKey=(hidden)") && !d.toString().contains(key(0x01).toBase64()),
                "the private key never reaches a log");
    }

    @Test
    void aDeviceWithoutPeersOrKeys() {
        Device d = WireGuardCodec.decode(messages(header(68, 1) + """
                00010000
                06000600 00000000
                08000700 2a000000                # fwmark 42
                08000100 07000000
                08000200 77673100                # "wg1"
                04000880                         # empty WGDEVICE_A_PEERS
                0c001f00 01020304 05060708       # attribute 31, unknown to this decoder
                """));
        assertEquals(new Device(7, "wg1", Optional.empty(), Optional.empty(), 0, OptionalInt.of(42), List.of(),
                d.unknown()), d);
        assertEquals(1, d.unknown().size());
        assertEquals(31, d.unknown().getFirst().type());
    }

    @Test
    void malformedDumpsAreDecodeErrors() {
        assertThrows(DecodeException.class, () -> WireGuardCodec.decode(List.of()));
        // the device attributes missing altogether: a dump that starts mid-way
        DecodeException noDevice = assertThrows(DecodeException.class, () -> WireGuardCodec.decode(messages(MESSAGE_3)));
        assertTrue(noDevice.getMessage().contains("WGDEVICE_A_"), noDevice.getMessage());

        // the endpoint 4 bytes short, and the lengths of the peer, the peer list and the message with it
        String shortEndpoint = MESSAGE_1.replace(header(316, 7), header(312, 7))
                .replace("14000400 0200ca6c c0000201 00000000 00000000", "10000400 0200ca6c c0000201 00000000")
                .replace("bc000080", "b8000080").replace("c0000880", "bc000880");
        DecodeException.AttributeSize e = assertThrows(DecodeException.AttributeSize.class, () ->
                WireGuardCodec.decode(messages(shortEndpoint)));
        assertEquals("WGPEER_A_ENDPOINT", e.attribute());
        assertEquals(16, e.expected());
        assertEquals(12, e.actual());

        DecodeException mask = assertThrows(DecodeException.class, () -> WireGuardCodec.decode(messages(
                MESSAGE_1.replace("05000300 20000000 06000100 02000000", "05000300 21000000 06000100 02000000"))));
        assertTrue(mask.getMessage().contains("33"), mask.getMessage());

        DecodeException family = assertThrows(DecodeException.class, () -> WireGuardCodec.decode(messages(
                MESSAGE_1.replace("05000300 20000000 06000100 02000000", "05000300 20000000 06000100 0a000000"))));
        assertTrue(family.getMessage().contains("WGALLOWEDIP_A_IPADDR"), family.getMessage());

        DecodeException key = assertThrows(DecodeException.class, () -> WireGuardCodec.decode(messages(
                MESSAGE_3.replace("24000100", "24000200"))));
        assertTrue(key.getMessage().contains("WGPEER_A_PUBLIC_KEY"), key.getMessage());
    }

    @Test
    void noInputCrashesTheDecoder() {
        byte[][] seeds = {parse(MESSAGE_1), parse(MESSAGE_2), parse(MESSAGE_3)};
        Random random = new Random(51820);
        for (int i = 0; i < 3000; i++) {
            List<Message> dump = new ArrayList<>();
            for (byte[] seed : seeds) {
                byte[] b = seed.clone();
                for (int f = random.nextInt(4); f > 0; f--) {
                    b[16 + random.nextInt(b.length - 16)] = (byte) random.nextInt(256);
                }
                int length = 16 + random.nextInt(b.length - 16 + 1);
                dump.add(new Message(FAMILY, 2, 7, 0, ByteBuffer.wrap(b, 16, length - 16)));
            }
            try {
                WireGuardCodec.decode(dump);
            } catch (DecodeException expected) {
                // malformed input must fail this way and no other
            }
        }
    }
}
