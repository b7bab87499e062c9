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
}
