package io.jnetlink.nftables.monitor;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.Subscription;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.core.ns.NetNs;
import io.jnetlink.nftables.wire.ChainCodec;
import io.jnetlink.nftables.wire.ElementCodec;
import io.jnetlink.nftables.wire.FlowtableCodec;
import io.jnetlink.nftables.wire.GenCodec;
import io.jnetlink.nftables.wire.NfGenMsg;
import io.jnetlink.nftables.wire.NftMsg;
import io.jnetlink.nftables.wire.ObjectCodec;
import io.jnetlink.nftables.wire.RuleCodec;
import io.jnetlink.nftables.wire.SetCodec;
import io.jnetlink.nftables.wire.TableCodec;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Follows ruleset changes in a namespace: subscribes to NFNLGRP_NFTABLES and turns each notification into a
 * typed {@link NftEvent}. Equivalent to: {@code nft monitor}.
 * <pre>{@code
 * try (NftMonitor m = NftMonitor.open(netns)) {
 *     Optional<NftEvent> e = m.next(Duration.ofSeconds(1));
 * }
 * }</pre>
 * The subscription exists from {@code open} on: a change committed after {@code open} returns is reported.
 * When the kernel drops notifications (ENOBUFS) the monitor reports {@link NftEvent.Overrun} and keeps going.
 *
 * <p>One reader at a time; {@link #close()} may be called from any thread and wakes it.
 */
public final class NftMonitor implements AutoCloseable {

    /** NFNLGRP_NFTABLES (enum nfnetlink_groups, linux/netfilter/nfnetlink.h). */
    static final int NFNLGRP_NFTABLES = 7;

    /** SO_RCVBUF of the subscription: a large transaction announces one message per object. */
    static final int RECEIVE_BUFFER_BYTES = 4 << 20;

    private final Subscription subscription;

    private NftMonitor(Subscription subscription) {
        this.subscription = subscription;
    }

    /** Subscribes in {@code netns}. */
    public static NftMonitor open(NetNs netns) {
        Objects.requireNonNull(netns, "netns");
        return new NftMonitor(netns.subscribeWithBuffer(NetlinkProtocol.NETFILTER, RECEIVE_BUFFER_BYTES,
                NFNLGRP_NFTABLES));
    }

    /** A monitor over a subscription to NFNLGRP_NFTABLES the caller opened (own buffer size, ...). */
    public static NftMonitor over(Subscription subscription) {
        return new NftMonitor(Objects.requireNonNull(subscription, "subscription"));
    }

    /** Subscribes in the calling thread's namespace. */
    public static NftMonitor open() {
        return new NftMonitor(Subscription.openWithBuffer(NetlinkProtocol.NETFILTER, RECEIVE_BUFFER_BYTES,
                NFNLGRP_NFTABLES));
    }

    /** Waits up to {@code timeout} for the next event; empty on timeout or once closed. */
    public Optional<NftEvent> next(Duration timeout) {
        return subscription.next(timeout).map(e -> switch (e) {
            case Subscription.Overrun o -> new NftEvent.Overrun();
            case Subscription.Notification n -> decode(n.message());
        });
    }

    /** How many overruns were reported so far. */
    public long overruns() {
        return subscription.overruns();
    }

    /**
     * Decodes one NFNLGRP_NFTABLES notification. Never throws: what cannot be decoded becomes
     * {@link NftEvent.Undecoded} with the reason.
     */
    public static NftEvent decode(Message m) {
        int msg = NftMsg.msg(m.type());
        try {
            return switch (msg) {
                case NftMsg.NEWTABLE -> new NftEvent.TableChange(NftEvent.Action.ADD, TableCodec.decode(m));
                case NftMsg.DELTABLE -> new NftEvent.TableChange(NftEvent.Action.DELETE, TableCodec.decode(m));
                case NftMsg.NEWCHAIN -> new NftEvent.ChainChange(NftEvent.Action.ADD, ChainCodec.decode(m));
                case NftMsg.DELCHAIN -> new NftEvent.ChainChange(NftEvent.Action.DELETE, ChainCodec.decode(m));
                case NftMsg.NEWRULE -> new NftEvent.RuleChange(NftEvent.Action.ADD, RuleCodec.decode(m));
                case NftMsg.DELRULE -> new NftEvent.RuleChange(NftEvent.Action.DELETE, RuleCodec.decode(m));
                case NftMsg.NEWSET -> new NftEvent.SetChange(NftEvent.Action.ADD, SetCodec.decode(m));
                case NftMsg.DELSET -> new NftEvent.SetChange(NftEvent.Action.DELETE, SetCodec.decode(m));
                case NftMsg.NEWSETELEM -> new NftEvent.ElementChange(NftEvent.Action.ADD, ElementCodec.decode(m));
                case NftMsg.DELSETELEM -> new NftEvent.ElementChange(NftEvent.Action.DELETE, ElementCodec.decode(m));
                case NftMsg.NEWOBJ -> new NftEvent.ObjectChange(NftEvent.Action.ADD, ObjectCodec.decode(m));
                case NftMsg.DELOBJ -> new NftEvent.ObjectChange(NftEvent.Action.DELETE, ObjectCodec.decode(m));
                case NftMsg.NEWFLOWTABLE -> new NftEvent.FlowtableChange(NftEvent.Action.ADD, FlowtableCodec.decode(m));
                case NftMsg.DELFLOWTABLE -> new NftEvent.FlowtableChange(NftEvent.Action.DELETE,
                        FlowtableCodec.decode(m));
                case NftMsg.NEWGEN -> generation(m);
                default -> new NftEvent.Undecoded(m.type(), msg < 0
                        ? "not an nftables message (nlmsg_type 0x" + Integer.toHexString(m.type()) + ")"
                        : "NFT_MSG_" + NftMsg.name(msg) + " is not a ruleset change");
            };
        } catch (DecodeException | IllegalArgumentException | IllegalStateException e) {
            return new NftEvent.Undecoded(m.type(), "NFT_MSG_" + NftMsg.name(msg) + ": " + e.getMessage());
        }
    }

    private static NftEvent generation(Message m) {
        long id = 0;
        OptionalInt pid = OptionalInt.empty();
        Optional<String> process = Optional.empty();
        AttributeReader a = m.attributes(NfGenMsg.SIZE, GenCodec.NAMES);
        while (a.next()) {
            switch (a.type()) {
                case GenCodec.NFTA_GEN_ID -> id = Integer.toUnsignedLong(a.u32be());
                case GenCodec.NFTA_GEN_PROC_PID -> pid = OptionalInt.of(a.u32be());
                case GenCodec.NFTA_GEN_PROC_NAME -> process = Optional.of(a.string());
                default -> {
                }
            }
        }
        return new NftEvent.Generation(id, pid, process);
    }

    /** Ends the subscription, waking a reader blocked in {@link #next(Duration)}. Idempotent. */
    @Override
    public void close() {
        subscription.close();
    }
}
