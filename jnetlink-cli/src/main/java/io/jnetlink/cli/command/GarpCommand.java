package io.jnetlink.cli.command;

import io.jnetlink.cli.Jnl;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.garp.Garp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.InetAddress;
import java.util.List;

/**
 * {@code jnl garp DEV IP}: announces that IP is at DEV's MAC address. Equivalent to
 * {@code arping -U -c 1 -I DEV IP} for IPv4, and to the unsolicited neighbour advertisement the kernel sends with
 * {@code ndisc_notify} for IPv6.
 */
@Command(name = "garp", description = "Send one gratuitous ARP (IPv4) or unsolicited neighbour advertisement (IPv6): "
        + "[dev] DEV IP")
public final class GarpCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "[dev] DEV IP", arity = "2..3")
    List<String> args;

    @Override
    public void run() {
        Keywords k = new Keywords(spec.commandLine(), args);
        String dev = k.next();
        if (dev.equals("dev")) {
            dev = k.value("dev");
        }
        InetAddress ip = k.parsed("address", InetAddresses::parse);
        k.end("nothing after the address");
        try (NetNs ns = Jnl.root(spec).netnsHandle()) {
            Garp.announce(ns, dev, ip);
        }
    }
}
