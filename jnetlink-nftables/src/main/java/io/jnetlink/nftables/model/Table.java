package io.jnetlink.nftables.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A table (NFT_MSG_NEWTABLE). {@code flags}: NFT_TABLE_F_DORMANT 0x1, NFT_TABLE_F_OWNER 0x2. The comment lives
 * in {@code userdata} (NFTNL_UDATA_TABLE_COMMENT). {@code handle} is the kernel's, present when decoded.
 */
public record Table(Family family, String name, int flags, Userdata userdata, OptionalLong handle) {

    /** NFTNL_UDATA_TABLE_COMMENT. */
    public static final int UDATA_COMMENT = 0;
    public static final int F_DORMANT = 0x1;
    public static final int F_OWNER = 0x2;

    public Table {
        Objects.requireNonNull(family, "family");
        Names.check("table", name);
        Objects.requireNonNull(userdata, "userdata");
        Objects.requireNonNull(handle, "handle");
    }

    public static Table of(Family family, String name) {
        return new Table(family, name, 0, Userdata.EMPTY, OptionalLong.empty());
    }

    public Optional<String> comment() {
        return userdata.string(UDATA_COMMENT);
    }

    public Table withComment(String comment) {
        return new Table(family, name, flags, userdata.withString(UDATA_COMMENT, comment), handle);
    }

    public Table withFlags(int newFlags) {
        return new Table(family, name, newFlags, userdata, handle);
    }
}
