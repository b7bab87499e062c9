package io.jnetlink.nftables.wire;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.nftables.model.Userdata;

import java.lang.invoke.MethodHandles;
import java.util.OptionalLong;

/** Tables on the wire: enum nft_table_attributes (linux/netfilter/nf_tables.h). */
public final class TableCodec {

    private TableCodec() {
    }

    public static final int NFTA_TABLE_NAME = 1;
    public static final int NFTA_TABLE_FLAGS = 2;
    public static final int NFTA_TABLE_USE = 3;
    public static final int NFTA_TABLE_HANDLE = 4;
    public static final int NFTA_TABLE_PAD = 5;
    public static final int NFTA_TABLE_USERDATA = 6;
    public static final int NFTA_TABLE_OWNER = 7;

    public static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_TABLE_");

    /** The NEWTABLE attributes, in libnftnl's order: name, flags, userdata (the handle is the kernel's). */
    public static void encode(MessageWriter w, Table t) {
        w.string(NFTA_TABLE_NAME, t.name());
        w.u32be(NFTA_TABLE_FLAGS, t.flags());
        Codecs.userdata(w, NFTA_TABLE_USERDATA, t.userdata());
    }

    /** DELTABLE / lookup attributes: the name only. */
    public static void encodeName(MessageWriter w, String name) {
        w.string(NFTA_TABLE_NAME, name);
    }

    /** Decodes a NEWTABLE message (dump or notification). */
    public static Table decode(Message m) {
        Family family = Family.of(NfGenMsg.family(m));
        String name = null;
        int flags = 0;
        Userdata userdata = Userdata.EMPTY;
        OptionalLong handle = OptionalLong.empty();
        AttributeReader a = m.attributes(NfGenMsg.SIZE, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case NFTA_TABLE_NAME -> name = a.string();
                case NFTA_TABLE_FLAGS -> flags = a.u32be();
                case NFTA_TABLE_HANDLE -> handle = OptionalLong.of(a.u64be());
                case NFTA_TABLE_USERDATA -> userdata = Userdata.decode(a.bytes());
                default -> {
                    // NFTA_TABLE_USE and _OWNER are kernel bookkeeping, not part of the table's definition
                }
            }
        }
        return new Table(family, Codecs.required(name, "NFTA_TABLE_NAME"), flags, userdata, handle);
    }

    /** The kernel-assigned handle in an echoed NEWTABLE, if any. */
    public static OptionalLong handle(Message m) {
        return Codecs.u64beAttr(m, NFTA_TABLE_HANDLE, NAMES);
    }
}
