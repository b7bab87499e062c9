package io.jnetlink.nftables.proto;

import java.nio.ByteOrder;

/**
 * The byte order of a value in registers and set keys, as nft's {@code enum byteorder} (datatype.h) says:
 * header fields are big-endian, most meta and ct keys host-endian, strings have none.
 */
public enum Endian {
    /** BYTEORDER_INVALID: byte strings (interface names, helper names, addresses treated as opaque). */
    NONE,
    /** BYTEORDER_HOST_ENDIAN: the machine's native order (little-endian on x86-64 and arm64). */
    HOST,
    /** BYTEORDER_BIG_ENDIAN: network order. */
    BIG;

    /** The Java byte order used to read a number in this order ({@code NONE} reads as big-endian). */
    public ByteOrder javaOrder() {
        return this == HOST ? ByteOrder.nativeOrder() : ByteOrder.BIG_ENDIAN;
    }

    /** The value nft stores in set userdata (NFTNL_UDATA_SET_KEYBYTEORDER): 0 invalid, 1 host, 2 big. */
    public int udataCode() {
        return ordinal();
    }
}
