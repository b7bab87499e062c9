package io.jnetlink.route.sysctl;

import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sysctl in a test namespace, every value checked with {@code ip netns exec NS sysctl -n KEY}, and every key that
 * also exists on the host checked to be unchanged there.
 */
@NetnsTest
class SysctlKernelTest {

    /** {@code sysctl -n KEY} inside the namespace, or empty when sysctl says the key does not exist. */
    private static Optional<String> oracle(TestNamespace ns, String key) {
        Oracle.Result r = Oracle.run(null, "ip", "netns", "exec", ns.name(), "sysctl", "-n", key);
        return r.exitCode() == 0 ? Optional.of(r.stdout().strip()) : Optional.empty();
    }

    /** {@code sysctl -n KEY} on the host. */
    private static String host(String key) {
        return Oracle.stdout("sysctl", "-n", key).strip();
    }

    private static Ip veth(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.run("link", "add", "veth0", "type", "veth", "peer", "name", "veth1");
        return ip;
    }

    /** 0 or 1, whichever {@code current} is not: in range for every boolean setting. */
    private static String other(String current) {
        return current.equals("0") ? "1" : "0";
    }

    @Test
    void everyIpv4SettingTheKernelHasCanBeSetOverRtnetlink(TestNamespace ns) {
        veth(ns);
        try (var socket = ns.openSocket(NetlinkProtocol.ROUTE)) {
            Ipv4DevConfs conf = new Ipv4DevConfs(socket);
            Map<Ipv4DevConf, Integer> before = conf.get("veth0");
            assertTrue(before.size() >= 26, "IFLA_INET_CONF holds IPV4_DEVCONF_MAX values: " + before.size());

            Map<Ipv4DevConf, Integer> wanted = new LinkedHashMap<>();
            for (Ipv4DevConf setting : before.keySet()) {
                if (setting.isKnown() && !setting.isReadOnly()) {
                    wanted.put(setting, before.get(setting) == 0 ? 1 : 0);
                }
            }
            conf.set("veth0", wanted);

            Map<Ipv4DevConf, Integer> after = conf.get("veth0");
            for (Map.Entry<Ipv4DevConf, Integer> e : wanted.entrySet()) {
                String key = "net.ipv4.conf.veth0." + e.getKey().name();
                assertEquals(Optional.of(String.valueOf(e.getValue())), oracle(ns, key), key + " as sysctl reads it");
                assertEquals(e.getValue(), after.get(e.getKey()), key + " read back over rtnetlink");
            }
            assertEquals(before.get(Ipv4DevConf.MC_FORWARDING), after.get(Ipv4DevConf.MC_FORWARDING));
        }
    }

    @Test
    void everyKeyOfTheTableIsSetInTheNamespaceAndNotOnTheHost(TestNamespace ns) {
        veth(ns);
        List<String> keys = List.of(
                "net.ipv4.ip_forward",
                "net.ipv4.conf.veth0.forwarding", "net.ipv4.conf.veth0.arp_notify", "net.ipv4.conf.veth0.proxy_arp",
                "net.ipv4.conf.veth0.rp_filter", "net.ipv6.conf.veth0.accept_ra", "net.ipv6.conf.veth0.disable_ipv6",
                // lo exists on the host too: its settings must not move there
                "net.ipv4.conf.lo.forwarding", "net.ipv4.conf.lo.arp_notify", "net.ipv4.conf.lo.arp_ignore",
                "net.ipv6.conf.lo.disable_ipv6", "net.ipv4.conf.all.arp_notify", "net.ipv4.conf.default.arp_ignore");
        Map<String, String> hostBefore = new LinkedHashMap<>();
        for (String key : keys) {
            Oracle.Result r = Oracle.run(null, "sysctl", "-n", key);
            if (r.exitCode() == 0) {
                hostBefore.put(key, r.stdout().strip());
            }
        }
        try (Sysctl sysctl = Sysctl.open(ns.netns())) {
            for (String key : keys) {
                String current = sysctl.get(key).orElseThrow(() -> new AssertionError(key + " exists in the namespace"));
                assertEquals(oracle(ns, key).orElseThrow(), current, key + ": get agrees with sysctl -n");
                String wanted = other(current);
                sysctl.set(key, wanted);
                assertEquals(Optional.of(wanted), oracle(ns, key), key + " after set, as sysctl reads it");
                assertEquals(Optional.of(wanted), sysctl.get(key), key + " read back");
            }
        }
        for (Map.Entry<String, String> e : hostBefore.entrySet()) {
            assertEquals(e.getValue(), host(e.getKey()), e.getKey() + " on the host is unchanged");
        }
    }

    @Test
    void multiDigitAndMultiFieldValuesAreReadWhole(TestNamespace ns) {
        // /proc/sys files report size 0 and answer only a read at offset 0: a value must come in one read.
        try (Sysctl sysctl = Sysctl.open(ns.netns())) {
            for (String key : List.of("net.core.somaxconn", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_rmem")) {
                assertEquals(oracle(ns, key), sysctl.get(key), key);
            }
            sysctl.set("net.core.somaxconn", "12345");
            assertEquals(Optional.of("12345"), oracle(ns, "net.core.somaxconn"));
            assertEquals(Optional.of("12345"), sysctl.get("net.core.somaxconn"));
        }
    }

    @Test
    void missingKeysAreEmptyOnGetAndTypedErrorsOnSet(TestNamespace ns) {
        try (Sysctl sysctl = Sysctl.open(ns.netns())) {
            assertEquals(Optional.empty(), sysctl.get("net.ipv4.conf.nosuch0.arp_notify"), "rtnetlink: no such link");
            assertEquals(Optional.empty(), sysctl.get("net.ipv4.conf.nosuch0.forwarding"), "/proc/sys: no such file");
            assertEquals(Optional.empty(), sysctl.get("net.ipv4.no_such_key"));

            KernelException noLink = assertThrows(KernelException.class,
                    () -> sysctl.set("net.ipv4.conf.nosuch0.arp_notify", "1"));
            assertEquals(Errno.ENODEV, noLink.errno());
            SyscallException noFile = assertThrows(SyscallException.class,
                    () -> sysctl.set("net.ipv4.conf.nosuch0.forwarding", "1"));
            assertEquals(Errno.ENOENT, noFile.errno());
        }
    }

    @Test
    void refusedValuesLeaveTheKeyUnchanged(TestNamespace ns) {
        veth(ns);
        try (Sysctl sysctl = Sysctl.open(ns.netns())) {
            String forwarding = oracle(ns, "net.ipv4.conf.veth0.forwarding").orElseThrow();
            SyscallException notANumber = assertThrows(SyscallException.class,
                    () -> sysctl.set("net.ipv4.conf.veth0.forwarding", "abc"));
            assertEquals(Errno.EINVAL, notANumber.errno(), "the kernel's proc_dointvec refuses it");
            assertEquals(Optional.of(forwarding), oracle(ns, "net.ipv4.conf.veth0.forwarding"));

            String notify = oracle(ns, "net.ipv4.conf.veth0.arp_notify").orElseThrow();
            assertThrows(IllegalArgumentException.class, () -> sysctl.set("net.ipv4.conf.veth0.arp_notify", "abc"));
            assertEquals(Optional.of(notify), oracle(ns, "net.ipv4.conf.veth0.arp_notify"));

            SyscallException readOnly = assertThrows(SyscallException.class,
                    () -> sysctl.set("net.ipv4.conf.veth0.mc_forwarding", "1"));
            assertEquals(Errno.EACCES, readOnly.errno());
            assertEquals(Optional.of("0"), oracle(ns, "net.ipv4.conf.veth0.mc_forwarding"));
        }
    }

    @Test
    void interfaceWithADotInItsNameIsWrittenWithASlash(TestNamespace ns) {
        Ip ip = veth(ns);
        ip.run("link", "add", "veth0.7", "type", "veth", "peer", "name", "peer7"); // as a VLAN device would be named
        try (Sysctl sysctl = Sysctl.open(ns.netns())) {
            sysctl.set("net.ipv4.conf.veth0/7.arp_notify", "1");
            sysctl.set("net.ipv4.conf.veth0/7.forwarding", "1");
            assertEquals(Optional.of("1"), oracle(ns, "net.ipv4.conf.veth0/7.arp_notify"));
            assertEquals(Optional.of("1"), oracle(ns, "net.ipv4.conf.veth0/7.forwarding"));
            assertEquals(Optional.of("0"), oracle(ns, "net.ipv4.conf.veth0.forwarding"), "the parent is untouched");
        }
    }

    @Test
    void bridgeNetfilterKeysExistOnlyWithBrNetfilter(TestNamespace ns) {
        String key = "net.bridge.bridge-nf-call-iptables";
        Optional<String> present = oracle(ns, key);
        try (Sysctl sysctl = Sysctl.open(ns.netns())) {
            if (present.isEmpty()) {
                assertEquals(Optional.empty(), sysctl.get(key), "br_netfilter is not loaded: the key does not exist");
                SyscallException e = assertThrows(SyscallException.class, () -> sysctl.set(key, "1"));
                assertEquals(Errno.ENOENT, e.errno());
                return;
            }
            String hostBefore = host(key);
            for (String k : List.of(key, "net.bridge.bridge-nf-call-ip6tables", "net.bridge.bridge-nf-call-arptables")) {
                String wanted = other(sysctl.get(k).orElseThrow());
                sysctl.set(k, wanted);
                assertEquals(Optional.of(wanted), oracle(ns, k), k);
            }
            assertEquals(hostBefore, host(key), key + " on the host is unchanged (br_netfilter's keys are per namespace)");
        }
    }
}
