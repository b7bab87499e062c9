package io.jnetlink.nftables.text;

import io.jnetlink.nftables.expr.Counter;
import io.jnetlink.nftables.expr.Limit;
import io.jnetlink.nftables.expr.Quota;
import io.jnetlink.nftables.expr.RawExpr;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Flowtable;
import io.jnetlink.nftables.model.Hook;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.StatefulObject;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.nftables.proto.Datatype;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Renders a {@link Ruleset} as {@code nft list ruleset} prints it (nftables 1.0.6), byte for byte: tables,
 * objects, sets and maps, flowtables and chains in kernel order, with nft's indentation, blank lines, priority
 * names and element line breaking. Rules are rebuilt from their expressions; what cannot be rebuilt prints in a
 * raw form rather than failing.
 *
 * <p>Equivalent to: {@code nft list ruleset}, and with {@link #renderTable} {@code nft list table FAMILY NAME}.
 * Interface indexes ({@code iif}, {@code oif}) print as names only when a resolver is given, as nft resolves
 * them in its own namespace.
 */
public final class NftText {

    private final IntFunction<Optional<String>> ifnames;

    private NftText(IntFunction<Optional<String>> ifnames) {
        this.ifnames = ifnames;
    }

    /** The whole ruleset, as {@code nft list ruleset}; interface indexes print as numbers. */
    public static String render(Ruleset ruleset) {
        return render(ruleset, i -> Optional.empty());
    }

    /** The whole ruleset, naming interfaces with {@code ifnames} (index to name, as nft's if_indextoname). */
    public static String render(Ruleset ruleset, IntFunction<Optional<String>> ifnames) {
        Objects.requireNonNull(ruleset, "ruleset");
        Objects.requireNonNull(ifnames, "ifnames");
        NftText r = new NftText(ifnames);
        StringBuilder sb = new StringBuilder();
        for (Table t : ruleset.tables()) {
            r.table(sb, ruleset.table(t.family(), t.name()), t);
        }
        return sb.toString();
    }

    /** One table, as {@code nft list table FAMILY NAME}; empty when the ruleset has no such table. */
    public static String renderTable(Ruleset ruleset, Family family, String name) {
        return renderTable(ruleset, family, name, i -> Optional.empty());
    }

    public static String renderTable(Ruleset ruleset, Family family, String name,
                                     IntFunction<Optional<String>> ifnames) {
        Ruleset one = ruleset.table(family, name);
        StringBuilder sb = new StringBuilder();
        NftText r = new NftText(ifnames);
        for (Table t : one.tables()) {
            r.table(sb, one, t);
        }
        return sb.toString();
    }

    /**
     * The statements of one rule as nft prints them (no indentation, handle or newline), without the rest of the
     * ruleset: anonymous sets print as {@code @__set0}, named sets by name. As in {@code nft monitor}.
     */
    public static String renderRule(Rule rule) {
        return new NftText(i -> Optional.empty()).rule(new SetCatalog(List.of(), List.of()), rule);
    }

    /** The statements of one rule as nft prints them, without indentation or newline. */
    public static String renderRule(Ruleset ruleset, Rule rule) {
        Ruleset one = ruleset.table(rule.family(), rule.table());
        SetCatalog sets = new SetCatalog(one.sets(), one.elements());
        return new NftText(i -> Optional.empty()).rule(sets, rule);
    }

    // ------------------------------------------------------------------------------------------------

    private void table(StringBuilder sb, Ruleset one, Table t) {
        sb.append("table ").append(t.family().nftName()).append(' ').append(t.name()).append(" {");
        if ((t.flags() & Table.F_OWNER) != 0) {
            sb.append(" # progname nft");
        }
        sb.append('\n');
        String delim = "";
        if ((t.flags() & ~Table.F_OWNER) != 0 || (t.flags() & Table.F_OWNER) != 0) {
            List<String> fl = new ArrayList<>();
            if ((t.flags() & Table.F_DORMANT) != 0) {
                fl.add("dormant");
            }
            if ((t.flags() & Table.F_OWNER) != 0) {
                fl.add("owner");
            }
            if (!fl.isEmpty()) {
                sb.append("\tflags ").append(String.join(",", fl)).append('\n');
                delim = "\n";
            }
        }
        t.comment().ifPresent(c -> sb.append("\tcomment \"").append(c).append("\"\n"));
        SetCatalog sets = new SetCatalog(one.sets(), one.elements());
        for (StatefulObject o : one.objects()) {
            sb.append(delim);
            object(sb, o);
            delim = "\n";
        }
        for (NftSet s : one.sets()) {
            if (s.isAnonymous()) {
                continue;
            }
            sb.append(delim);
            StringBuilder block = new StringBuilder();
            try {
                set(block, sets, s);
            } catch (RuntimeException e) {
                // a set whose key or elements do not decode as nft would write them still shows up
                block.setLength(0);
                block.append("\tset ").append(s.name()).append(" {\n\t\t# not rendered: ").append(e.getMessage())
                        .append("\n\t}\n");
            }
            sb.append(block);
            delim = "\n";
        }
        for (Flowtable f : one.flowtables()) {
            sb.append(delim);
            flowtable(sb, f);
            delim = "\n";
        }
        for (Chain c : one.chains()) {
            sb.append(delim);
            chain(sb, sets, c, one.rules().stream().filter(r -> r.chain().equals(c.name())).toList());
            delim = "\n";
        }
        sb.append("}\n");
    }

    private void chain(StringBuilder sb, SetCatalog sets, Chain c, List<Rule> rules) {
        sb.append("\tchain ").append(c.name()).append(" {\n");
        c.comment().ifPresent(cm -> sb.append("\t\tcomment \"").append(cm).append("\"\n"));
        if (c.base().isPresent()) {
            Chain.Base b = c.base().get();
            sb.append("\t\ttype ").append(b.type()).append(" hook ").append(b.hook().nftName());
            if (b.devices().size() == 1) {
                sb.append(" device \"").append(b.devices().getFirst()).append('"');
            } else if (b.devices().size() > 1) {
                sb.append(" devices = { ").append(String.join(", ", b.devices())).append(" }");
            }
            sb.append(" priority ").append(Priorities.name(c.family(), b.hook(), b.priority())).append(';');
            b.policy().ifPresent(p -> sb.append(" policy ").append(p.nftName()).append(';'));
            if ((c.flags() & 0x2) != 0) {
                sb.append(" flags offload;");
            }
            sb.append('\n');
        }
        for (Rule r : rules) {
            sb.append("\t\t").append(rule(sets, r)).append('\n');
        }
        sb.append("\t}\n");
    }

    String rule(SetCatalog sets, Rule r) {
        List<Stmt> stmts = new Delinearizer(r.family(), sets, ifnames).statements(r);
        StringBuilder sb = new StringBuilder();
        for (Stmt s : stmts) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(s.text());
        }
        r.comment().ifPresent(c -> sb.append(sb.isEmpty() ? "" : " ").append("comment \"").append(c).append('"'));
        return sb.toString();
    }

    private void set(StringBuilder sb, SetCatalog sets, NftSet s) {
        SetView v = SetView.of(s, sets, ifnames);
        sb.append('\t').append(v.keyword()).append(' ').append(s.name()).append(" {\n");
        sb.append("\t\t").append(v.typeLine()).append('\n');
        if (s.policy().isPresent() && s.policy().getAsInt() == 1) {
            sb.append("\t\tpolicy memory\n");
        }
        if (s.size().isPresent() && s.size().getAsInt() > 0 && (s.flags() & NftSet.F_CONSTANT) == 0) {
            sb.append("\t\tsize ").append(Integer.toUnsignedString(s.size().getAsInt())).append('\n');
        }
        List<String> flags = v.flags();
        boolean onlyTimeout = (s.flags() & (NftSet.F_CONSTANT | NftSet.F_INTERVAL | NftSet.F_EVAL)) == 0;
        if (onlyTimeout && s.timeoutMs().isPresent() && s.timeoutMs().getAsLong() != 0) {
            // nft 1.0.6 does not show "flags timeout" alone when the set has a default timeout
            flags = List.of();
        }
        if (!flags.isEmpty()) {
            sb.append("\t\tflags ").append(String.join(",", flags)).append('\n');
        }
        if (v.set().isAutoMerge()) {
            sb.append("\t\tauto-merge\n");
        }
        for (Stmt st : v.exprStmts()) {
            sb.append("\t\t").append(st.text()).append('\n');
        }
        if (s.timeoutMs().isPresent() && s.timeoutMs().getAsLong() != 0) {
            sb.append("\t\ttimeout ").append(Datatype.formatTime(s.timeoutMs().getAsLong())).append('\n');
        }
        if (s.gcIntervalMs().isPresent() && s.gcIntervalMs().getAsInt() != 0) {
            sb.append("\t\tgc-interval ").append(Datatype.formatTime(s.gcIntervalMs().getAsInt())).append('\n');
        }
        s.comment().ifPresent(c -> sb.append("\t\tcomment \"").append(c).append("\"\n"));
        NExpr.SetLit elems = v.elements();
        if (!elems.elems().isEmpty()) {
            sb.append("\t\telements = ").append(elems.text()).append('\n');
        }
        sb.append("\t}\n");
    }

    private void object(StringBuilder sb, StatefulObject o) {
        String kind = Delinearizer.objTypeName(o.type());
        sb.append('\t').append(kind).append(' ').append(o.name()).append(" {\n");
        o.comment().ifPresent(c -> sb.append("\t\tcomment \"").append(c).append("\"\n"));
        for (String line : objectLines(o)) {
            sb.append("\t\t").append(line).append('\n');
        }
        sb.append("\t}\n");
    }

    static List<String> objectLines(StatefulObject o) {
        return ObjectView.of(o).lines();
    }

    private static void flowtable(StringBuilder sb, Flowtable f) {
        sb.append("\tflowtable ").append(f.name()).append(" {\n");
        sb.append("\t\thook ").append(f.hook().nftName()).append(" priority ")
                .append(Priorities.name(Family.NETDEV, Hook.INGRESS, f.priority())).append('\n');
        if (!f.devices().isEmpty()) {
            sb.append("\t\tdevices = { ").append(String.join(", ", f.devices())).append(" }\n");
        }
        if ((f.flags() & 0x1) != 0) {
            sb.append("\t\tflags offload\n");
        }
        sb.append("\t}\n");
    }
}
