package io.jnetlink.route.sysctl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key parsing and validation, which transport each key takes, and value checks: all before any system call. */
class SysctlKeyTest {

    @Test
    void dottedAndPathFormsNameTheSameFile() {
        SysctlKey dotted = SysctlKey.parse("net.ipv4.conf.eth0/100.forwarding");
        SysctlKey path = SysctlKey.parse("net/ipv4/conf/eth0.100/forwarding");
        assertEquals(dotted, path);
        assertEquals(List.of("net", "ipv4", "conf", "eth0.100", "forwarding"), dotted.components());
        assertEquals(Path.of("/proc/sys/net/ipv4/conf/eth0.100/forwarding"), dotted.path());
        assertEquals("net.ipv4.conf.eth0/100.forwarding", path.toString());
        assertEquals(Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables"),
                SysctlKey.parse("net.bridge.bridge-nf-call-iptables").path());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "kernel.hostname             | only net.* keys belong to a network namespace",
            "net                         | only net.* keys belong to a network namespace",
            "''                          | only net.* keys belong to a network namespace",
            "net..ipv4                   | empty, '.' and '..' components are not allowed",
            "net.ipv4.                   | empty, '.' and '..' components are not allowed",
            "net/ipv4/../../kernel/x     | empty, '.' and '..' components are not allowed",
            "net/./ipv4                  | empty, '.' and '..' components are not allowed",
            "net.ipv4.conf.a b.forwarding| a component must not contain '/', NUL or whitespace",
            "/proc/sys/net/ipv4          | only net.* keys belong to a network namespace",
    })
    void malformedKeysNameTheKeyAndTheReason(String key, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SysctlKey.parse(key));
        assertEquals("invalid sysctl key '" + key + "': " + why, e.getMessage());
    }

    @Test
    void keyWithNulIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SysctlKey.parse("net.ipv4.ip_forward\0"));
        assertThrows(IllegalArgumentException.class, () -> new SysctlKey(List.of("net", "..", "..", "kernel")));
    }

    @ParameterizedTest
    @CsvSource({
            "net.ipv4.conf.veth0.arp_notify, RTNETLINK",
            "net.ipv4.conf.veth0.arp_ignore, RTNETLINK",
            "net.ipv4.conf.veth0.send_redirects, RTNETLINK",
            "net.ipv4.conf.eth0/100.arp_announce, RTNETLINK",
            "net.ipv4.ip_forward, PROCFS",
            "net.ipv4.conf.veth0.forwarding, PROCFS",
            "net.ipv4.conf.veth0.proxy_arp, PROCFS",
            "net.ipv4.conf.veth0.rp_filter, PROCFS",
            "net.ipv4.conf.veth0.mc_forwarding, PROCFS",
            "net.ipv4.conf.all.arp_notify, PROCFS",
            "net.ipv4.conf.default.arp_notify, PROCFS",
            "net.ipv4.conf.veth0.no_such_setting, PROCFS",
            "net.ipv4.conf.a-name-of-16-bytes.arp_notify, PROCFS",
            "net.ipv6.conf.veth0.accept_ra, PROCFS",
            "net.ipv6.conf.veth0.disable_ipv6, PROCFS",
            "net.bridge.bridge-nf-call-iptables, PROCFS",
            "net.ipv4.neigh.veth0.gc_stale_time, PROCFS",
    })
    void transportPerKey(String key, Sysctl.Transport transport) {
        assertEquals(transport, Sysctl.transportOf(key));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "0, 0", "-1, -1", "' 42 ', 42", "0x10, 16", "010, 8", "0, 0", "2147483647, 2147483647",
            "-2147483648, -2147483648"})
    void integersParseAsProcDointvecDoes(String text, int value) {
        assertEquals(value, Sysctl.parseInt(SysctlKey.parse("net.ipv4.conf.x.tag"), text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1 2", "+1", "--1", "08", "0x", "2147483648", "1.5"})
    void nonIntegersAreRefusedForRtnetlinkKeys(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sysctl.parseInt(SysctlKey.parse("net.ipv4.conf.x.tag"), text));
        assertTrue(e.getMessage().startsWith("invalid value '" + text + "' for net.ipv4.conf.x.tag: must be one integer"),
                e.getMessage());
    }

    @Test
    void valuesWithLineBreaksOrNulOrTooLongAreRefused() {
        SysctlKey key = SysctlKey.parse("net.core.somaxconn");
        assertEquals("invalid value '1\\n2' for net.core.somaxconn: line breaks and NUL are not allowed",
                assertThrows(IllegalArgumentException.class, () -> ProcSys.checkValue(key, "1\n2")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProcSys.checkValue(key, "1\0"));
        assertThrows(IllegalArgumentException.class, () -> ProcSys.checkValue(key, "1".repeat(4096)));
        assertEquals("4096\t8192", ProcSys.checkValue(key, "4096\t8192"));
    }

    @Test
    void strerrorTextsMapBackToTheirErrno() {
        assertEquals("EINVAL", ProcSys.errnoOf("Invalid argument").orElseThrow().name());
        assertEquals("EISDIR", ProcSys.errnoOf("Is a directory").orElseThrow().name());
        assertTrue(ProcSys.errnoOf("no such text").isEmpty());
    }
}
