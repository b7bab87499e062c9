package io.jnetlink.nftables.model;

import java.util.List;

/**
 * A ruleset as the kernel dumped it: each object kind in the kernel's dump order, anonymous sets included
 * (with their elements), plus the generation id (NFT_MSG_GETGEN) the dump was consistent with.
 */
public record Ruleset(List<Table> tables, List<Chain> chains, List<Rule> rules, List<NftSet> sets,
                      List<SetElements> elements, List<StatefulObject> objects, List<Flowtable> flowtables,
                      long generation) {

    public Ruleset {
        tables = List.copyOf(tables);
        chains = List.copyOf(chains);
        rules = List.copyOf(rules);
        sets = List.copyOf(sets);
        elements = List.copyOf(elements);
        objects = List.copyOf(objects);
        flowtables = List.copyOf(flowtables);
    }

    /** Only what belongs to one table, in the same order. */
    public Ruleset table(Family family, String name) {
        return new Ruleset(
                tables.stream().filter(t -> t.family() == family && t.name().equals(name)).toList(),
                chains.stream().filter(c -> c.family() == family && c.table().equals(name)).toList(),
                rules.stream().filter(r -> r.family() == family && r.table().equals(name)).toList(),
                sets.stream().filter(s -> s.family() == family && s.table().equals(name)).toList(),
                elements.stream().filter(e -> e.family() == family && e.table().equals(name)).toList(),
                objects.stream().filter(o -> o.family() == family && o.table().equals(name)).toList(),
                flowtables.stream().filter(f -> f.family() == family && f.table().equals(name)).toList(),
                generation);
    }

    /** The set or map {@code name} of a table, anonymous ones included. */
    public java.util.Optional<NftSet> set(Family family, String table, String name) {
        return sets.stream().filter(s -> s.family() == family && s.table().equals(table) && s.name().equals(name))
                .findFirst();
    }

    /** The elements of {@code set} in dump order (empty when it has none). */
    public List<SetElement> elementsOf(NftSet set) {
        return elements.stream()
                .filter(e -> e.family() == set.family() && e.table().equals(set.table()) && e.set().equals(set.name()))
                .flatMap(e -> e.elements().stream()).toList();
    }

    /** The rules of {@code chain}, in order. */
    public List<Rule> rulesOf(Chain chain) {
        return rules.stream()
                .filter(r -> r.family() == chain.family() && r.table().equals(chain.table())
                        && r.chain().equals(chain.name()))
                .toList();
    }
}
