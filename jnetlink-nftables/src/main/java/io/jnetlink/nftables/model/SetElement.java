package io.jnetlink.nftables.model;

import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.expr.Expr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One element (NFTA_LIST_ELEM of NFTA_SET_ELEM_LIST_ELEMENTS): its key, for interval sets with
 * NFT_SET_CONCAT an end key (NFTA_SET_ELEM_KEY_END), a map's data or verdict, an object map's object name,
 * flags (NFT_SET_ELEM_INTERVAL_END 0x1), timeout and remaining expiration, comment in {@code userdata}
 * (NFTNL_UDATA_SET_ELEM_COMMENT 0), and stateful expressions (a counter per element).
 */
public record SetElement(Data.Value key, Optional<Data.Value> keyEnd, Optional<Data> data,
                         Optional<String> objectRef, int flags, OptionalLong timeoutMs, OptionalLong expirationMs,
                         Userdata userdata, List<Expr> exprs) {

    public static final int F_INTERVAL_END = 0x1;
    /** NFTNL_UDATA_SET_ELEM_COMMENT. */
    public static final int UDATA_COMMENT = 0;

    public SetElement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyEnd, "keyEnd");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(objectRef, "objectRef");
        Objects.requireNonNull(timeoutMs, "timeoutMs");
        Objects.requireNonNull(expirationMs, "expirationMs");
        Objects.requireNonNull(userdata, "userdata");
        exprs = List.copyOf(exprs);
    }

    public static SetElement of(Data.Value key) {
        return new SetElement(key, Optional.empty(), Optional.empty(), Optional.empty(), 0, OptionalLong.empty(),
                OptionalLong.empty(), Userdata.EMPTY, List.of());
    }

    public boolean isIntervalEnd() {
        return (flags & F_INTERVAL_END) != 0;
    }

    public Optional<String> comment() {
        return userdata.string(UDATA_COMMENT);
    }
}
