package io.jnetlink.route.address;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.KernelException;
import io.jnetlink.core.net.IpPrefix;
import io.jnetlink.route.link.Links;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Address operations, each equivalent to one {@code ip address} command. Obtained from
 * {@code Rtnetlink.addresses()}; all operations share the {@code Rtnetlink}'s socket.
 *
 * <p>Bad input throws {@link IllegalArgumentException} before anything is sent; a refusal by the kernel
 * throws {@link KernelException} naming the operation (e.g. {@code add address 10.0.0.1/24 dev veth0}), the
 * errno and the kernel's extended-ACK message.
 */
public final class Addresses {

    private final NetlinkSocket socket;
    private final Links links;

    public Addresses(NetlinkSocket socket, Links links) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.links = Objects.requireNonNull(links, "links");
    }

    /**
     * Every IPv4 and IPv6 address of every link. Equivalent to: {@code ip address show}.
     */
    public List<Address> list() {
        return decodeAll(socket.dump(AddressCodec.dump()), 0);
    }

    /**
     * The addresses of the link with this index; the kernel filters the dump.
     * Equivalent to: {@code ip address show dev veth0}.
     */
    public List<Address> list(int index) {
        return decodeAll(socket.dump(AddressCodec.dump(index)), index);
    }

    /**
     * The addresses of the link named {@code device}.
     * Equivalent to: {@code ip address show dev veth0}.
     *
     * @throws KernelException with ENODEV when there is no such link
     */
    public List<Address> list(String device) {
        int index = links.indexOf(Objects.requireNonNull(device, "device"));
        return decodeAll(socket.dump(AddressCodec.dump(index, device)), index);
    }

    /** Decodes IP addresses, dropping other families and (should a kernel not filter) other links. */
    private static List<Address> decodeAll(List<Message> messages, int index) {
        List<Address> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            if (AddressCodec.isIpAddress(m)) {
                Address a = AddressCodec.decode(m);
                if (index == 0 || a.index() == index) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /**
     * Adds an address; fails with EEXIST when it is already there.
     * Equivalent to: {@code ip address add 10.0.0.1/24 broadcast 10.0.0.255 dev veth0}.
     */
    public void add(Address address) {
        socket.request(AddressCodec.add(address));
    }

    /**
     * Adds {@code cidr} (e.g. {@code 10.0.0.1/24} or {@code 2001:db8::1/64}; a bare address is a /32 or
     * /128, as with {@code ip}) to {@code device}.
     * Equivalent to: {@code ip address add 10.0.0.1/24 dev veth0}.
     *
     * @throws IllegalArgumentException when {@code cidr} is not an address with an optional prefix length
     * @throws KernelException          with ENODEV when there is no such link, EEXIST when the address exists
     */
    public void add(String device, String cidr) {
        Address a = parse(device, cidr);
        socket.request(AddressCodec.add(a, device));
    }

    /**
     * Adds an address, or updates lifetimes, metric and (IPv6) flags of the existing one.
     * Equivalent to: {@code ip address replace 10.0.0.1/24 dev veth0 valid_lft 300 preferred_lft 200}.
     */
    public void replace(Address address) {
        socket.request(AddressCodec.replace(address));
    }

    /**
     * Removes an address; fails with EADDRNOTAVAIL (IPv4) or ENODEV/EADDRNOTAVAIL (IPv6) when it is not there.
     * Equivalent to: {@code ip address delete 10.0.0.1/24 dev veth0}.
     */
    public void delete(Address address) {
        socket.request(AddressCodec.delete(address));
    }

    /**
     * Removes {@code cidr} from {@code device}.
     * Equivalent to: {@code ip address delete 10.0.0.1/24 dev veth0}.
     */
    public void delete(String device, String cidr) {
        Address a = parse(device, cidr);
        socket.request(AddressCodec.delete(a, device));
    }

    /**
     * Adds many addresses in one batch: every address is validated and encoded before anything is sent, then
     * the requests go out in as few datagrams as the socket allows. rtnetlink has no transactions: when some
     * are refused, the others are still added.
     * Equivalent to: {@code ip -batch} with one {@code address add} line per address.
     *
     * @throws BatchException naming each refused address; the others were added
     */
    public void addAll(Collection<Address> addresses) {
        socket.batch(requests(addresses, AddressCodec::add));
    }

    /**
     * Removes many addresses in one batch, as {@link #addAll} adds them. Removing a primary IPv4 address also
     * removes its secondaries unless {@code net.ipv4.conf.<dev>.promote_secondaries} is set, so list
     * secondaries first (or the later requests fail with EADDRNOTAVAIL).
     * Equivalent to: {@code ip -batch} with one {@code address delete} line per address.
     *
     * @throws BatchException naming each address that could not be removed; the others were removed
     */
    public void deleteAll(Collection<Address> addresses) {
        socket.batch(requests(addresses, AddressCodec::delete));
    }

    private static List<Request> requests(Collection<Address> addresses,
                                          Function<Address, Request> codec) {
        List<Request> requests = new ArrayList<>(addresses.size());
        for (Address a : addresses) {
            requests.add(codec.apply(Objects.requireNonNull(a, "address")));
        }
        return requests;
    }

    private Address parse(String device, String cidr) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(cidr, "cidr");
        IpPrefix prefix = IpPrefix.parse(cidr); // before the link lookup: bad input sends nothing
        return Address.builder(links.indexOf(device), prefix).build();
    }

    @Override
    public String toString() {
        return "Addresses[" + socket + "]";
    }
}
