package io.jnetlink.cli;

import io.jnetlink.cli.command.AddressCommand;
import io.jnetlink.cli.command.BridgeCommand;
import io.jnetlink.cli.command.DemoCommand;
import io.jnetlink.cli.command.EthtoolCommand;
import io.jnetlink.cli.command.FdbCommand;
import io.jnetlink.cli.command.GarpCommand;
import io.jnetlink.cli.command.LinkCommand;
import io.jnetlink.cli.command.MonitorCommand;
import io.jnetlink.cli.command.NeighCommand;
import io.jnetlink.cli.command.NetnsCommand;
import io.jnetlink.cli.command.NflogCommand;
import io.jnetlink.cli.command.NftCommand;
import io.jnetlink.cli.command.RouteCommand;
import io.jnetlink.cli.command.SysctlCommand;
import io.jnetlink.cli.command.TapCommand;
import io.jnetlink.cli.command.WgCommand;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.error.NetlinkException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.route.Rtnetlink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code jnl}: links, addresses, routes, neighbours, bridges, VXLAN remotes, TAP devices, sysctl, ethtool features,
 * WireGuard, nftables rulesets, NFLOG and namespaces through netlink, without running {@code ip}, {@code bridge},
 * {@code sysctl}, {@code ethtool}, {@code wg} or {@code nft}.
 * Exit codes: 0 success, 1 the operation failed (the kernel refused, a system call failed), 2 usage error.
 */
@Command(name = "jnl",
        // Inherited: every command has --help (and --version).
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Jnl.Version.class,
        description = "Configure Linux networking over netlink, in-process. Syntax follows ip(8).",
        subcommands = {LinkCommand.class, AddressCommand.class, RouteCommand.class, NeighCommand.class,
                FdbCommand.class, BridgeCommand.class, TapCommand.class, SysctlCommand.class, GarpCommand.class,
                EthtoolCommand.class, WgCommand.class, MonitorCommand.class, NftCommand.class, NflogCommand.class,
                NetnsCommand.class, DemoCommand.class})
public final class Jnl implements Runnable {

    /** Exit code of a failed operation. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a usage error (picocli's default for parameter errors). */
    public static final int EXIT_USAGE = 2;

    @Option(names = "--netns", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Run inside the named network namespace (/run/netns/NAME, as ip -n).")
    String netns;

    @Option(names = {"-j", "--json"}, scope = ScopeType.INHERIT,
            description = "Print listings as JSON (fields in docs/cli.md).")
    boolean json;

    @Option(names = "-4", scope = ScopeType.INHERIT, description = "IPv4 only, as ip -4.")
    boolean inet4;

    @Option(names = "-6", scope = ScopeType.INHERIT, description = "IPv6 only, as ip -6.")
    boolean inet6;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: one of link, addr, route, neigh, fdb, bridge, tap, sysctl, garp, ethtool, wg, "
                        + "monitor, nft, nflog, netns, demo");
    }

    /** Whether --json was given anywhere on the command line. */
    public boolean json() {
        return json;
    }

    /**
     * The family chosen with -4 or -6: {@link InetAddresses#AF_INET}, {@link InetAddresses#AF_INET6}, or 0
     * (AF_UNSPEC) when neither was given.
     */
    public int family() {
        if (inet4 && inet6) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-4 and -6 exclude each other");
        }
        return inet4 ? InetAddresses.AF_INET : inet6 ? InetAddresses.AF_INET6 : 0;
    }

    /** The --netns name, or null. */
    public String netnsName() {
        return netns;
    }

    /** Opens rtnetlink in the --netns namespace (or the current one). */
    public Rtnetlink rtnetlink() {
        if (netns == null) {
            return Rtnetlink.open();
        }
        try (NetNs ns = NetNs.open(netns)) {
            return Rtnetlink.open(ns);
        }
    }

    /**
     * A handle on the --netns namespace (or the current one), for the operations that take a namespace rather
     * than a socket (sysctl, TAP devices, packets); the caller closes it.
     */
    public NetNs netnsHandle() {
        return netns == null ? NetNs.current() : NetNs.open(netns);
    }

    /** A netlink socket of {@code protocol} in the --netns namespace (or the current one). */
    public NetlinkSocket openSocket(NetlinkProtocol protocol) {
        if (netns == null) {
            return NetlinkSocket.open(protocol);
        }
        try (NetNs ns = NetNs.open(netns)) {
            return ns.openSocket(protocol);
        }
    }

    /** The root command object of a leaf command's spec. */
    public static Jnl root(CommandSpec leaf) {
        return (Jnl) leaf.root().userObject();
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs jnl with the given arguments and writers; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Jnl());
        cl.setOut(out);
        cl.setErr(err);
        // Arguments are ip-style keywords and values: "@x" is an alias text, not a file to expand.
        cl.setExpandAtFiles(false);
        cl.setParameterExceptionHandler((ex, arguments) -> usage(ex.getCommandLine(), ex.getMessage()));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> switch (ex) {
            case NetlinkException e -> fail(commandLine, e.getMessage(), EXIT_FAILURE);
            case Failure e -> fail(commandLine, e.getMessage(), EXIT_FAILURE);
            case UncheckedIOException e -> fail(commandLine, e.getMessage() + ": " + e.getCause().getMessage(),
                    EXIT_FAILURE);
            // The commands check their input before changing anything: what the library rejects is a usage error.
            case IllegalArgumentException e -> usage(commandLine, e.getMessage());
            default -> throw ex;
        });
        return cl.execute(args);
    }

    /** Prints the error line and a pointer to the command's help; returns {@link #EXIT_USAGE}. */
    private static int usage(CommandLine cl, String message) {
        fail(cl, message, EXIT_USAGE);
        cl.getErr().println("Try '" + commandName(cl) + " --help' for usage.");
        cl.getErr().flush();
        return EXIT_USAGE;
    }

    /** Prints the one error line, {@code jnl COMMAND: MESSAGE}, and returns {@code code}. */
    private static int fail(CommandLine cl, String message, int code) {
        cl.getErr().println(commandName(cl) + ": " + oneLine(message));
        cl.getErr().flush();
        return code;
    }

    /** Scripts read the error as one line: line breaks (say, in a kernel message) become spaces. */
    private static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** {@code jnl addr add}: the command as typed, aliases resolved to the command's name. */
    private static String commandName(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName(" ");
    }

    /**
     * The version of the io.jnetlink.cli module (on the module path the jar manifest's Implementation-Version
     * is not reliably exposed), else of the jar (class path), else "development build".
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Module m = Jnl.class.getModule();
            String v = m.isNamed() ? m.getDescriptor().rawVersion().orElse(null) : null;
            if (v == null) {
                v = Jnl.class.getPackage().getImplementationVersion();
            }
            return new String[]{"jnl (jnetlink) " + (v == null ? "development build" : v)};
        }
    }
}
