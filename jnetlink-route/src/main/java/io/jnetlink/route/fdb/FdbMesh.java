package io.jnetlink.route.fdb;

import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.net.InetAddresses;
import io.jnetlink.core.net.MacAddress;
import io.jnetlink.route.neigh.NeighbourFlags;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the remotes of one VXLAN device equal to a wanted set, the way an EVPN-less overlay controller does
 * with {@code bridge fdb append/del} in a loop, but with one dump and at most one batch per call.
 *
 * <p>The mesh manages, on its device, the entries that have a remote (NDA_DST), no source VNI and not the
 * {@code extern_learn} flag:
 * <ul>
 *   <li>every flood entry (00:00:00:00:00:00, one message per remote), and</li>
 *   <li>every unicast MAC entry that is not dynamic (learned, or added {@code dynamic}).</li>
 * </ul>
 * A wanted remote is a plain entry: no VNI, port or via device of its own (the device's defaults). Entries it
 * manages that are not wanted are deleted, also flood entries to a wanted remote that carry their own VNI, port
 * or via device. Entries it does not manage (dynamic and {@code extern_learn} entries, multicast MACs, entries
 * without a remote, entries of other source VNIs, other devices) are never touched, except that a wanted
 * unicast MAC replaces whatever entry the MAC has (which the result then lists as removed).
 *
 * <p>Obtained from {@code Fdb.mesh(device)}. Calls for one device should not overlap: the dump and the batch
 * of one call are not atomic against another.
 */
public final class FdbMesh {

    /**
     * What one {@link #sync} changed: the entries it added (as sent) and those it removed or replaced (as
     * dumped). Both empty when the device already had the wanted remotes.
     */
    public record SyncResult(List<FdbEntry> added, List<FdbEntry> removed) {
        public SyncResult {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }

        /** Whether the call changed nothing (and so sent nothing but its dump). */
        public boolean unchanged() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    private final NetlinkSocket socket;
    private final int index;
    private final String device;

    FdbMesh(NetlinkSocket socket, int index, String device) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.index = index;
        this.device = Objects.requireNonNull(device, "device");
    }

    /** The VXLAN device's index. */
    public int index() {
        return index;
    }

    /** The VXLAN device's name, as given to {@code Fdb.mesh}. */
    public String device() {
        return device;
    }

    /**
     * Makes the device's flood list exactly {@code remotes}, removing every unicast entry it manages. See
     * {@link #sync(Collection, Map)}.
     */
    public SyncResult sync(Collection<InetAddress> remotes) {
        return sync(remotes, Map.of());
    }

    /**
     * Makes the device's flood list exactly {@code remotes} and its managed unicast entries exactly
     * {@code unicast} (MAC to remote): reads the device's FDB once (one dump), then sends every change in one
     * batch, additions first ({@code append} for flood remotes, {@code replace} for unicast MACs, so that an
     * entry is never missing while it changes), deletions last. When nothing differs, nothing but the dump is
     * sent. Equivalent to a {@code bridge -batch} of {@code fdb append 00:00:00:00:00:00 dev vx0 dst REMOTE},
     * {@code fdb replace MAC dev vx0 dst REMOTE} and {@code fdb del ...} lines computed from
     * {@code bridge fdb show dev vx0}.
     *
     * <p>Duplicate remotes collapse. Validated before anything is sent: every remote (flood and unicast) must
     * be a unicast IP address (not multicast, wildcard or broadcast), all of one family (a VXLAN device sends
     * over one); every MAC a unicast Ethernet address. Checked after the dump, before any change: the remotes'
     * family is the one of the device's existing remotes.
     *
     * @throws IllegalArgumentException naming the field and value of bad input
     * @throws BatchException           naming each change the kernel refused (EAFNOSUPPORT for a remote of the
     *                                  other family on an empty device; ENODEV when the device is gone); the
     *                                  other changes were made
     */
    public SyncResult sync(Collection<InetAddress> remotes, Map<MacAddress, InetAddress> unicast) {
        Objects.requireNonNull(remotes, "remotes");
        Objects.requireNonNull(unicast, "unicast");
        Set<InetAddress> flood = new LinkedHashSet<>();
        Set<Class<?>> families = new HashSet<>();
        for (InetAddress r : remotes) {
            flood.add(remote("remote", r));
            families.add(familyOf(r));
        }
        Map<MacAddress, InetAddress> macs = new LinkedHashMap<>();
        for (Map.Entry<MacAddress, InetAddress> e : unicast.entrySet()) {
            MacAddress mac = Objects.requireNonNull(e.getKey(), "unicast MAC");
            if (mac.bytes().length != FdbEntry.ETH_ALEN || mac.isMulticast() || mac.equals(MacAddress.ZERO)) {
                throw new IllegalArgumentException("unicast MAC " + mac + " is not a unicast Ethernet address");
            }
            InetAddress r = Objects.requireNonNull(e.getValue(), () -> "remote of unicast MAC " + mac);
            macs.put(mac, remote("remote of unicast MAC " + mac, r));
            families.add(familyOf(r));
        }
        if (families.size() > 1) {
            throw new IllegalArgumentException("remotes mix IPv4 and IPv6 (" + example(flood, macs, Inet4Address.class)
                    + ", " + example(flood, macs, Inet6Address.class) + "): a VXLAN device sends over one family");
        }

        List<FdbEntry> current = Fdb.decodeAll(socket.dump(FdbCodec.dump(index)), index);
        if (!families.isEmpty()) {
            Class<?> wanted = families.iterator().next();
            for (FdbEntry e : current) {
                if (e.dst().isPresent() && familyOf(e.dst().get()) != wanted) {
                    throw new IllegalArgumentException("remotes are " + (wanted == Inet4Address.class ? "IPv4" : "IPv6")
                            + " but " + device + " has the remote " + InetAddresses.toString(e.dst().get())
                            + ": a VXLAN device sends over one family");
                }
            }
        }
        Plan plan = plan(index, current, flood, macs);
        List<Request> requests = new ArrayList<>(plan.appends().size() + plan.replaces().size() + plan.deletes().size());
        plan.appends().forEach(e -> requests.add(FdbCodec.append(e, device)));
        plan.replaces().forEach(e -> requests.add(FdbCodec.replace(e, device)));
        plan.deletes().forEach(e -> requests.add(FdbCodec.delete(e, device)));
        socket.batch(requests);
        List<FdbEntry> added = new ArrayList<>(plan.appends());
        added.addAll(plan.replaces());
        List<FdbEntry> removed = new ArrayList<>(plan.deletes());
        removed.addAll(plan.overwritten());
        return new SyncResult(added, removed);
    }

    /**
     * The changes that turn {@code current} (the device's dump) into the wanted state.
     *
     * @param appends     flood entries to append
     * @param replaces    unicast entries to add or replace
     * @param deletes     managed entries to delete
     * @param overwritten existing entries of wanted unicast MACs that a replace overwrites
     */
    record Plan(List<FdbEntry> appends, List<FdbEntry> replaces, List<FdbEntry> deletes, List<FdbEntry> overwritten) {
    }

    static Plan plan(int index, List<FdbEntry> current, Set<InetAddress> flood, Map<MacAddress, InetAddress> unicast) {
        Set<InetAddress> floodPresent = new HashSet<>();
        Map<MacAddress, InetAddress> unicastPresent = new HashMap<>();
        List<FdbEntry> deletes = new ArrayList<>();
        List<FdbEntry> overwritten = new ArrayList<>();
        for (FdbEntry e : current) {
            if (e.index() != index || e.srcVni().isPresent()) {
                continue;
            }
            boolean plain = e.dst().isPresent() && e.vni().isEmpty() && e.port().isEmpty() && e.ifindex().isEmpty();
            boolean foreign = e.hasFlag(NeighbourFlags.EXTERN_LEARN);
            if (!e.isFlood() && !e.mac().isMulticast() && unicast.containsKey(e.mac())) {
                // a wanted MAC: kept when it is already as wanted, else the replace overwrites whatever it is
                if (plain && !foreign && !e.isDynamic() && unicast.get(e.mac()).equals(e.dst().get())
                        && !unicastPresent.containsKey(e.mac())) {
                    unicastPresent.put(e.mac(), e.dst().get());
                } else {
                    overwritten.add(e);
                }
            } else if (e.dst().isPresent() && !foreign) {
                if (e.isFlood()) {
                    if (plain && flood.contains(e.dst().get())) {
                        floodPresent.add(e.dst().get());
                    } else {
                        deletes.add(e);
                    }
                } else if (!e.mac().isMulticast() && !e.isDynamic()) {
                    deletes.add(e);
                }
            }
        }
        List<FdbEntry> appends = new ArrayList<>();
        for (InetAddress r : flood) {
            if (!floodPresent.contains(r)) {
                appends.add(FdbEntry.flood(index, r).build());
            }
        }
        List<FdbEntry> replaces = new ArrayList<>();
        unicast.forEach((mac, r) -> {
            if (!unicastPresent.containsKey(mac)) {
                replaces.add(FdbEntry.builder(index, mac).dst(r).build());
            }
        });
        return new Plan(appends, replaces, deletes, overwritten);
    }

    /** Checks a wanted remote and returns it in the form decoding gives, so that set membership is exact. */
    private static InetAddress remote(String field, InetAddress r) {
        Objects.requireNonNull(r, field);
        if (r.isMulticastAddress() || r.isAnyLocalAddress() || isLimitedBroadcast(r)) {
            throw new IllegalArgumentException(field + " " + InetAddresses.toString(r)
                    + " is not a unicast IP address");
        }
        try {
            byte[] b = r.getAddress();
            return b.length == 16 ? Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(field + " " + r + ": " + e.getMessage(), e);
        }
    }

    private static boolean isLimitedBroadcast(InetAddress r) {
        if (!(r instanceof Inet4Address)) {
            return false;
        }
        for (byte b : r.getAddress()) {
            if (b != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> familyOf(InetAddress a) {
        return a instanceof Inet4Address ? Inet4Address.class : Inet6Address.class;
    }

    private static String example(Set<InetAddress> flood, Map<MacAddress, InetAddress> macs, Class<?> family) {
        Optional<InetAddress> a = flood.stream().filter(family::isInstance).findFirst()
                .or(() -> macs.values().stream().filter(family::isInstance).findFirst());
        return a.map(InetAddresses::toString).orElse("?");
    }

    @Override
    public String toString() {
        return "FdbMesh[" + device + ", ifindex " + index + "]";
    }
}
