package io.jnetlink.nftables.proto;

import java.util.Objects;

/** One entry of a datatype's symbol table: the name nft prints and accepts for a numeric value. */
public record Symbol(String name, long value) {
    public Symbol {
        Objects.requireNonNull(name, "name");
    }
}
