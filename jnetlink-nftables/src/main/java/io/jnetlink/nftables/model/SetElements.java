package io.jnetlink.nftables.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Elements of one set (NFT_MSG_NEWSETELEM). {@code setId} addresses a set created earlier in the same
 * transaction (NFTA_SET_ELEM_LIST_SET_ID), as anonymous sets must be.
 */
public record SetElements(Family family, String table, String set, OptionalInt setId, List<SetElement> elements) {

    public SetElements {
        Objects.requireNonNull(family, "family");
        Names.check("table", table);
        Names.check("set", set);
        Objects.requireNonNull(setId, "setId");
        elements = List.copyOf(elements);
    }

    public static SetElements of(Family family, String table, String set, List<SetElement> elements) {
        return new SetElements(family, table, set, OptionalInt.empty(), elements);
    }
}
