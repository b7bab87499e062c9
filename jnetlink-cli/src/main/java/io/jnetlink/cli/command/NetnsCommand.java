package io.jnetlink.cli.command;

import io.jnetlink.cli.Jnl;
import io.jnetlink.cli.output.Json;
import io.jnetlink.cli.output.Table;
import io.jnetlink.core.ns.NetNs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code jnl netns list|add|del}: named network namespaces, compatible with {@code ip netns}. */
@Command(name = "netns", description = "Named network namespaces (/run/netns), as ip netns.",
        subcommands = {NetnsCommand.ListNs.class, NetnsCommand.Add.class, NetnsCommand.Del.class})
public final class NetnsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        new ListNs().print(spec);
    }

    /** Equivalent to: {@code ip netns list}. */
    @Command(name = "list", aliases = {"ls", "show"}, description = "List named namespaces.")
    static final class ListNs implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            print(spec);
        }

        void print(CommandSpec s) {
            List<String> names = NetNs.list();
            var out = s.commandLine().getOut();
            if (Jnl.root(s).json()) {
                List<Map<String, Object>> rows = names.stream().<Map<String, Object>>map(n -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", n);
                    return m;
                }).toList();
                out.println(Json.write(rows));
            } else {
                Table t = new Table("NAME");
                names.forEach(t::row);
                t.print(out);
            }
            out.flush();
        }
    }

    /** Equivalent to: {@code ip netns add NAME}. */
    @Command(name = "add", description = "Create a named namespace.")
    static final class Add implements Runnable {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            NetNs.create(name).close();
        }
    }

    /** Equivalent to: {@code ip netns del NAME}. */
    @Command(name = "del", aliases = {"delete"}, description = "Delete a named namespace.")
    static final class Del implements Runnable {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            NetNs.delete(name);
        }
    }
}
