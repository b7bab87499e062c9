package io.jnetlink.nftables.wire;

import io.jnetlink.core.Message;
import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.Hook;
import io.jnetlink.nftables.model.Userdata;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Chains on the wire: enum nft_chain_attributes and enum nft_hook_attributes (linux/netfilter/nf_tables.h). */
public final class ChainCodec {

    private ChainCodec() {
    }

    public static final int NFTA_CHAIN_TABLE = 1;
    public static final int NFTA_CHAIN_HANDLE = 2;
    public static final int NFTA_CHAIN_NAME = 3;
    public static final int NFTA_CHAIN_HOOK = 4;
    public static final int NFTA_CHAIN_POLICY = 5;
    public static final int NFTA_CHAIN_USE = 6;
    public static final int NFTA_CHAIN_TYPE = 7;
    public static final int NFTA_CHAIN_COUNTERS = 8;
    public static final int NFTA_CHAIN_PAD = 9;
    public static final int NFTA_CHAIN_FLAGS = 10;
    public static final int NFTA_CHAIN_ID = 11;
    public static final int NFTA_CHAIN_USERDATA = 12;

    public static final int NFTA_HOOK_HOOKNUM = 1;
    public static final int NFTA_HOOK_PRIORITY = 2;
    public static final int NFTA_HOOK_DEV = 3;
    public static final int NFTA_HOOK_DEVS = 4;

    /** enum nft_devices_attributes. */
    public static final int NFTA_DEVICE_NAME = 1;

    /** NFT_CHAIN_BASE: set by the kernel on base chains; requests carry the hook instead. */
    public static final int NFT_CHAIN_BASE = 0x1;

    public static final AttributeNames NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_CHAIN_");
    public static final AttributeNames HOOK_NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_HOOK_");
    static final AttributeNames DEVICE_NAMES = AttributeNames.fromConstants(MethodHandles.lookup(), "NFTA_DEVICE_");

    /**
     * The NEWCHAIN attributes in the order nft 1.0.6 sends them: table, name, type, policy, hook (number,
     * priority, device or devices), then flags and userdata.
     */
    public static void encode(MessageWriter w, Chain c) {
        w.string(NFTA_CHAIN_TABLE, c.table());
        w.string(NFTA_CHAIN_NAME, c.name());
        c.base().ifPresent(b -> {
            w.string(NFTA_CHAIN_TYPE, b.type());
            b.policy().ifPresent(p -> w.u32be(NFTA_CHAIN_POLICY, p.code()));
            w.nested(NFTA_CHAIN_HOOK, h -> {
                h.u32be(NFTA_HOOK_HOOKNUM, b.hook().number(c.family()));
                h.u32be(NFTA_HOOK_PRIORITY, b.priority());
                encodeDevices(h, b.devices());
            });
        });
        int flags = c.flags() & ~NFT_CHAIN_BASE;
        if (flags != 0) {
            w.u32be(NFTA_CHAIN_FLAGS, flags);
        }
        Codecs.userdata(w, NFTA_CHAIN_USERDATA, c.userdata());
    }

    /** One device as NFTA_HOOK_DEV, several as NFTA_HOOK_DEVS, as nft sends them. */
    static void encodeDevices(MessageWriter h, List<String> devices) {
        if (devices.size() == 1) {
            h.string(NFTA_HOOK_DEV, devices.getFirst());
        } else if (devices.size() > 1) {
            h.nested(NFTA_HOOK_DEVS, d -> devices.forEach(dev -> d.string(NFTA_DEVICE_NAME, dev)));
        }
    }

    /** DELCHAIN / FLUSH attributes: table and name. */
    public static void encodeName(MessageWriter w, String table, String name) {
        w.string(NFTA_CHAIN_TABLE, table);
        w.string(NFTA_CHAIN_NAME, name);
    }

    /** NEWCHAIN of a rename, in nft's order: table, the new name, the handle of the chain. */
    public static void encodeRename(MessageWriter w, String table, String newName, long handle) {
        w.string(NFTA_CHAIN_TABLE, table);
        w.string(NFTA_CHAIN_NAME, newName);
        w.u64be(NFTA_CHAIN_HANDLE, handle);
    }

    /** Decodes a NEWCHAIN message. */
    public static Chain decode(Message m) {
        Family family = Family.of(NfGenMsg.family(m));
        String table = null;
        String name = null;
        String type = null;
        Integer hooknum = null;
        int priority = 0;
        List<String> devices = new ArrayList<>();
        String device = null;
        Optional<Chain.Policy> policy = Optional.empty();
        int flags = 0;
        Userdata userdata = Userdata.EMPTY;
        OptionalLong handle = OptionalLong.empty();
        AttributeReader a = m.attributes(NfGenMsg.SIZE, NAMES);
        while (a.next()) {
            switch (a.type()) {
                case NFTA_CHAIN_TABLE -> table = a.string();
                case NFTA_CHAIN_NAME -> name = a.string();
                case NFTA_CHAIN_HANDLE -> handle = OptionalLong.of(a.u64be());
                case NFTA_CHAIN_TYPE -> type = a.string();
                case NFTA_CHAIN_POLICY -> policy = Optional.of(Chain.Policy.of(a.u32be()));
                case NFTA_CHAIN_FLAGS -> flags = a.u32be();
                case NFTA_CHAIN_USERDATA -> userdata = Userdata.decode(a.bytes());
                case NFTA_CHAIN_HOOK -> {
                    AttributeReader h = a.nested(HOOK_NAMES);
                    while (h.next()) {
                        switch (h.type()) {
                            case NFTA_HOOK_HOOKNUM -> hooknum = h.u32be();
                            case NFTA_HOOK_PRIORITY -> priority = h.u32be();
                            case NFTA_HOOK_DEV -> device = h.string();
                            case NFTA_HOOK_DEVS -> devices.addAll(decodeDevices(h));
                            default -> {
                            }
                        }
                    }
                }
                default -> {
                    // NFTA_CHAIN_USE, _COUNTERS (live values), _ID (request-only)
                }
            }
        }
        // The kernel reports a single device both as NFTA_HOOK_DEVS and, for older tools, as NFTA_HOOK_DEV.
        if (devices.isEmpty() && device != null) {
            devices.add(device);
        }
        Optional<Chain.Base> base = Optional.empty();
        if (hooknum != null) {
            base = Optional.of(new Chain.Base(type == null ? "filter" : type, Hook.of(family, hooknum), priority,
                    policy, devices));
        }
        return new Chain(family, Codecs.required(table, "NFTA_CHAIN_TABLE"), Codecs.required(name, "NFTA_CHAIN_NAME"),
                base, flags, userdata, handle);
    }

    static List<String> decodeDevices(AttributeReader devs) {
        List<String> out = new ArrayList<>();
        AttributeReader d = devs.nested(DEVICE_NAMES);
        while (d.next()) {
            if (d.type() == NFTA_DEVICE_NAME) {
                out.add(d.string());
            }
        }
        return out;
    }

    public static OptionalLong handle(Message m) {
        return Codecs.u64beAttr(m, NFTA_CHAIN_HANDLE, NAMES);
    }
}
