package io.jnetlink.genl.wireguard;

import io.jnetlink.core.Request;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.genl.testing.Hex;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static io.jnetlink.genl.testing.Hex.assertBytes;
import static io.jnetlink.genl.testing.Hex.parse;
import static io.jnetlink.genl.wireguard.Keys.hex;
import static io.jnetlink.genl.wireguard.Keys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * WG_CMD_SET_DEVICE and WG_CMD_GET_DEVICE requests, byte for byte against the layout of linux/wireguard.h
 * (written out by hand below, attribute order as wireguard-tools writes it). This kernel has no WireGuard, so
 * nothing here was recorded; every byte is derived from the uapi header. No root.
 */
class WireGuardCodecEncodeTest {

    /** An arbitrary id for the wireguard family: the kernel assigns it at module load. */
    static final int FAMILY = 0x20;

    private static InetSocketAddress endpoint(String ip, int port) {
        return new InetSocketAddress(InetAddresses.parse(ip), port);
    }

    private static byte[] only(List<Request> requests) {
        assertEquals(1, requests.size(), "one message");
        return requests.getFirst().encode(1, 0);
    }

    @Test
    void getIsADumpNamingTheDevice() {
        MessageWriter w = new MessageWriter();
        WireGuardCodec.get(FAMILY, "wg0").encodeTo(w, Nl.NLM_F_DUMP, 1, 0); // as NetlinkSocket.dump frames it
        assertBytes("wg show wg0", parse("""
                1c000000 20000103 01000000 00000000  # len 28, wireguard family, REQUEST|DUMP (the only way allowed)
                00010000                             # WG_CMD_GET_DEVICE, version 1
                08000200 77673000                    # WGDEVICE_A_IFNAME "wg0"
                """), w.toByteArray());
    }

    @Test
    void setWithReplacePeersSeveralPeersEndpointsAllowedIpsKeepaliveAndRemoval() {
        DeviceConfig config = DeviceConfig.empty()
                .withPrivateKey(key(0x01))
                .withListenPort(51820)
                .withFwmark(0x1234)
                .withReplacePeers()
                .withPeers(PeerConfig.of(key(0xa1))
                                .withPresharedKey(key(0xb1))
                                .withEndpoint(endpoint("192.0.2.1", 51820))
                                .withPersistentKeepalive(Duration.ofSeconds(25))
                                .withReplaceAllowedIps()
                                .withAllowedIps("10.0.0.2/32", "fd00::2/128"),
                        PeerConfig.of(key(0xa2))
                                .withEndpoint(endpoint("2001:db8::1", 51821))
                                .withAllowedIps("10.0.1.0/24"),
                        PeerConfig.removal(key(0xa3)));
        assertBytes("wg setconf wg0 (three peers)", parse("""
                ac010000 20000500 01000000 00000000  # len 428, wireguard family, REQUEST|ACK, seq 1
                01010000                             # WG_CMD_SET_DEVICE, version 1
                08000200 77673000                    # WGDEVICE_A_IFNAME "wg0"
                24000300 %s                          # WGDEVICE_A_PRIVATE_KEY
                06000600 6cca0000                    # WGDEVICE_A_LISTEN_PORT 51820 (u16, padded)
                08000700 34120000                    # WGDEVICE_A_FWMARK 0x1234
                08000500 01000000                    # WGDEVICE_A_FLAGS WGDEVICE_F_REPLACE_PEERS
                54010880                             # WGDEVICE_A_PEERS (nested)
                  b8000080                           #   peer entry (type 0, nested)
                    24000100 %s                      #     WGPEER_A_PUBLIC_KEY
                    24000200 %s                      #     WGPEER_A_PRESHARED_KEY
                    14000400                         #     WGPEER_A_ENDPOINT, struct sockaddr_in:
                      0200 ca6c c0000201 00000000 00000000  # AF_INET, port 51820 (be), 192.0.2.1, zero
                    06000500 19000000                #     WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL 25
                    08000300 02000000                #     WGPEER_A_FLAGS WGPEER_F_REPLACE_ALLOWEDIPS
                    48000980                         #     WGPEER_A_ALLOWEDIPS
                      1c000080                       #       entry
                        06000100 02000000            #         WGALLOWEDIP_A_FAMILY AF_INET
                        08000200 0a000002            #         WGALLOWEDIP_A_IPADDR 10.0.0.2
                        05000300 20000000            #         WGALLOWEDIP_A_CIDR_MASK 32
                      28000080
                        06000100 0a000000            #         AF_INET6
                        14000200 fd000000 00000000 00000000 00000002  # fd00::2
                        05000300 80000000            #         /128
                  68000080                           #   second peer
                    24000100 %s
                    20000400                         #     WGPEER_A_ENDPOINT, struct sockaddr_in6:
                      0a00 ca6d 00000000             #       AF_INET6, port 51821 (be), flowinfo 0
                      20010db8 00000000 00000000 00000001  # 2001:db8::1
                      00000000                       #       scope id 0
                    20000980
                      1c000080 06000100 02000000 08000200 0a000100 05000300 18000000  # 10.0.1.0/24
                  30000080                           #   third peer
                    24000100 %s
                    08000300 01000000                #     WGPEER_A_FLAGS WGPEER_F_REMOVE_ME
                """.formatted(hex(0x01), hex(0xa1), hex(0xb1), hex(0xa2), hex(0xa3))),
                only(WireGuardCodec.set(FAMILY, "wg0", config)));
    }

    @Test
    void setOnlyWhatChangesAndRemovingKeys() {
        // no peers: no WGDEVICE_A_PEERS at all; zero keys remove, port 0 asks for a random one, fwmark 0 clears
        assertBytes("wg set wg0 private-key /dev/null listen-port 0 fwmark 0", parse("""
                50000000 20000500 01000000 00000000
                01010000
                08000200 77673000
                24000300 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
                06000600 00000000
                08000700 00000000
                """), only(WireGuardCodec.set(FAMILY, "wg0",
                DeviceConfig.empty().withPrivateKey(Key.zero()).withListenPort(0).withFwmark(0))));

        assertBytes("wg set wg0 peer KEY update-only preshared-key /dev/null persistent-keepalive off", parse("""
                7c000000 20000500 01000000 00000000
                01010000
                08000200 77673000
                60000880
                  5c000080
                    24000100 %s
                    24000200 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000
                    06000500 00000000                # keepalive 0: off
                    08000300 04000000                # WGPEER_F_UPDATE_ONLY
                """.formatted(hex(0xa1))), only(WireGuardCodec.set(FAMILY, "wg0", DeviceConfig.empty()
                .withPeers(PeerConfig.of(key(0xa1)).withUpdateOnly().withPresharedKey(Key.zero())
                        .withPersistentKeepalive(Duration.ZERO)))));

        assertBytes("wg set wg0 peer KEY allowed-ips \"\" (replace with nothing)", parse("""
                50000000 20000500 01000000 00000000
                01010000
                08000200 77673000
                34000880
                  30000080
                    24000100 %s
                    08000300 02000000                # WGPEER_F_REPLACE_ALLOWEDIPS and no list: all removed
                """.formatted(hex(0xa1))), only(WireGuardCodec.set(FAMILY, "wg0", DeviceConfig.empty()
                .withPeers(PeerConfig.of(key(0xa1)).withReplaceAllowedIps()))));
    }

    @Test
    void scopedIpv6EndpointCarriesItsScopeId() throws Exception {
        var scoped = java.net.Inet6Address.getByAddress(null, InetAddresses.parse("fe80::1").getAddress(), 7);
        assertBytes("endpoint [fe80::1%7]:1", parse("""
                0a00 0001 00000000                   # AF_INET6, port 1, flowinfo
                fe800000 00000000 00000000 00000001
                07000000                             # sin6_scope_id 7 (host order)
                """), WireGuardCodec.sockaddr(new InetSocketAddress(scoped, 1)));
    }

    @Test
    void removePeerIsOneFlaggedEntry() {
        assertBytes("wg set wg0 peer KEY remove", Hex.parse("""
                50000000 20000500 01000000 00000000
                01010000
                08000200 77673000
                34000880
                  30000080
                    24000100 %s
                    08000300 01000000
                """.formatted(hex(0xc3))), only(WireGuardCodec.set(FAMILY, "wg0",
                DeviceConfig.empty().withPeers(PeerConfig.removal(key(0xc3))))));
    }
}
