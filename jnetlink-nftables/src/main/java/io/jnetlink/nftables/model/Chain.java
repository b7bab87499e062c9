package io.jnetlink.nftables.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A chain (NFT_MSG_NEWCHAIN): a base chain when {@code base} is present (type, hook, priority, policy,
 * devices), else a regular chain reached by jump or goto. The comment lives in {@code userdata}
 * (NFTNL_UDATA_CHAIN_COMMENT). {@code flags}: NFT_CHAIN_BASE 0x1, NFT_CHAIN_HW_OFFLOAD 0x2, NFT_CHAIN_BINDING 0x4.
 */
public record Chain(Family family, String table, String name, Optional<Base> base, int flags,
                    Userdata userdata, OptionalLong handle) {

    /** NFTNL_UDATA_CHAIN_COMMENT. */
    public static final int UDATA_COMMENT = 0;

    /** Base-chain parameters. {@code type} is "filter", "nat" or "route". */
    public record Base(String type, Hook hook, int priority, Optional<Policy> policy, List<String> devices) {
        public Base {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(hook, "hook");
            Objects.requireNonNull(policy, "policy");
            devices = List.copyOf(devices);
        }
    }

    /** Base-chain policy (NFTA_CHAIN_POLICY: NF_DROP 0, NF_ACCEPT 1). */
    public enum Policy {
        DROP, ACCEPT;

        public int code() {
            return this == DROP ? 0 : 1;
        }

        public String nftName() {
            return this == DROP ? "drop" : "accept";
        }

        public static Policy of(int code) {
            return switch (code) {
                case 0 -> DROP;
                case 1 -> ACCEPT;
                default -> throw new IllegalArgumentException("policy: unknown chain policy " + code);
            };
        }
    }

    public Chain {
        Objects.requireNonNull(family, "family");
        Names.check("table", table);
        Names.check("chain", name);
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(userdata, "userdata");
        Objects.requireNonNull(handle, "handle");
    }

    public static Chain regular(Family family, String table, String name) {
        return new Chain(family, table, name, Optional.empty(), 0, Userdata.EMPTY, OptionalLong.empty());
    }

    public static Chain base(Family family, String table, String name, Base base) {
        return new Chain(family, table, name, Optional.of(base), 0, Userdata.EMPTY, OptionalLong.empty());
    }

    public Optional<String> comment() {
        return userdata.string(UDATA_COMMENT);
    }

    public Chain withComment(String comment) {
        return new Chain(family, table, name, base, flags, userdata.withString(UDATA_COMMENT, comment), handle);
    }
}
