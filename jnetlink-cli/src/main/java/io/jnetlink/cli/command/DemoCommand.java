package io.jnetlink.cli.command;

import io.jnetlink.cli.Jnl;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.Rtnetlink;
import io.jnetlink.route.address.Address;
import io.jnetlink.route.address.AddressFlags;
import io.jnetlink.route.link.VethSpec;
import io.jnetlink.route.route.Route;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jnl demo}: a safe tour on any machine. Creates a scratch namespace, builds veth pairs, addresses
 * and routes in it one request at a time, prints them, reports how long that took, and removes the
 * namespace. With {@code --ip-script FILE} it also writes the same operations as {@code ip} arguments, one
 * per line, which the {@code ./jnl} launcher times with one {@code ip} exec per operation.
 */
@Command(name = "demo", description = "Build veths, addresses and routes in a scratch namespace, print them, time it, clean up.")
public final class DemoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--pairs", defaultValue = "10", description = "veth pairs to create (default ${DEFAULT-VALUE}, at most 200).")
    int pairs;

    @Option(names = "--ip-script", paramLabel = "FILE",
            description = "Also write the same operations as ip(8) arguments, one per line.")
    Path ipScript;

    @Option(names = "--keep", description = "Keep the namespace afterwards (its name is printed).")
    boolean keep;

    /** One operation: the jnetlink call and the ip arguments that do the same. */
    private record Step(String ip, Runnable action) {
    }

    @Override
    public void run() {
        if (pairs < 1 || pairs > 200) {
            throw new IllegalArgumentException("invalid --pairs " + pairs + ": must be between 1 and 200");
        }
        PrintWriter out = spec.commandLine().getOut();
        String name = "jnl-demo-" + ProcessHandle.current().pid();
        out.println("jnetlink demo in scratch namespace " + name + " (" + pairs + " veth pairs)");
        out.flush();
        NetNs ns = NetNs.create(name);
        try (ns; Rtnetlink rt = Rtnetlink.open(ns)) {
            List<Step> steps = plan(rt);
            long start = System.nanoTime();
            for (Step s : steps) {
                s.action().run();
            }
            long elapsed = System.nanoTime() - start;

            out.println();
            out.println("== links");
            out.flush();
            Jnl root = Jnl.root(spec);
            LinkCommand.printLinks(rt, out, root.json(), java.util.Optional.empty());
            out.println();
            out.println("== addresses");
            AddressCommand.printAddresses(rt, null, 0, out, root.json());
            out.println();
            out.println("== routes (main table, IPv4 then IPv6)");
            RouteCommand.printRoutes(rt, InetAddresses.AF_INET, Route.TABLE_MAIN, out, root.json());
            RouteCommand.printRoutes(rt, InetAddresses.AF_INET6, Route.TABLE_MAIN, out, root.json());
            out.println();
            out.printf("jnetlink, in-process, one request per operation: %d operations in %.1f ms (%d us/op)%n",
                    steps.size(), elapsed / 1e6, elapsed / 1000 / steps.size());
            if (ipScript != null) {
                Files.write(ipScript, steps.stream().map(Step::ip).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("write " + ipScript, e);
        } finally {
            if (!keep) {
                NetNs.delete(name);
                out.println("removed namespace " + name);
            } else {
                out.println("kept namespace " + name + " (remove with: jnl netns del " + name + ")");
            }
            out.flush();
        }
    }

    private List<Step> plan(Rtnetlink rt) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            String a = "veth" + i + "a";
            String b = "veth" + i + "b";
            steps.add(new Step("link add " + a + " type veth peer name " + b,
                    () -> rt.links().addVeth(VethSpec.of(a, b))));
            steps.add(new Step("link set dev " + a + " up", () -> rt.links().setUp(a)));
            steps.add(new Step("link set dev " + b + " up", () -> rt.links().setUp(b)));
            String v4a = "10." + i + ".0.1/24";
            String v4b = "10." + i + ".0.2/24";
            String v6a = "fd00:" + Integer.toHexString(i) + "::1/64";
            String v6b = "fd00:" + Integer.toHexString(i) + "::2/64";
            steps.add(address(rt, a, v4a));
            steps.add(address(rt, b, v4b));
            steps.add(address(rt, a, v6a));
            steps.add(address(rt, b, v6b));
            // The gateways are routers on the link, not the peer's address: IPv6 refuses a gateway that is a
            // local address ("Gateway can not be a local address"), and both ends are local here.
            String r4 = "10.100." + i + ".0/24";
            String gw4 = "10." + i + ".0.254";
            steps.add(new Step("route add " + r4 + " via " + gw4 + " dev " + a,
                    () -> rt.routes().add(Route.builder(r4).gateway(gw4).outputIndex(rt.links().indexOf(a)).build())));
            String r6 = "fd00:100:" + Integer.toHexString(i) + "::/64";
            String gw6 = "fd00:" + Integer.toHexString(i) + "::fe";
            steps.add(new Step("-6 route add " + r6 + " via " + gw6 + " dev " + a,
                    () -> rt.routes().add(Route.builder(r6).gateway(gw6).outputIndex(rt.links().indexOf(a)).build())));
        }
        return steps;
    }

    private static Step address(Rtnetlink rt, String dev, String cidr) {
        IpPrefix p = IpPrefix.parse(cidr);
        // IPv6 addresses skip duplicate address detection so that routes via them work at once.
        int flags = p.isIpv6() ? AddressFlags.NODAD : 0;
        String ip = (p.isIpv6() ? "-6 " : "") + "address add " + cidr + " dev " + dev + (p.isIpv6() ? " nodad" : "");
        return new Step(ip, () -> rt.addresses().add(Address.builder(rt.links().indexOf(dev), p).flags(flags).build()));
    }
}
