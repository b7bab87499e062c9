package io.jnetlink.nftables.text;

import io.jnetlink.nftables.expr.Counter;
import io.jnetlink.nftables.expr.Limit;
import io.jnetlink.nftables.expr.LimitType;
import io.jnetlink.nftables.expr.Quota;
import io.jnetlink.nftables.expr.RawExpr;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.Flowtable;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.StatefulObject;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.nftables.proto.Datatype;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Renders a {@link Ruleset} in the schema of {@code nft -j list ruleset} (nftables 1.0.6, JSON schema version 1):
 * a {@code metainfo} object first, then per table the table, its objects, sets and maps, flowtables, chains, and
 * the rules of each chain. Rule statements are the same reconstruction {@link NftText} prints.
 *
 * <p>Equivalent to: {@code nft -j list ruleset}.
 */
public final class NftJson {

    /** The nft release whose output this reproduces. */
    public static final String VERSION = "1.0.6";
    public static final String RELEASE_NAME = "Lester Gooch #5";

    private NftJson() {
    }

    public static String render(Ruleset ruleset) {
        return render(ruleset, i -> Optional.empty());
    }

    /** With interface names for {@code iif}/{@code oif} values, as nft resolves them. */
    public static String render(Ruleset ruleset, IntFunction<Optional<String>> ifnames) {
        Objects.requireNonNull(ruleset, "ruleset");
        List<Object> items = new ArrayList<>();
        items.add(Json.obj("metainfo", Json.obj().put("version", VERSION).put("release_name", RELEASE_NAME)
                .put("json_schema_version", 1)));
        for (Table t : ruleset.tables()) {
            table(items, ruleset.table(t.family(), t.name()), t, ifnames);
        }
        return Json.write(Json.obj("nftables", items));
    }

    private static void table(List<Object> items, Ruleset one, Table t, IntFunction<Optional<String>> ifnames) {
        String fam = t.family().nftName();
        Json.Obj to = Json.obj().put("family", fam).put("name", t.name());
        t.handle().ifPresent(h -> to.put("handle", h));
        List<Object> flags = new ArrayList<>();
        if ((t.flags() & Table.F_DORMANT) != 0) {
            flags.add("dormant");
        }
        if ((t.flags() & Table.F_OWNER) != 0) {
            flags.add("owner");
        }
        if (!flags.isEmpty()) {
            // nft 1.0.6 -j prints the table's name as its flags (a bug in its table JSON); copied for equality
            to.put("flags", t.name());
        }
        items.add(Json.obj("table", to));
        SetCatalog sets = new SetCatalog(one.sets(), one.elements());
        for (StatefulObject o : one.objects()) {
            items.add(object(o));
        }
        for (NftSet s : one.sets()) {
            if (!s.isAnonymous()) {
                try {
                    items.add(set(s, sets, ifnames));
                } catch (RuntimeException e) {
                    // keep the set visible even when its elements do not decode
                    items.add(Json.obj("set", Json.obj().put("family", s.family().nftName()).put("name", s.name())
                            .put("table", s.table())));
                }
            }
        }
        for (Flowtable f : one.flowtables()) {
            Json.Obj fo = Json.obj().put("family", fam).put("name", f.name()).put("table", f.table());
            f.handle().ifPresent(h -> fo.put("handle", h));
            fo.put("hook", f.hook().nftName()).put("prio", f.priority());
            if (!f.devices().isEmpty()) {
                fo.put("dev", f.devices().size() == 1 ? f.devices().getFirst() : new ArrayList<Object>(f.devices()));
            }
            items.add(Json.obj("flowtable", fo));
        }
        for (Chain c : one.chains()) {
            items.add(chain(c));
        }
        for (Chain c : one.chains()) {
            for (Rule r : one.rules()) {
                if (r.chain().equals(c.name())) {
                    items.add(rule(r, sets, ifnames));
                }
            }
        }
    }

    private static Object chain(Chain c) {
        Json.Obj o = Json.obj().put("family", c.family().nftName()).put("table", c.table()).put("name", c.name());
        c.handle().ifPresent(h -> o.put("handle", h));
        c.base().ifPresent(b -> {
            // nft 1.0.6 -j does not show chain devices
            o.put("type", b.type()).put("hook", b.hook().nftName()).put("prio", b.priority());
            b.policy().ifPresent(p -> o.put("policy", p.nftName()));
        });
        return Json.obj("chain", o);
    }

    private static Object rule(Rule r, SetCatalog sets, IntFunction<Optional<String>> ifnames) {
        Json.Obj o = Json.obj().put("family", r.family().nftName()).put("table", r.table()).put("chain", r.chain());
        r.handle().ifPresent(h -> o.put("handle", h));
        r.comment().ifPresent(c -> o.put("comment", c));
        List<Object> exprs = new ArrayList<>();
        for (Stmt s : new Delinearizer(r.family(), sets, ifnames).statements(r)) {
            exprs.add(s.json());
        }
        o.put("expr", exprs);
        return Json.obj("rule", o);
    }

    private static Object set(NftSet s, SetCatalog sets, IntFunction<Optional<String>> ifnames) {
        SetView v = SetView.of(s, sets, ifnames);
        Json.Obj o = Json.obj().put("family", s.family().nftName()).put("name", s.name()).put("table", s.table());
        o.put("type", typeJson(v.keyTypes()));
        s.handle().ifPresent(h -> o.put("handle", h));
        s.comment().ifPresent(c -> o.put("comment", c));
        if (s.policy().isPresent() && s.policy().getAsInt() == 1) {
            o.put("policy", "memory");
        }
        if (s.isMap() && s.data().isPresent()) {
            DataSpec d = s.data().get();
            o.put("map", d.type() == DataSpec.VERDICT ? "verdict" : String.join(" . ",
                    v.dataTypes().stream().map(Datatype::name).toList()));
        } else if (s.objectType().isPresent()) {
            o.put("map", Delinearizer.objTypeName(s.objectType().getAsInt()));
        }
        List<Object> flags = new ArrayList<>();
        if ((s.flags() & NftSet.F_CONSTANT) != 0) {
            flags.add("constant");
        }
        if ((s.flags() & NftSet.F_INTERVAL) != 0) {
            flags.add("interval");
        }
        if ((s.flags() & NftSet.F_TIMEOUT) != 0) {
            flags.add("timeout");
        }
        if (!flags.isEmpty()) {
            o.put("flags", flags);
        }
        if (s.size().isPresent() && s.size().getAsInt() > 0 && (s.flags() & NftSet.F_CONSTANT) == 0) {
            o.put("size", Integer.toUnsignedLong(s.size().getAsInt()));
        }
        if (s.timeoutMs().isPresent() && s.timeoutMs().getAsLong() != 0) {
            o.put("timeout", s.timeoutMs().getAsLong() / 1000);
        }
        if (s.gcIntervalMs().isPresent() && s.gcIntervalMs().getAsInt() != 0) {
            o.put("gc-interval", s.gcIntervalMs().getAsInt() / 1000);
        }
        if (!v.elements().elems().isEmpty()) {
            List<Object> elems = new ArrayList<>();
            for (NExpr.Elem e : v.elements().elems()) {
                elems.add(e.json());
            }
            o.put("elem", elems);
        }
        if (!s.exprs().isEmpty()) {
            List<Object> st = new ArrayList<>();
            for (Stmt x : v.exprStmts()) {
                st.add(x.json());
            }
            o.put("stmt", st);
        }
        return Json.obj(v.keyword(), o);
    }

    private static Object typeJson(List<Datatype> types) {
        if (types.size() == 1) {
            return types.getFirst().name();
        }
        List<Object> names = new ArrayList<>();
        for (Datatype t : types) {
            names.add(t.name());
        }
        return names;
    }

    private static Object object(StatefulObject o) {
        String kind = Delinearizer.objTypeName(o.type());
        Json.Obj j = Json.obj().put("family", o.family().nftName()).put("name", o.name()).put("table", o.table());
        o.handle().ifPresent(h -> j.put("handle", h));
        o.comment().ifPresent(c -> j.put("comment", c));
        ObjectView.of(o).json().fields.forEach(j::put);
        return Json.obj(kind, j);
    }

    private static String unit(long u) {
        return switch ((int) u) {
            case 1 -> "second";
            case 60 -> "minute";
            case 3600 -> "hour";
            case 86400 -> "day";
            case 604800 -> "week";
            default -> "error";
        };
    }
}
