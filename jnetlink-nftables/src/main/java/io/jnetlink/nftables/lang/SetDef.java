package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.proto.Datatype;

import java.util.List;
import java.util.Optional;

/**
 * What the compiler knows of a named set or map: key parts (one per concatenated field), data (maps), the
 * set's flags and, for object maps, the object type. Built from a declaration in the script or from a set
 * that already exists in the kernel.
 */
record SetDef(String name, List<Part> key, Optional<Part> data, boolean verdictMap, int flags, int objectType,
              List<Part> dataConcat) {

    /** The data type number as NFTA_SET_DATA_TYPE holds it (packed for a concatenation). */
    int dataTypeNumber() {
        if (!dataConcat.isEmpty()) {
            return Datatype.concatPack(dataConcat.stream().map(p -> p.type().number()).toList());
        }
        return data.orElseThrow().type().number();
    }

    /** One field of a key or data: its datatype and size in bytes as stored in the set. */
    record Part(Datatype type, int bytes) {
    }

    boolean isMap() {
        return data.isPresent() || verdictMap || objectType != 0;
    }

    boolean isInterval() {
        return (flags & io.jnetlink.nftables.model.NftSet.F_INTERVAL) != 0;
    }
}
