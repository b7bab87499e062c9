package io.jnetlink.nftables.monitor;

import io.jnetlink.nftables.Nftables;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Flowtable;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.StatefulObject;
import io.jnetlink.nftables.model.Table;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether a table still is what was installed: compares a baseline listing with the kernel's current one,
 * ignoring what changes by itself (kernel handles, counter and quota values, element expiry countdowns,
 * transaction-local set ids, the generation). Anything else that differs — a rule added, removed or edited
 * by someone else, a policy, a set element — is drift, and the report names the first difference.
 * <pre>{@code
 * Ruleset installed = nft.list(Family.INET, "filter");   // right after applying it
 * ...
 * Drift.Report r = Drift.check(nft, installed, Family.INET, "filter");
 * if (!r.inSync()) log.warn(r.difference().orElseThrow());
 * }</pre>
 * The baseline should be a kernel listing taken after the install (not the ruleset as built before it):
 * the kernel names anonymous sets ({@code __set0}) and drops what it does not keep.
 */
public final class Drift {

    private Drift() {
    }

    /**
     * The outcome of a drift check.
     *
     * @param difference the first difference found, e.g. {@code chain input: rule 2: exprs[1] (cmp) data:
     *                   installed 0x16, now 0x17}; empty when in sync
     */
    public record Report(Optional<String> difference) {
        public Report {
            Objects.requireNonNull(difference, "difference");
        }

        public static final Report IN_SYNC = new Report(Optional.empty());

        /** Whether the table equals the installed one (modulo handles and counters). */
        public boolean inSync() {
            return difference.isEmpty();
        }
    }

    /**
     * Lists {@code family table} through {@code nft} and compares it with {@code installed} (which may hold
     * more tables: only this one is compared). A table that no longer exists is reported as removed.
     */
    public static Report check(Nftables nft, Ruleset installed, Family family, String table) {
        Objects.requireNonNull(nft, "nft");
        Objects.requireNonNull(installed, "installed");
        return compare(installed.table(family, table), nft.list(family, table));
    }

    /** Compares two listings of the same scope; {@code installed} is the baseline. */
    public static Report compare(Ruleset installed, Ruleset current) {
        Objects.requireNonNull(installed, "installed");
        Objects.requireNonNull(current, "current");
        return new Report(firstDifference(installed, current));
    }

    private static Optional<String> firstDifference(Ruleset a, Ruleset b) {
        Optional<String> d = keyed("table", a.tables(), b.tables(), t -> t.family() + " " + t.name(), Drift::same);
        if (d.isPresent()) {
            return d;
        }
        d = keyed("chain", a.chains(), b.chains(), Drift::chainKey, Drift::same);
        if (d.isPresent()) {
            return d;
        }
        d = rules(a.rules(), b.rules());
        if (d.isPresent()) {
            return d;
        }
        d = keyed("set", a.sets(), b.sets(), s -> prefix(s.family(), s.table()) + s.name(), Drift::same);
        if (d.isPresent()) {
            return d;
        }
        d = elements(a.elements(), b.elements());
        if (d.isPresent()) {
            return d;
        }
        d = keyed("object", a.objects(), b.objects(),
                o -> prefix(o.family(), o.table()) + ObjectKinds.name(o.type()) + " " + o.name(), Drift::same);
        if (d.isPresent()) {
            return d;
        }
        return keyed("flowtable", a.flowtables(), b.flowtables(), f -> prefix(f.family(), f.table()) + f.name(),
                Drift::same);
    }

    private static String prefix(Family f, String table) {
        return f + " " + table + " ";
    }

    private static String chainKey(Chain c) {
        return prefix(c.family(), c.table()) + c.name();
    }

    /** Objects matched by key: missing, added, then the first one whose content differs. */
    private static <T> Optional<String> keyed(String kind, List<T> installed, List<T> current, Function<T, String> key,
                                              Comparer<T> same) {
        Map<String, T> now = new LinkedHashMap<>();
        current.forEach(x -> now.put(key.apply(x), x));
        Map<String, T> was = new LinkedHashMap<>();
        installed.forEach(x -> was.put(key.apply(x), x));
        for (var e : was.entrySet()) {
            T c = now.get(e.getKey());
            if (c == null) {
                return Optional.of(kind + " " + e.getKey() + ": removed");
            }
            Optional<String> d = same.diff(e.getValue(), c);
            if (d.isPresent()) {
                return Optional.of(kind + " " + e.getKey() + ": " + d.get());
            }
        }
        for (String k : now.keySet()) {
            if (!was.containsKey(k)) {
                return Optional.of(kind + " " + k + ": added");
            }
        }
        return Optional.empty();
    }

    @FunctionalInterface
    private interface Comparer<T> {
        Optional<String> diff(T installed, T current);
    }

    private static <T> Optional<String> same(T a, T b) {
        return diff(a, b, "");
    }

    /** Rules chain by chain, in order: position matters in nftables. */
    private static Optional<String> rules(List<Rule> installed, List<Rule> current) {
        Map<String, List<Rule>> was = byChain(installed);
        Map<String, List<Rule>> now = byChain(current);
        Set<String> chains = new java.util.LinkedHashSet<>(was.keySet());
        chains.addAll(now.keySet());
        for (String chain : chains) {
            List<Rule> a = was.getOrDefault(chain, List.of());
            List<Rule> b = now.getOrDefault(chain, List.of());
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                Optional<String> d = diff(a.get(i), b.get(i), "");
                if (d.isPresent()) {
                    return Optional.of("chain " + chain + ": rule " + (i + 1) + handleOf(b.get(i)) + ": " + d.get());
                }
            }
            if (a.size() > b.size()) {
                return Optional.of("chain " + chain + ": rule " + (b.size() + 1) + handleOf(a.get(b.size()))
                        + " removed (" + a.size() + " rules installed, " + b.size() + " now)");
            }
            if (b.size() > a.size()) {
                return Optional.of("chain " + chain + ": rule " + (a.size() + 1) + handleOf(b.get(a.size()))
                        + " added (" + a.size() + " rules installed, " + b.size() + " now)");
            }
        }
        return Optional.empty();
    }

    private static String handleOf(Rule r) {
        return r.handle().isPresent() ? " (handle " + r.handle().getAsLong() + ")" : "";
    }

    private static Map<String, List<Rule>> byChain(List<Rule> rules) {
        Map<String, List<Rule>> m = new LinkedHashMap<>();
        for (Rule r : rules) {
            m.computeIfAbsent(prefix(r.family(), r.table()) + r.chain(), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    /**
     * Elements set by set, as sets: a dump may split one set over several messages, and a hash set's order is
     * the kernel's bucket order, not meaningful.
     */
    private static Optional<String> elements(List<SetElements> installed, List<SetElements> current) {
        Map<String, List<SetElement>> was = bySet(installed);
        Map<String, List<SetElement>> now = bySet(current);
        Set<String> sets = new java.util.LinkedHashSet<>(was.keySet());
        sets.addAll(now.keySet());
        for (String set : sets) {
            Map<String, SetElement> a = byKey(was.getOrDefault(set, List.of()));
            Map<String, SetElement> b = byKey(now.getOrDefault(set, List.of()));
            for (var e : a.entrySet()) {
                SetElement c = b.get(e.getKey());
                if (c == null) {
                    return Optional.of("set " + set + ": element " + e.getKey() + " removed");
                }
                Optional<String> d = diff(e.getValue(), c, "");
                if (d.isPresent()) {
                    return Optional.of("set " + set + ": element " + e.getKey() + ": " + d.get());
                }
            }
            for (String k : b.keySet()) {
                if (!a.containsKey(k)) {
                    return Optional.of("set " + set + ": element " + k + " added");
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, List<SetElement>> bySet(List<SetElements> lists) {
        Map<String, List<SetElement>> m = new LinkedHashMap<>();
        for (SetElements e : lists) {
            m.computeIfAbsent(prefix(e.family(), e.table()) + e.set(), k -> new ArrayList<>()).addAll(e.elements());
        }
        return m;
    }

    private static Map<String, SetElement> byKey(List<SetElement> elements) {
        Map<String, SetElement> m = new java.util.TreeMap<>(Comparator.naturalOrder());
        for (SetElement e : elements) {
            String k = "0x" + HexFormat.of().formatHex(e.key().bytes())
                    + e.keyEnd().map(x -> "-0x" + HexFormat.of().formatHex(x.bytes())).orElse("")
                    + (e.isIntervalEnd() ? " (interval end)" : "");
            m.put(k, e);
        }
        return m;
    }

    // ---- structural comparison of model records ----

    /** Components that change by themselves or are local to one transaction, per model record. */
    private static boolean ignored(Object owner, String component) {
        return switch (component) {
            case "handle", "generation", "id", "setId" -> true;
            case "expirationMs" -> owner instanceof SetElement;
            default -> owner instanceof Expr e && volatileState(e, component);
        };
    }

    /** Counter values, a quota's consumption and "last" timestamps move with traffic: not configuration. */
    private static boolean volatileState(Expr e, String component) {
        return switch (e.name()) {
            case "counter" -> component.equals("packets") || component.equals("bytes") || component.equals("data");
            case "quota" -> component.equals("consumed") || component.equals("data");
            case "last" -> true;
            default -> false;
        };
    }

    /**
     * The first difference between two values of the same model type, walking record components, lists and
     * optionals; {@code path} names where we are (e.g. {@code exprs[1] (cmp) data}).
     */
    static Optional<String> diff(Object a, Object b, String path) {
        if (a == b || (a != null && a.equals(b))) {
            return Optional.empty(); // records with their own equals (byte arrays inside) compare by content
        }
        if (a == null || b == null) {
            return Optional.of(at(path) + "installed " + show(a) + ", now " + show(b));
        }
        if (a instanceof Expr ea && b instanceof Expr eb && !ea.name().equals(eb.name())) {
            return Optional.of(at(path) + "installed " + ea.name() + ", now " + eb.name());
        }
        if (a.getClass() != b.getClass()) {
            return Optional.of(at(path) + "installed " + show(a) + ", now " + show(b));
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
                Object x = la.get(i);
                String label = path + "[" + i + "]" + (x instanceof Expr e ? " (" + e.name() + ")" : "");
                Optional<String> d = diff(x, lb.get(i), label);
                if (d.isPresent()) {
                    return d;
                }
            }
            return la.size() == lb.size() ? Optional.empty()
                    : Optional.of(at(path) + la.size() + " entries installed, " + lb.size() + " now");
        }
        if (a instanceof Optional<?> oa && b instanceof Optional<?> ob) {
            if (oa.isPresent() && ob.isPresent()) {
                return diff(oa.get(), ob.get(), path);
            }
            return oa.isPresent() == ob.isPresent() ? Optional.empty()
                    : Optional.of(at(path) + "installed " + oa.map(Drift::show).orElse("none") + ", now "
                    + ob.map(Drift::show).orElse("none"));
        }
        if (a instanceof byte[] ba && b instanceof byte[] bb) {
            return java.util.Arrays.equals(ba, bb) ? Optional.empty()
                    : Optional.of(at(path) + "installed " + show(a) + ", now " + show(b));
        }
        if (a instanceof Data.Value || !a.getClass().isRecord()) {
            return a.equals(b) ? Optional.empty() : Optional.of(at(path) + "installed " + show(a) + ", now " + show(b));
        }
        for (RecordComponent rc : a.getClass().getRecordComponents()) {
            if (ignored(a, rc.getName())) {
                continue;
            }
            Optional<String> d = diff(get(rc, a), get(rc, b), path.isEmpty() ? rc.getName() : path + " " + rc.getName());
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private static Object get(RecordComponent rc, Object o) {
        try {
            return rc.getAccessor().invoke(o);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + rc.getName() + " of " + o.getClass().getSimpleName(), e);
        }
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String show(Object o) {
        return switch (o) {
            case null -> "none";
            case Data.Value v -> "0x" + HexFormat.of().formatHex(v.bytes());
            case byte[] b -> "0x" + HexFormat.of().formatHex(b);
            case Table t -> "table " + t.name();
            case Chain c -> "chain " + c.name();
            case NftSet s -> "set " + s.name();
            case StatefulObject o2 -> "object " + o2.name();
            case Flowtable f -> "flowtable " + f.name();
            default -> String.valueOf(o);
        };
    }

    /** nft's names of object types (NFT_OBJECT_*), for messages. */
    private static final class ObjectKinds {
        static String name(int type) {
            return switch (type) {
                case StatefulObject.COUNTER -> "counter";
                case StatefulObject.QUOTA -> "quota";
                case StatefulObject.CT_HELPER -> "ct helper";
                case StatefulObject.LIMIT -> "limit";
                case StatefulObject.CONNLIMIT -> "connlimit";
                default -> "object type " + type;
            };
        }
    }
}
