package io.jnetlink.cli;

import io.jnetlink.oracles.Ip;
import io.jnetlink.testkit.NetnsTest;
import io.jnetlink.testkit.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and error lines: 1 when the operation fails, 2 for usage errors, which change nothing. */
@NetnsTest
class ErrorTest {

    @Test
    void addingAnExistingAddressFailsWithTheKernelsReason(TestNamespace ns) {
        Ip ip = Ip.in(ns.name());
        ip.batch("link add v0 type veth peer name v1\n");
        Cli.ok(ns.name(), "addr add 10.0.0.1/24 dev v0");
        String before = Cli.ipState(ns.name());

        Cli.Result r = Cli.jnlIn(ns.name(), "addr", "add", "10.0.0.1/24", "dev", "v0");

        assertEquals(1, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), "one line: " + r.err());
        String line = r.errLines().getFirst();
        assertTrue(line.startsWith("jnl addr add: add address 10.0.0.1/24 dev v0: EEXIST"), line);
        // The kernel's extended-ACK text, as ip prints it ("Error: ipv4: Address already assigned.").
        String ipError = ip.attempt("addr", "add", "10.0.0.1/24", "dev", "v0").stderr().strip();
        String kernelText = ipError.replaceFirst("^Error: ", "").replaceFirst("\\.$", "");
        assertTrue(kernelText.contains("Address already assigned"), ipError);
        assertTrue(line.endsWith(": " + kernelText), line + " ends with the kernel's text " + kernelText);
        assertEquals(before, Cli.ipState(ns.name()));
    }

    @Test
    void operationFailuresExitOneWithOneLine(TestNamespace ns) {
        Ip.in(ns.name()).batch("link add v0 type veth peer name v1\n");
        String before = Cli.ipState(ns.name());
        for (String[] failing : List.of(
                new String[]{"link", "set", "nope", "up"},
                new String[]{"link", "del", "nope"},
                new String[]{"link", "add", "v0", "type", "veth", "peer", "v9"},
                new String[]{"addr", "del", "10.9.9.9/24", "dev", "v0"},
                new String[]{"route", "del", "10.99.0.0/16"},
                new String[]{"route", "add", "10.99.0.0/16", "via", "10.1.1.1"},
                new String[]{"link", "set", "v0", "netns", ns.name() + "-missing"})) {
            Cli.Result r = Cli.jnlIn(ns.name(), failing);
            assertEquals(1, r.exit(), () -> String.join(" ", failing) + ": " + r.err());
            assertEquals(1, r.errLines().size(), () -> String.join(" ", failing) + ": " + r.err());
            assertTrue(r.err().startsWith("jnl " + failing[0] + " " + failing[1] + ": "), r.err());
            assertTrue(r.err().matches("(?s).*: E[A-Z0-9]+ \\(.*"), "names the errno: " + r.err());
        }
        Cli.Result r = Cli.jnl("--netns", ns.name() + "-missing", "link", "list");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("ENOENT"), r.err());
        assertEquals(before, Cli.ipState(ns.name()));
    }

    /** Each line: the arguments after --netns NS, and the word the message must name. */
    @ParameterizedTest(name = "jnl {0}")
    @CsvSource(delimiter = '|', textBlock = """
            link set v0 frob                            | 'frob'
            link set v0 up frob                         | 'frob'
            link set v0 mtu abc                         | 'abc'
            link set v0 up mtu 0                        | '0'
            link set v0 address 02:00:00:00:00          | '02:00:00:00:00'
            link set v0 down address zz:00:00:00:00:01  | 'zz:00:00:00:00:01'
            link set v0 down name bad/name              | 'bad/name'
            link set v0 up netns NS down                | 'netns'
            link set v0 netns NS up                     | 'netns'
            link set v0                                 | nothing to change
            link add x0 mtu abc type veth peer x1       | 'abc'
            link add x0 type frob                       | 'frob'
            link add x0 address 02:00:00:00:00 type veth peer x1 | '02:00:00:00:00'
            link add x0 type veth                       | peer
            link add x0 type veth peer name this-name-is-too-long | 'this-name-is-too-long'
            link add x0 frob 1 type veth peer x1        | 'frob'
            addr add 10.0.0.1/24                        | dev
            addr add 10.0.0.1/33 dev v0                 | '10.0.0.1/33'
            addr add 10.0.0.300/24 dev v0               | '10.0.0.300/24'
            addr add 10.0.0.1/24 dev v0 frob            | 'frob'
            addr add 10.0.0.1/24 dev v0 scope galaxy    | 'galaxy'
            addr add 10.0.0.1/24 dev v0 broadcast 10.0.0.x | '10.0.0.x'
            addr add fd00::1/64 dev v0 broadcast fd00::ff  | broadcast
            addr add 10.0.0.1/24 dev v0 label x0:1      | 'x0:1'
            addr add 10.0.0.1 peer fd00::2 dev v0       | 'fd00::2'
            -6 addr add 10.0.0.1/24 dev v0              | -6
            addr del dev v0                             | address
            route add 10.1.0.0/33 dev v0                | '10.1.0.0/33'
            route add 10.1.0.1/16 dev v0                | 10.1.0.1/16
            route add 10.1.0.0/16 via 10.0.0.x          | '10.0.0.x'
            route add 10.1.0.0/16 dev v0 metric abc     | 'abc'
            route add 10.1.0.0/16 dev v0 metric -1      | '-1'
            route add 10.1.0.0/16 dev v0 table abc      | 'abc'
            route add 10.1.0.0/16 dev v0 table all      | all
            route add 10.1.0.0/16 dev v0 scope galaxy   | 'galaxy'
            route add 10.1.0.0/16 dev v0 proto nosuch   | 'nosuch'
            route add 10.1.0.0/16 dev v0 frob 1         | 'frob'
            route add 10.1.0.0/16 via fd00::1           | fd00::1
            route add blackhole 10.1.0.0/16 via 10.0.0.2 | 10.0.0.2
            route add 10.1.0.0/16                       | 'via GATEWAY'
            route add via 10.0.0.2                      | destination
            -6 route add 10.1.0.0/16 dev v0             | '10.1.0.0/16'
            route list frob                             | 'frob'
            -4 -6 route list                            | -6
            link frob                                   | frob
            netns add                                   | NAME
            demo --pairs 0                              | --pairs
            """)
    void usageErrorsExitTwoNameTheCulpritAndChangeNothing(String args, String culprit, TestNamespace ns) {
        Ip.in(ns.name()).batch("link add v0 type veth peer name v1\n");
        String before = Cli.ipState(ns.name());
        List<String> argv = new ArrayList<>(List.of("--netns", ns.name()));
        for (String a : args.split(" ")) {
            argv.add(a.equals("NS") ? ns.name() : a);
        }

        Cli.Result r = Cli.jnl(argv.toArray(String[]::new));

        assertEquals(2, r.exit(), () -> "exit code of jnl " + args + ": " + r.err());
        assertEquals("", r.out());
        assertTrue(r.errLines().getFirst().startsWith("jnl"), r.err());
        assertTrue(r.errLines().getFirst().contains(culprit), () -> "the message names " + culprit + ": " + r.err());
        assertEquals(before, Cli.ipState(ns.name()), "nothing changed");
    }
}
