package io.jnetlink.cli;

import io.jnetlink.oracles.Ip;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Usage errors of the layer-2 and host commands: exit 2, the keyword or value named on the first line, nothing on
 * stdout, and nothing changed (links, addresses, routes, FDB, bridge ports, neighbours, sysctl, as ip and bridge
 * show them).
 */
@NetnsTest
class L2UsageErrorTest {

    /** Each line: the arguments after --netns NS, and what the message must name. */
    @ParameterizedTest(name = "jnl {0}")
    @CsvSource(delimiter = '|', textBlock = """
            link add x0 type vxlan                                  | 'id VNI'
            link add x0 type vxlan id 16777216                      | '16777216'
            link add x0 type vxlan id 5 remote 239.1.1.1            | 239.1.1.1
            link add x0 type vxlan id 5 group 10.0.0.1              | 10.0.0.1
            link add x0 type vxlan id 5 local 10.0.0.1 remote fd00::1 | fd00::1
            link add x0 type vxlan id 5 local 10.0.0.x              | '10.0.0.x'
            link add x0 type vxlan id 5 srcport 2000 1000           | '2000 1000'
            link add x0 type vxlan id 5 ttl 256                     | '256'
            link add x0 type vxlan id 5 tos 0x100                   | '0x100'
            link add x0 type vxlan id 5 dstport 65536               | '65536'
            link add x0 type vxlan id 5 frob                        | 'frob'
            link add x0 type vxlan id 5 vnifilter                   | vnifilter
            link add x0 type bridge forward_delay abc               | 'abc'
            link add x0 type bridge vlan_filtering 2                | '2'
            link add x0 type bridge vlan_protocol 802.1x            | '802.1x'
            link add x0 type bridge priority 65536                  | '65536'
            link add x0 type bridge vlan_default_pvid 4095          | '4095'
            link add x0 type bridge group_fwd_mask 0x10000          | '0x10000'
            link add x0 type bridge stp_state                       | stp_state
            link add x0 type bridge frob 1                          | 'frob'
            link add x0 type macvlan mode private                   | 'link PARENT'
            link add x0 link v1 type macvlan mode bogus             | 'bogus'
            link add x0 link v1 type vlan                           | 'id VLANID'
            link add x0 link v1 type vlan id 4095                   | '4095'
            link add x0 link v1 type vlan id 5 protocol 802.1x      | '802.1x'
            link add x0 type dummy frob                             | 'frob'
            link add x0 type wireguard listen-port 1                | 'listen-port'
            link add x0 master br0 type veth peer x1                | master
            link add x0 address 02:00:00:00:00 type bridge          | '02:00:00:00:00'
            link add this-name-is-too-long type bridge              | 'this-name-is-too-long'
            link set v0 master                                      | master
            link set v0 type bridge frob 1                          | 'frob'
            link set v0 type frob                                   | 'frob'
            link set v0 nomaster frob                               | 'frob'
            fdb add 02:00:00:00:00:01                               | dev
            fdb add dev vx0                                         | MAC
            fdb add 02:00:00:00:00 dev vx0                          | '02:00:00:00:00'
            fdb add 02:00:00:00:00:01 dev vx0 dst 10.0.0.x          | '10.0.0.x'
            fdb add 02:00:00:00:00:01 dev vx0 vni 16777216          | '16777216'
            fdb add 02:00:00:00:00:01 dev vx0 port 0                | '0'
            fdb add 02:00:00:00:00:01 dev vx0 vlan 4095             | '4095'
            fdb add 02:00:00:00:00:01 dev vx0 static dynamic        | dynamic
            fdb add 02:00:00:00:00:01 dev vx0 frob                  | 'frob'
            fdb append 00:00:00:00:00:00 dev vx0 dst                | dst
            fdb del 02:00:00:00:00:01                               | dev
            fdb list dev vx0 br br0                                 | br
            fdb list frob                                           | 'frob'
            fdb sync                                                | DEV
            neigh add 10.0.0.2 lladdr 02:00:00:00:00:02             | dev
            neigh add lladdr 02:00:00:00:00:02 dev v0               | address
            neigh add 10.0.0.x dev v0                               | '10.0.0.x'
            neigh add 10.0.0.2 lladdr zz dev v0                     | 'zz'
            neigh add 10.0.0.2 dev v0 nud bogus                     | 'bogus'
            neigh add 10.0.0.2 dev v0 frob                          | 'frob'
            neigh replace 10.0.0.2 dev v0 nud 0x6                   | '0x6'
            -6 neigh add 10.0.0.2 dev v0                            | -6
            neigh list frob                                         | 'frob'
            bridge                                                  | link or vlan
            bridge link set dev v0 learning maybe                   | 'maybe'
            bridge link set dev v0 cost 0                           | '0'
            bridge link set dev v0 priority 64                      | '64'
            bridge link set dev v0 state bogus                      | 'bogus'
            bridge link set learning off                            | dev
            bridge link set dev v0                                  | nothing to change
            bridge vlan add dev v0                                  | vid
            bridge vlan add dev v0 vid 4095                         | '4095'
            bridge vlan add dev v0 vid 20-10                        | '20-10'
            bridge vlan add dev v0 vid 10-20 pvid                   | '10-20'
            bridge vlan add dev v0 vid 10 self master               | master
            bridge vlan del dev v0 vid x                            | 'x'
            tap                                                     | add or del
            tap add tp0 mode x                                      | 'x'
            tap add tp0 user                                        | user
            tap add tp0%d%d                                         | 'tp0%d%d'
            tap del                                                 | ARGS
            sysctl                                                  | get or set
            sysctl get kernel.hostname                              | 'kernel.hostname'
            sysctl set net.ipv4.ip_forward                          | net.ipv4.ip_forward
            sysctl set net.ipv4.conf.v0.arp_notify abc              | 'abc'
            sysctl set net.ipv4.conf.v0.arp_notify 1\\n2            | arp_notify
            garp v0                                                 | DEV IP
            garp v0 10.0.0.x                                        | '10.0.0.x'
            garp v0 ff02::1                                         | ff02::1
            ethtool                                                 | features or set
            ethtool set v0 gro maybe                                | 'maybe'
            ethtool set v0 gro on gro off                           | twice
            ethtool set v0                                          | nothing to change
            ethtool features v0 extra                               | 'extra'
            wg                                                      | show or set
            wg set wg0 listen-port abc                              | 'abc'
            wg set wg0 fwmark 0x100000000                           | '0x100000000'
            monitor frob                                            | 'frob'
            monitor --count abc                                     | 'abc'
            """)
    void usageErrorsExitTwoNameTheCulpritAndChangeNothing(String args, String culprit, TestNamespace ns) {
        Ip.in(ns.name()).batch("""
                link add br0 type bridge
                link add v0 type veth peer name v1
                link set v0 master br0
                link set v0 up
                link add vx0 type vxlan id 100 dstport 4789
                """);
        String before = Cli.l2State(ns.name()) + Cli.sysctl(ns.name(), "net.ipv4.conf.v0.arp_notify");
        List<String> argv = new ArrayList<>(List.of("--netns", ns.name()));
        for (String a : args.split(" ")) {
            argv.add(a.replace("\\n", "\n"));
        }

        Cli.Result r = Cli.jnl(argv.toArray(String[]::new));

        assertEquals(2, r.exit(), () -> "exit code of jnl " + args + ": " + r.err());
        assertEquals("", r.out());
        assertTrue(r.errLines().getFirst().startsWith("jnl"), r.err());
        assertTrue(r.errLines().getFirst().contains(culprit), () -> "the message names " + culprit + ": " + r.err());
        assertEquals(before, Cli.l2State(ns.name()) + Cli.sysctl(ns.name(), "net.ipv4.conf.v0.arp_notify"),
                "nothing changed");
    }
}
