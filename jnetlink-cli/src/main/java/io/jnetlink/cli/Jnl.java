package io.jnetlink.cli;

import io.jnetlink.cli.command.AddressCommand;
import io.jnetlink.cli.command.DemoCommand;
import io.jnetlink.cli.command.LinkCommand;
import io.jnetlink.cli.command.NetnsCommand;
import io.jnetlink.cli.command.RouteCommand;
import io.jnetlink.core.error.NetlinkException;
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
 * {@code jnl}: links, addresses, routes and namespaces through netlink, without running {@code ip}.
 * Exit codes: 0 success, 1 the operation failed (the kernel refused, a system call failed), 2 usage error.
 */
@Command(name = "jnl",
        mixinStandardHelpOptions = true,
        versionProvider = Jnl.Version.class,
        description = "Configure Linux networking over netlink, in-process. Syntax follows ip(8).",
        subcommands = {LinkCommand.class, AddressCommand.class, RouteCommand.class, NetnsCommand.class,
                DemoCommand.class})
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

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: one of link, addr, route, netns, demo");
    }

    /** Whether --json was given anywhere on the command line. */
    public boolean json() {
        return json;
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
        cl.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("jnl " + commandName(c) + ": " + ex.getMessage());
            c.getErr().println("Try 'jnl " + commandName(c) + " --help' for usage.");
            c.getErr().flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            return switch (ex) {
                case NetlinkException e -> fail(commandLine, e.getMessage(), EXIT_FAILURE);
                case UncheckedIOException e -> fail(commandLine, e.getMessage() + ": " + e.getCause().getMessage(),
                        EXIT_FAILURE);
                case IllegalArgumentException e -> {
                    commandLine.getErr().println("jnl " + commandName(commandLine) + ": " + e.getMessage());
                    commandLine.getErr().flush();
                    yield EXIT_USAGE;
                }
                default -> throw ex;
            };
        });
        return cl.execute(args);
    }

    private static int fail(CommandLine cl, String message, int code) {
        cl.getErr().println("jnl " + commandName(cl) + ": " + message);
        cl.getErr().flush();
        return code;
    }

    private static String commandName(CommandLine cl) {
        String q = cl.getCommandSpec().qualifiedName(" ");
        return q.startsWith("jnl ") ? q.substring(4) : q;
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Jnl.class.getPackage().getImplementationVersion();
            return new String[]{"jnl (jnetlink) " + (v == null ? "development build" : v)};
        }
    }
}
