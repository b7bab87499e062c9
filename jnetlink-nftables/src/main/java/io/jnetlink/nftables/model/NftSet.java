package io.jnetlink.nftables.model;

import io.jnetlink.nftables.expr.Expr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A set or map (NFT_MSG_NEWSET). A map has {@code data} (NFT_SET_MAP in flags), an object map has
 * {@code objectType} (NFT_SET_OBJECT). Anonymous sets (NFT_SET_ANONYMOUS) are named "__set%d" when created
 * and renamed by the kernel; rules created in the same transaction reference them by {@code id}.
 * {@code concat} is NFTA_SET_DESC_CONCAT: each field's length in bytes, for concatenated interval keys.
 * {@code userdata} holds what nft needs to print the set (NFTNL_UDATA_SET_KEYBYTEORDER, ..._TYPEOF,
 * ..._COMMENT), {@code exprs} the per-element stateful expressions (NFTA_SET_EXPR / NFTA_SET_EXPRESSIONS).
 */
public record NftSet(Family family, String table, String name, int flags, DataSpec key, Optional<DataSpec> data,
                     OptionalInt objectType, OptionalLong timeoutMs, OptionalInt gcIntervalMs, OptionalInt policy,
                     OptionalInt size, List<Integer> concat, Userdata userdata, List<Expr> exprs,
                     OptionalInt id, OptionalLong handle) {

    public static final int F_ANONYMOUS = 0x1;
    public static final int F_CONSTANT = 0x2;
    public static final int F_INTERVAL = 0x4;
    public static final int F_MAP = 0x8;
    public static final int F_TIMEOUT = 0x10;
    public static final int F_EVAL = 0x20;
    public static final int F_OBJECT = 0x40;
    public static final int F_CONCAT = 0x80;
    public static final int F_EXPR = 0x100;

    /** libnftnl udata.h NFTNL_UDATA_SET_* types. */
    public static final int UDATA_KEYBYTEORDER = 0;
    public static final int UDATA_DATABYTEORDER = 1;
    public static final int UDATA_MERGE_ELEMENTS = 2;
    public static final int UDATA_KEY_TYPEOF = 3;
    public static final int UDATA_DATA_TYPEOF = 4;
    public static final int UDATA_EXPR = 5;
    public static final int UDATA_DATA_INTERVAL = 6;
    public static final int UDATA_COMMENT = 7;

    public NftSet {
        Objects.requireNonNull(family, "family");
        Names.check("table", table);
        Names.check("set", name);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(timeoutMs, "timeoutMs");
        Objects.requireNonNull(gcIntervalMs, "gcIntervalMs");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(size, "size");
        concat = List.copyOf(concat);
        Objects.requireNonNull(userdata, "userdata");
        exprs = List.copyOf(exprs);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handle, "handle");
    }

    /** A plain named set of {@code key} (no flags, no data, no id): {@code add set FAMILY TABLE NAME { type ...; }}. */
    public static NftSet of(Family family, String table, String name, DataSpec key) {
        return new NftSet(family, table, name, 0, key, Optional.empty(), OptionalInt.empty(), OptionalLong.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), List.of(), Userdata.EMPTY, List.of(),
                OptionalInt.empty(), OptionalLong.empty());
    }

    /** This set with other NFT_SET_* flags. */
    public NftSet withFlags(int newFlags) {
        return new NftSet(family, table, name, newFlags, key, data, objectType, timeoutMs, gcIntervalMs, policy, size,
                concat, userdata, exprs, id, handle);
    }

    /** This set as a map to {@code newData} (NFT_SET_MAP added to the flags). */
    public NftSet withData(DataSpec newData) {
        return new NftSet(family, table, name, flags | F_MAP, key, Optional.of(newData), objectType, timeoutMs,
                gcIntervalMs, policy, size, concat, userdata, exprs, id, handle);
    }

    public boolean isMap() {
        return (flags & F_MAP) != 0;
    }

    public boolean isAnonymous() {
        return (flags & F_ANONYMOUS) != 0;
    }

    /** Whether nft merges adjacent and overlapping elements (NFTNL_UDATA_SET_MERGE_ELEMENTS: {@code auto-merge}). */
    public boolean isAutoMerge() {
        return userdata.get(UDATA_MERGE_ELEMENTS).map(v -> v.length > 0 && v[0] != 0).orElse(false);
    }

    public Optional<String> comment() {
        return userdata.string(UDATA_COMMENT);
    }

    public NftSet withId(int newId) {
        return new NftSet(family, table, name, flags, key, data, objectType, timeoutMs, gcIntervalMs, policy, size,
                concat, userdata, exprs, OptionalInt.of(newId), handle);
    }
}
