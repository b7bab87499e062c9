package io.jnetlink.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads the facts core's kernel tests need out of iproute2's JSON. */
public final class IpJson {

    private IpJson() {
    }

    /** {@code ip -j netns list}: the names. */
    public static Set<String> netnsNames() {
        Set<String> names = new TreeSet<>();
        for (JsonNode n : Oracle.json("ip", "-j", "netns", "list")) {
            names.add(n.path("name").asText());
        }
        return names;
    }

    /** {@code ip -n NS -j link}: the interface names. */
    public static List<String> linkNames(Ip ip) {
        List<String> names = new ArrayList<>();
        for (JsonNode link : ip.json("link")) {
            names.add(link.path("ifname").asText());
        }
        return names;
    }

    /** {@code ip -n NS -j -4 addr show [dev DEV]}: "local/prefixlen" of every IPv4 address. */
    public static List<String> ipv4Addresses(Ip ip, String... dev) {
        List<String> args = new ArrayList<>(List.of("-4", "addr", "show"));
        if (dev.length > 0) {
            args.add("dev");
            args.add(dev[0]);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode link : ip.json(args.toArray(String[]::new))) {
            for (JsonNode a : link.path("addr_info")) {
                out.add(a.path("local").asText() + "/" + a.path("prefixlen").asInt());
            }
        }
        return out;
    }

    /** {@code ip -n NS -j addr show}: how many addresses of any family, on all links. */
    public static int addressCount(Ip ip) {
        int n = 0;
        for (JsonNode link : ip.json("addr", "show")) {
            n += link.path("addr_info").size();
        }
        return n;
    }
}
