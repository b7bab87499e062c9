package io.jnetlink.core.net;

import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InetAddressesTest {

    @Test
    void ipv4MappedIpv6KeepsItsFamily() {
        InetAddress parsed = InetAddresses.parse("::ffff:10.0.0.1");
        assertInstanceOf(Inet6Address.class, parsed);
        assertEquals("::ffff:10.0.0.1", InetAddresses.toString(parsed));
        assertInstanceOf(Inet6Address.class, InetAddresses.fromBytes(parsed.getAddress()));
        IpPrefix p = IpPrefix.parse("::ffff:10.0.0.0/104");
        assertTrue(p.isIpv6());
        assertEquals(104, p.length());
        assertEquals(InetAddresses.AF_INET6, p.family());
    }

    @Test
    void plainLiteralsParseWithoutDns() {
        assertInstanceOf(Inet4Address.class, InetAddresses.parse("192.0.2.7"));
        assertEquals("2001:db8::1", InetAddresses.toString(InetAddresses.parse("2001:DB8:0:0:0:0:0:1")));
        assertEquals("fe80::1:0:0:1", InetAddresses.toString(InetAddresses.parse("fe80:0:0:0:1:0:0:1")));
        for (String bad : new String[]{"localhost", "1.2.3", "1.2.3.256", "", "example.org", "1::2::3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InetAddresses.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void fromBytesRejectsOtherLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InetAddresses.fromBytes(new byte[5]));
        assertTrue(e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void prefixNetworkClearsHostBits() {
        assertEquals("10.1.0.0/16", IpPrefix.parse("10.1.2.3/16").network().toString());
        assertEquals("2001:db8::/32", IpPrefix.parse("2001:db8:1:2::5/32").network().toString());
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.0/x"));
    }
}
