package io.jnetlink.nftables.model;

import io.jnetlink.nftables.expr.Expr;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A named stateful object (NFT_MSG_NEWOBJ). {@code type} is NFT_OBJECT_* (1 counter, 2 quota, 3 ct helper,
 * 4 limit, 5 connlimit, 6 tunnel, 7 ct timeout, 8 secmark, 9 ct expectation, 10 synproxy); {@code data} is
 * its NFTA_OBJ_DATA as the expression of the same name encodes it (a counter object holds a
 * {@code Counter}, a quota a {@code Quota}, a limit a {@code Limit}; other types a {@code RawExpr}).
 */
public record StatefulObject(Family family, String table, String name, int type, Expr data, Userdata userdata,
                             OptionalLong handle) {

    public static final int COUNTER = 1;
    public static final int QUOTA = 2;
    public static final int CT_HELPER = 3;
    public static final int LIMIT = 4;
    public static final int CONNLIMIT = 5;
    /** NFTNL_UDATA_OBJ_COMMENT. */
    public static final int UDATA_COMMENT = 0;

    public StatefulObject {
        Objects.requireNonNull(family, "family");
        Names.check("table", table);
        Names.check("object", name);
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(userdata, "userdata");
        Objects.requireNonNull(handle, "handle");
    }

    public Optional<String> comment() {
        return userdata.string(UDATA_COMMENT);
    }
}
