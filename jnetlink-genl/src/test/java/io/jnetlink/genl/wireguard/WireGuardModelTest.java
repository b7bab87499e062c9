package io.jnetlink.genl.wireguard;

import io.jnetlink.core.net.InetAddresses;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import static io.jnetlink.genl.wireguard.Keys.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys, configurations and their validation: bad input fails naming field and value, before any encoding. */
class WireGuardModelTest {

    /** A key as {@code wg genkey} prints one. */
    private static final String WG_KEY = "YAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=";

    @Test
    void keysParseAndPrintAsWgDoes() {
        Key k = Key.parse(WG_KEY);
        assertEquals(WG_KEY, k.toBase64());
        assertEquals(WG_KEY, k.toString());
        assertArrayEquals(Base64.getDecoder().decode(WG_KEY), k.bytes());
        assertEquals(k, new Key(k.bytes()));
        assertEquals(k.hashCode(), new Key(k.bytes()).hashCode());
        assertNotEquals(k, Key.zero());
        assertTrue(Key.zero().isZero());
        assertEquals("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", Key.zero().toBase64());
        byte[] b = k.bytes();
        b[0] ^= 1;
        assertEquals(WG_KEY, k.toBase64(), "a key cannot be changed through its bytes");
        assertEquals("60", HexFormat.of().toHexDigits(k.bytes()[0]));
    }

    @Test
    void malformedKeysAreRejectedNamingThem() {
        for (String bad : new String[]{"", "abc", WG_KEY.substring(1), WG_KEY + "=", WG_KEY.replace('=', 'A'),
                WG_KEY.replace('+', '-'), "YAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBml="}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Key.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class, () -> new Key(new byte[31]));
        assertTrue(shortKey.getMessage().contains("31"), shortKey.getMessage());
    }

    @Test
    void peerSettingsAreValidated() {
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class, () ->
                PeerConfig.of(key(1)).withPersistentKeepalive(Duration.ofMillis(1500)));
        assertTrue(half.getMessage().contains("persistentKeepalive PT1.5S"), half.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PeerConfig.of(key(1)).withPersistentKeepalive(Duration.ofSeconds(65536)));
        assertThrows(IllegalArgumentException.class, () -> PeerConfig.of(key(1)).withPersistentKeepalive(Duration.ofSeconds(-1)));
        PeerConfig.of(key(1)).withPersistentKeepalive(Duration.ofSeconds(65535));

        IllegalArgumentException host = assertThrows(IllegalArgumentException.class, () ->
                PeerConfig.of(key(1)).withEndpoint(InetSocketAddress.createUnresolved("vpn.example.com", 51820)));
        assertTrue(host.getMessage().contains("endpoint 'vpn.example.com") && host.getMessage().contains("no host names"),
                host.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PeerConfig.of(key(1)).withAllowedIps("10.0.0.0/33"));
    }

    @Test
    void deviceSettingsAreValidated() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () ->
                DeviceConfig.empty().withListenPort(65536));
        assertTrue(port.getMessage().contains("listenPort 65536"), port.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceConfig.empty().withListenPort(-1));
        DeviceConfig.empty().withFwmark(0xFFFFFFFF); // u32: every int is a mark

        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () ->
                DeviceConfig.empty().withPeers(PeerConfig.of(key(7)), PeerConfig.removal(key(7))));
        assertTrue(twice.getMessage().contains(key(7).toBase64()), twice.getMessage());

        IllegalArgumentException dev = assertThrows(IllegalArgumentException.class, () ->
                WireGuardCodec.set(0x20, "wireguard-tunnel0", DeviceConfig.empty()));
        assertTrue(dev.getMessage().contains("dev 'wireguard-tunnel0'"), dev.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WireGuardCodec.get(0x20, ""));
        assertThrows(IllegalArgumentException.class, () -> WireGuardCodec.get(5, "wg0"), "family ids start at 16");
    }

    @Test
    void configurationsNeverPrintSecrets() {
        DeviceConfig c = DeviceConfig.empty().withPrivateKey(key(0x55))
                .withPeers(PeerConfig.of(key(0x66)).withPresharedKey(key(0x77))
                        .withEndpoint(new InetSocketAddress(InetAddresses.parse("192.0.2.9"), 1)));
        String text = c.toString();
        assertFalse(text.contains(key(0x55).toBase64()) || text.contains(key(0x77).toBase64()), text);
        assertTrue(text.contains(key(0x66).toBase64()), "public keys are printed: " + text);
    }
}
