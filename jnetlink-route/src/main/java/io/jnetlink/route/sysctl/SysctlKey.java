package io.jnetlink.route.sysctl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A key under /proc/sys/net, the part of sysctl that belongs to a network namespace.
 *
 * <p>Written as {@code sysctl} writes it: dotted ({@code net.ipv4.conf.veth0.forwarding}), where a '/' stands for a
 * '.' inside one component ({@code net.ipv4.conf.eth0/100.forwarding} for the VLAN device {@code eth0.100}); or as
 * a path ({@code net/ipv4/conf/eth0.100/forwarding}), recognised by a '/' before the first '.'.
 *
 * @param components the path components below /proc/sys, the first being {@code net}
 */
public record SysctlKey(List<String> components) {

    /** Where the keys live. */
    static final Path ROOT = Path.of("/proc/sys");
    private static final Path NET = ROOT.resolve("net");

    /**
     * @throws IllegalArgumentException naming the key when a component is empty, "." or "..", contains '/', NUL
     *                                  or whitespace, or the key is not below net
     */
    public SysctlKey {
        components = List.copyOf(components);
        String problem = problem(components);
        if (problem != null) {
            throw invalid(String.join("/", components), problem);
        }
    }

    /**
     * Parses a dotted or slash-separated key.
     *
     * @throws IllegalArgumentException naming the key when it is malformed or not below net
     */
    public static SysctlKey parse(String key) {
        Objects.requireNonNull(key, "key");
        int slash = key.indexOf('/');
        int dot = key.indexOf('.');
        boolean pathForm = slash >= 0 && (dot < 0 || slash < dot);
        List<String> parts = new ArrayList<>();
        for (String part : key.split(pathForm ? "/" : "\\.", -1)) {
            parts.add(pathForm ? part : part.replace('/', '.'));
        }
        String problem = problem(parts);
        if (problem != null) {
            throw invalid(key, problem);
        }
        return new SysctlKey(parts);
    }

    /** Why the components are not a key below /proc/sys/net, or null when they are. */
    private static String problem(List<String> components) {
        if (components.size() < 2 || !components.getFirst().equals("net")) {
            return "only net.* keys belong to a network namespace";
        }
        for (String c : components) {
            if (c.isEmpty() || c.equals(".") || c.equals("..")) {
                return "empty, '.' and '..' components are not allowed";
            }
            for (int i = 0; i < c.length(); i++) {
                char ch = c.charAt(i);
                if (ch == '/' || ch == '\0' || Character.isWhitespace(ch)) {
                    return "a component must not contain '/', NUL or whitespace";
                }
            }
        }
        if (!path(components).normalize().startsWith(NET)) {
            return "must stay under " + NET;
        }
        return null;
    }

    /** The file: /proc/sys/net/... */
    public Path path() {
        return path(components);
    }

    private static Path path(List<String> components) {
        Path p = ROOT;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    /** The dotted form sysctl prints, a '.' inside a component written as '/'. */
    @Override
    public String toString() {
        return String.join(".", components.stream().map(c -> c.replace('.', '/')).toList());
    }

    private static IllegalArgumentException invalid(String key, String why) {
        return new IllegalArgumentException("invalid sysctl key '" + key + "': " + why);
    }
}
