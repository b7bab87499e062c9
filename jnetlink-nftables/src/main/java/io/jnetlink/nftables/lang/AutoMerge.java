package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.Op;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.SetElements;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The content of {@code auto-merge} interval sets (one key field, no data) while a script is compiled, and the
 * element messages that change them, built as nft 1.0.6 builds them: elements added to such a set merge with what
 * it holds, whether the kernel held it before the transaction or an earlier command of the script added it.
 *
 * <p>The kernel refuses to delete, in the same transaction, an element that transaction added; so, like nft, every
 * command of the script that adds to a set writes into one open message, placed where the first of them was, and
 * that message is filled in at the end with the set's final merged intervals. Only intervals the kernel held before
 * the transaction are deleted when a merge absorbs them (in a message placed just before the open one). A
 * {@code delete element} or {@code flush set} closes the open message: later adds open a new one after it.
 *
 * <p>Usage: a slot of the compiler calls {@link #add}, {@link #delete} or {@link #flush} while the operations are
 * collected in order, with {@code at} the number of operations collected before it; {@link #add} returns
 * placeholders (nulls) to collect in place of the messages; {@link #finish} fills them in and drops the unused.
 */
final class AutoMerge {

    /** A set by family, table and name. */
    record Key(Family family, String table, String set) {
    }

    /** One element message of the script's that later commands may still change, and its purge before it. */
    private static final class Pending {
        final State state;
        final int purgeAt;
        final int addAt;
        final boolean create;
        final boolean leadingEnd;
        final List<SetEncoding.Range> purge = new ArrayList<>();
        final List<SetEncoding.Range> ranges = new ArrayList<>();

        Pending(State state, int purgeAt, boolean create, boolean leadingEnd) {
            this.state = state;
            this.purgeAt = purgeAt;
            this.addAt = purgeAt + 1;
            this.create = create;
            this.leadingEnd = leadingEnd;
        }
    }

    private static final class State {
        final Key key;
        final int bytes;
        final OptionalInt setId;
        /** Sorted, disjoint, not adjacent: what the set holds after the commands so far. */
        List<SetEncoding.Range> content = new ArrayList<>();
        /** The ranges of {@link #content} the kernel held before the transaction. */
        final Set<SetEncoding.Range> held = identitySet(List.of());
        /** The message that adds each of the other ranges of {@link #content}. */
        final Map<SetEncoding.Range, Pending> owner = new IdentityHashMap<>();
        Pending open;

        State(Key key, int bytes, OptionalInt setId) {
            this.key = key;
            this.bytes = bytes;
            this.setId = setId;
        }
    }

    private final Map<Key, State> sets = new HashMap<>();
    private final List<Pending> pendings = new ArrayList<>();

    /** Follows a set from now on; {@code held}: its content in the kernel (sorted and merged), empty for a new set. */
    void track(Key key, int keyBytes, OptionalInt setId, List<SetEncoding.Range> held) {
        State s = new State(key, keyBytes, setId);
        s.content = new ArrayList<>(held);
        s.held.addAll(s.content);
        sets.put(key, s);
    }

    boolean tracked(Key key) {
        return sets.containsKey(key);
    }

    /** Stops following a set (deleted, or changed in a way not worked out here); its messages stay as they are. */
    void untrack(Key key) {
        State s = sets.remove(key);
        if (s != null) {
            s.open = null;
        }
    }

    /**
     * Elements added to a tracked set: returns what to collect now, two placeholders when this opens a message
     * (the purge slot, then the add), else nothing.
     */
    List<Op> add(Key key, List<SetEncoding.Range> added, boolean create, int at) {
        State s = Objects.requireNonNull(sets.get(key), "untracked set");
        Set<SetEncoding.Range> current = identitySet(s.content); // what the set holds, apart from what this adds
        List<SetEncoding.Range> all = new ArrayList<>(s.content);
        all.addAll(added);
        // stable: at the same start what the set holds comes first, and gives the merged element its attributes
        all.sort((a, b) -> a.lo().compareTo(b.lo()));
        boolean opened = false;
        List<SetEncoding.Range> next = new ArrayList<>();
        int i = 0;
        while (i < all.size()) {
            List<SetEncoding.Range> group = new ArrayList<>(List.of(all.get(i)));
            java.math.BigInteger hi = all.get(i).hi();
            i++;
            while (i < all.size() && all.get(i).lo().compareTo(hi.add(java.math.BigInteger.ONE)) <= 0) {
                hi = hi.max(all.get(i).hi());
                group.add(all.get(i));
                i++;
            }
            List<SetEncoding.Range> members = group.stream().filter(current::contains).toList();
            SetEncoding.Range first = group.getFirst();
            if (members.size() == 1 && members.getFirst().lo().equals(first.lo()) && members.getFirst().hi().equals(hi)) {
                next.add(members.getFirst()); // the new elements lie inside what the set holds
                continue;
            }
            if (s.open == null) {
                s.open = new Pending(s, at, create, s.held.isEmpty() && s.content.isEmpty());
                pendings.add(s.open);
                opened = true;
            }
            for (SetEncoding.Range m : members) {
                if (s.held.remove(m)) {
                    s.open.purge.add(m);
                } else {
                    Pending p = s.owner.remove(m);
                    if (p != null) {
                        removeSame(p.ranges, m);
                    }
                }
            }
            SetEncoding.Range merged = new SetEncoding.Range(first.lo(), hi, first.attrs());
            s.open.ranges.add(merged);
            s.owner.put(merged, s.open);
            next.add(merged);
        }
        s.content = next;
        if (!opened) {
            return List.of();
        }
        List<Op> placeholders = new ArrayList<>();
        placeholders.add(null);
        placeholders.add(null);
        return placeholders;
    }

    /**
     * Elements deleted from a tracked set: what the kernel held is deleted now (the returned operation); what the
     * script added is taken out of its message instead. Returns null when a range is not exactly one the set holds
     * (a piece of a merged interval): the set is then no longer followed and the caller sends the delete as written.
     */
    List<Op> delete(Key key, List<SetEncoding.Range> gone) {
        State s = Objects.requireNonNull(sets.get(key), "untracked set");
        s.open = null;
        List<SetEncoding.Range> matches = new ArrayList<>();
        for (SetEncoding.Range g : gone) {
            SetEncoding.Range m = s.content.stream().filter(r -> r.sameSpan(g)).findFirst().orElse(null);
            if (m == null) {
                untrack(key);
                return null;
            }
            matches.add(m);
        }
        List<SetEncoding.Range> fromKernel = new ArrayList<>();
        for (SetEncoding.Range m : matches) {
            removeSame(s.content, m);
            if (s.held.remove(m)) {
                fromKernel.add(m);
            } else {
                Pending p = s.owner.remove(m);
                if (p != null) {
                    removeSame(p.ranges, m);
                }
            }
        }
        if (fromKernel.isEmpty()) {
            return List.of();
        }
        return List.of(new Op.DeleteElements(SetElements.of(key.family(), key.table(), key.set(),
                SetEncoding.rangeElements(fromKernel, s.bytes, false, false))));
    }

    /** {@code flush set}: empty from here on; the messages before it stay (the kernel flushes what they added). */
    void flush(Key key) {
        State s = sets.get(key);
        if (s != null) {
            s.content = new ArrayList<>();
            s.held.clear();
            s.owner.clear();
            s.open = null;
        }
    }

    /** The collected operations with every placeholder filled in, and those left empty dropped. */
    List<Op> finish(List<Op> ops) {
        for (Pending p : pendings) {
            Key k = p.state.key;
            if (!p.purge.isEmpty()) {
                ops.set(p.purgeAt, new Op.DeleteElements(SetElements.of(k.family(), k.table(), k.set(),
                        SetEncoding.rangeElements(p.purge, p.state.bytes, false, false))));
            }
            if (!p.ranges.isEmpty()) {
                List<SetEncoding.Range> sorted = new ArrayList<>(p.ranges);
                sorted.sort((a, b) -> a.lo().compareTo(b.lo()));
                ops.set(p.addAt, new Op.AddElements(new SetElements(k.family(), k.table(), k.set(), p.state.setId,
                        SetEncoding.rangeElements(sorted, p.state.bytes, true, p.leadingEnd)), p.create));
            }
        }
        List<Op> out = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (op != null) {
                out.add(op);
            }
        }
        return out;
    }

    private static Set<SetEncoding.Range> identitySet(List<SetEncoding.Range> ranges) {
        Set<SetEncoding.Range> out = Collections.newSetFromMap(new IdentityHashMap<>());
        out.addAll(ranges);
        return out;
    }

    private static void removeSame(List<SetEncoding.Range> list, SetEncoding.Range r) {
        list.removeIf(x -> x == r);
    }
}
