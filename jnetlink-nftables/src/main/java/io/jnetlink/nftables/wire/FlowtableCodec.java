package io.jnetlink.nftables.wire;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Flowtable;
import io.jnetlink.nftables.model.Hook;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Flowtables on the wire: enum nft_flowtable_attributes and nft_flowtable_hook_attributes (linux/netfilter/nf_tables.h). */
public final class FlowtableCodec {

    private FlowtableCodec() {
    }

    public static final int NFTA_FLOWTABLE_TABLE = 1;
    public static final int NFTA_FLOWTABLE_NAME = 2;
    public static final int NFTA_FLOWTABLE_HOOK = 3;
    public static final int NFTA_FLOWTABLE_USE = 4;
    public static final int NFTA_FLOWTABLE_HANDLE = 5;
    public static final int NFTA_FLOWTABLE_PAD = 6;
    public static final int NFTA_FLOWTABLE_FLAGS = 7;

    public static final int NFTA_FLOWTABLE_HOOK_NUM = 1;
    public static final int NFTA_FLOWTABLE_HOOK_PRIORITY = 2;
    public static final int NFTA_FLOWTABLE_HOOK_DEVS = 3;

    public static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_FLOWTABLE_");
    static final AttributeNames HOOK_NAMES =
            AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_FLOWTABLE_HOOK_");

    /** NEWFLOWTABLE attributes: table, name, hook (number, priority, devices), flags. */
    public static void encode(MessageWriter w, Flowtable f) {
        w.string(NFTA_FLOWTABLE_TABLE, f.table());
        w.string(NFTA_FLOWTABLE_NAME, f.name());
        w.nested(NFTA_FLOWTABLE_HOOK, h -> {
            h.u32be(NFTA_FLOWTABLE_HOOK_NUM, f.hook().number(Family.NETDEV));
            h.u32be(NFTA_FLOWTABLE_HOOK_PRIORITY, f.priority());
            if (!f.devices().isEmpty()) {
                h.nested(NFTA_FLOWTABLE_HOOK_DEVS,
                        d -> f.devices().forEach(dev -> d.string(ChainCodec.NFTA_DEVICE_NAME, dev)));
            }
        });
        if (f.flags() != 0) {
            w.u32be(NFTA_FLOWTABLE_FLAGS, f.flags());
        }
    }

    /** DELFLOWTABLE attributes: table and name. */
    public static void encodeName(MessageWriter w, String table, String name) {
        w.string(NFTA_FLOWTABLE_TABLE, table);
        w.string(NFTA_FLOWTABLE_NAME, name);
    }

    /** Decodes a NEWFLOWTABLE message. Flowtable hooks are numbered like netdev hooks (NF_NETDEV_INGRESS 0). */
    public static Flowtable decode(Message m) {
        Family family = Family.of(NfGenMsg.family(m));
        String table = null;
        String name = null;
        int hooknum = 0;
        int priority = 0;
        List<String> devices = new ArrayList<>();
        int flags = 0;
        OptionalLong handle = OptionalLong.empty();
        AttributeReader a = m.attributes(NfGenMsg.SIZE, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case NFTA_FLOWTABLE_TABLE -> table = a.string();
                case NFTA_FLOWTABLE_NAME -> name = a.string();
                case NFTA_FLOWTABLE_HANDLE -> handle = OptionalLong.of(a.u64be());
                case NFTA_FLOWTABLE_FLAGS -> flags = a.u32be();
                case NFTA_FLOWTABLE_HOOK -> {
                    AttributeReader h = a.nested(HOOK_NAMES);
                    while (h.next()) {
                        switch (h.type()) {
                            case NFTA_FLOWTABLE_HOOK_NUM -> hooknum = h.u32be();
                            case NFTA_FLOWTABLE_HOOK_PRIORITY -> priority = h.u32be();
                            case NFTA_FLOWTABLE_HOOK_DEVS -> devices.addAll(ChainCodec.decodeDevices(h));
                            default -> {
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        return new Flowtable(family, Codecs.required(table, "NFTA_FLOWTABLE_TABLE"),
                Codecs.required(name, "NFTA_FLOWTABLE_NAME"), Hook.of(Family.NETDEV, hooknum), priority, devices, flags,
                handle);
    }

    public static OptionalLong handle(Message m) {
        return Codecs.u64beAttr(m, NFTA_FLOWTABLE_HANDLE, NAMES);
    }
}
