package io.jnetlink.oracles;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** iproute2's {@code ip}, run inside a named namespace, as an oracle. */
public final class Ip {

    private final String netns;

    private Ip(String netns) {
        this.netns = netns;
    }

    /** {@code ip -n NETNS ...}. */
    public static Ip in(String netns) {
        return new Ip(netns);
    }

    /** {@code ip -j [-d] ARGS} parsed. */
    public JsonNode json(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", netns, "-j"));
        cmd.addAll(List.of(args));
        return Oracle.json(cmd.toArray(String[]::new));
    }

    /** {@code ip -n NETNS ARGS}, failing the test when it fails. */
    public String run(String... args) {
        return Oracle.stdout(Oracle.prefixed(netns, "ip", args).toArray(String[]::new));
    }

    /** {@code ip -n NETNS ARGS}, returning the result whatever it is. */
    public Oracle.Result attempt(String... args) {
        return Oracle.run(null, Oracle.prefixed(netns, "ip", args).toArray(String[]::new));
    }

    /** {@code ip -n NETNS -batch -} with the given lines. */
    public String batch(String lines) {
        return Oracle.run(lines, "ip", "-n", netns, "-batch", "-").orThrow().stdout();
    }

    public String netns() {
        return netns;
    }
}
