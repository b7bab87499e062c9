package io.jnetlink.genl.wireguard;

import io.jnetlink.core.Request;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.genl.GenericNetlink;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.genl.testing.Hex;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jnetlink.genl.testing.Hex.assertBytes;
import static io.jnetlink.genl.testing.Hex.parse;
import static io.jnetlink.genl.wireguard.Keys.hex;
import static io.jnetlink.genl.wireguard.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configurations too large for one message are split as linux/wireguard.h describes and wg does: device
 * attributes and WGDEVICE_F_REPLACE_PEERS in the first message only, a peer whose allowed IPs overflow continued
 * in the next message with only its public key and the rest of its allowed IPs. The messages are read back here
 * with a minimal parser of the uapi layout that shares nothing with the encoder. No root.
 */
class WireGuardSplitTest {

    private static final int FAMILY = WireGuardCodecEncodeTest.FAMILY;

    private static List<IpPrefix> v4s(int count, int thirdOctet) {
        List<IpPrefix> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(IpPrefix.parse("10." + thirdOctet + "." + (i / 256) + "." + (i % 256) + "/32"));
        }
        return out;
    }

    @Test
    void aPeerWhoseAllowedIpsOverflowContinuesWithOnlyItsKeyAndTheRest() {
        // 512 bytes hold the header (28), the flags (8), the peers nest (4), the peer with its flags (48), the
        // allowed IPs nest (4) and exactly 15 IPv4 entries of 28 bytes: 512. Entries 16 and 17 go in message 2.
        DeviceConfig config = DeviceConfig.empty().withReplacePeers()
                .withPeers(PeerConfig.of(key(0xa1)).withReplaceAllowedIps().withAllowedIps(v4s(17, 0)));
        List<Request> requests = WireGuardCodec.set(FAMILY, "wg0", config, 512);
        assertEquals(2, requests.size());
        assertEquals(512, requests.get(0).encode(1, 0).length);
        assertEquals("set wireguard device wg0 (message 1 of 2)", requests.get(0).operation());
        assertEquals("set wireguard device wg0 (message 2 of 2)", requests.get(1).operation());
        assertBytes("second message", parse("""
                84000000 20000500 02000000 00000000  # len 132, seq 2
                01010000
                08000200 77673000                    # WGDEVICE_A_IFNAME: every message names the device
                                                     # no WGDEVICE_A_FLAGS: peers must not be replaced again
                68000880                             # WGDEVICE_A_PEERS
                  64000080
                    24000100 %s                      #   the same peer, by its public key only
                                                     #   no WGPEER_F_REPLACE_ALLOWEDIPS: message 1's IPs stay
                    3c000980
                      1c000080 06000100 02000000 08000200 0a00000f 05000300 20000000  # 10.0.0.15/32
                      1c000080 06000100 02000000 08000200 0a000010 05000300 20000000  # 10.0.0.16/32
                """.formatted(hex(0xa1))), requests.get(1).encode(2, 0));
    }

    @Test
    void manyPeersAreSpreadOverMessagesUnderTheLimitAndNothingIsLost() {
        List<PeerConfig> peers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            PeerConfig p = PeerConfig.of(Keys.numbered(i + 1)).withAllowedIps(v4s(1 + i % 3, i % 200));
            if (i % 2 == 0) {
                p = p.withEndpoint(new InetSocketAddress(InetAddresses.parse("2001:db8::" + Integer.toHexString(i + 1)),
                        40000 + i)).withPresharedKey(key(255 - i));
            }
            if (i % 7 == 0) {
                p = p.withReplaceAllowedIps();
            }
            peers.add(p);
        }
        // one peer with 1000 allowed IPs spans several messages on its own
        peers.add(PeerConfig.of(key(0xfe)).withRemove().withReplaceAllowedIps().withAllowedIps(v4s(1000, 201)));
        DeviceConfig config = DeviceConfig.empty().withPrivateKey(key(0x01)).withListenPort(51820).withReplacePeers()
                .withPeers(peers.subList(0, 300)).withPeers(peers.get(300));

        List<Request> requests = WireGuardCodec.set(FAMILY, "wg0", config);
        assertTrue(requests.size() > 5, "split into " + requests.size());
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            byte[] b = requests.get(i).encode(i + 1, 0);
            assertTrue(b.length <= WireGuardCodec.MAX_MESSAGE_BYTES, "message " + i + " has " + b.length + " bytes");
            sent.add(Sent.parse(b));
        }
        assertEquals(List.of(2, 3, 6, 5), List.copyOf(sent.getFirst().deviceAttributes.keySet()),
                "IFNAME, PRIVATE_KEY, LISTEN_PORT, FLAGS (REPLACE_PEERS) in the first message");
        for (Sent s : sent.subList(1, sent.size())) {
            assertEquals(List.of(2), List.copyOf(s.deviceAttributes.keySet()), "later messages: IFNAME and PEERS only");
        }
        // reassemble: consecutive entries of one key are one peer
        Map<Key, List<IpPrefix>> ips = new LinkedHashMap<>();
        Map<Key, Integer> entries = new LinkedHashMap<>();
        Key previous = null;
        for (Sent s : sent) {
            for (Sent.PeerEntry e : s.peers) {
                boolean continuation = e.key.equals(previous);
                entries.merge(e.key, 1, Integer::sum);
                if (continuation) {
                    assertSame(s.peers.getFirst(), e, "a continuation opens its message");
                    assertTrue(List.of(1, 3, 9).containsAll(e.attributes), "key, flags, IPs only: " + e.attributes);
                    assertEquals(0, e.flags & WireGuardCodec.WGPEER_F_REPLACE_ALLOWEDIPS, "never replace again");
                }
                ips.computeIfAbsent(e.key, k -> new ArrayList<>()).addAll(e.allowedIps);
                previous = e.key;
            }
        }
        assertEquals(peers.stream().map(PeerConfig::publicKey).toList(), List.copyOf(ips.keySet()), "every peer, in order");
        for (PeerConfig p : peers) {
            assertEquals(p.allowedIps(), ips.get(p.publicKey()), "allowed IPs of " + p.publicKey());
        }
        assertTrue(entries.get(key(0xfe)) >= 3, "the big peer spans messages");
        for (Sent s : sent) {
            for (Sent.PeerEntry e : s.peers) {
                if (e.key.equals(key(0xfe))) {
                    assertEquals(WireGuardCodec.WGPEER_F_REMOVE_ME, e.flags & WireGuardCodec.WGPEER_F_REMOVE_ME,
                            "REMOVE_ME is kept on every fragment, as wg does");
                }
            }
        }
    }

    @Test
    void aTooSmallLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WireGuardCodec.set(FAMILY, "wg0", DeviceConfig.empty(), 100));
    }

    @Test
    void noPeersIsOneMessageEvenWithReplacePeers() {
        List<Request> r = WireGuardCodec.set(FAMILY, "wg0", DeviceConfig.empty().withReplacePeers(), 512);
        assertEquals(1, r.size());
        assertFalse(Hex.message(r.getFirst().encode(1, 0)).payload().remaining() > 4 + 8 + 8);
    }

    /** A WG_CMD_SET_DEVICE message read with nothing but the uapi layout. */
    private record Sent(Map<Integer, byte[]> deviceAttributes, List<PeerEntry> peers) {

        record PeerEntry(Key key, int flags, List<Integer> attributes, List<IpPrefix> allowedIps) {
        }

        static Sent parse(byte[] message) {
            var m = Hex.message(message);
            Map<Integer, byte[]> device = new LinkedHashMap<>();
            List<PeerEntry> peers = new ArrayList<>();
            AttributeReader a = m.attributes(GenericNetlink.GENL_HDRLEN, AttributeNames.NUMBERED);
            while (a.next()) {
                if (a.type() != 8) {
                    device.put(a.type(), a.bytes());
                    continue;
                }
                AttributeReader list = a.nested(AttributeNames.NUMBERED);
                while (list.next()) {
                    AttributeReader p = list.nested(AttributeNames.NUMBERED);
                    Key key = null;
                    int flags = 0;
                    List<Integer> types = new ArrayList<>();
                    List<IpPrefix> ips = new ArrayList<>();
                    while (p.next()) {
                        types.add(p.type());
                        switch (p.type()) {
                            case 1 -> key = new Key(p.bytes());
                            case 3 -> flags = p.u32();
                            case 9 -> {
                                AttributeReader ipList = p.nested(AttributeNames.NUMBERED);
                                while (ipList.next()) {
                                    AttributeReader ip = ipList.nested(AttributeNames.NUMBERED);
                                    byte[] addr = null;
                                    int cidr = -1;
                                    while (ip.next()) {
                                        if (ip.type() == 2) {
                                            addr = ip.bytes();
                                        } else if (ip.type() == 3) {
                                            cidr = ip.u8();
                                        }
                                    }
                                    ips.add(new IpPrefix(InetAddresses.fromBytes(addr), cidr));
                                }
                            }
                            default -> {
                            }
                        }
                    }
                    peers.add(new PeerEntry(key, flags, types, ips));
                }
            }
            return new Sent(device, peers);
        }
    }
}
