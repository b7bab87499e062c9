package io.jnetlink.route.route;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.error.BatchException;
import io.jnetlink.core.error.KernelException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Route operations, each equivalent to one {@code ip route} command. Obtained from
 * {@code Rtnetlink.routes()}; all operations share the {@code Rtnetlink}'s socket.
 *
 * <p>Bad input throws {@link IllegalArgumentException} before anything is sent; a refusal by the kernel
 * throws {@link KernelException} naming the operation (e.g. {@code add route 10.1.0.0/16 via 10.0.0.254}),
 * the errno and the kernel's extended-ACK message.
 */
public final class Routes {

    private final NetlinkSocket socket;

    public Routes(NetlinkSocket socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
    }

    /**
     * Every IPv4 and IPv6 route of every table, without cached clones (RTM_F_CLONED).
     * Equivalent to: {@code ip route show table all} plus {@code ip -6 route show table all}.
     */
    public List<Route> list() {
        return decodeAll(socket.dump(RouteCodec.dump()), Route.TABLE_UNSPEC);
    }

    /**
     * The IPv4 and IPv6 routes of one table. The kernel filters (strict checking); routes of other tables are
     * dropped here as well, for kernels that ignore the filter.
     * Equivalent to: {@code ip route show table 100} plus {@code ip -6 route show table 100}.
     */
    public List<Route> list(int table) {
        return decodeAll(socket.dump(RouteCodec.dump(table)), table);
    }

    private static List<Route> decodeAll(List<Message> messages, int table) {
        List<Route> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            if (RouteCodec.isIpRoute(m) && !RouteCodec.isCloned(m)) {
                Route r = RouteCodec.decode(m);
                if (table == Route.TABLE_UNSPEC || r.table() == table) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /**
     * Adds a route; fails with EEXIST when it exists.
     * Equivalent to: {@code ip route add 10.1.0.0/16 via 10.0.0.254 dev veth0 table 100 metric 10}.
     */
    public void add(Route route) {
        socket.request(RouteCodec.add(route));
    }

    /**
     * Adds a route or replaces the one with the same destination, table, tos and metric.
     * Equivalent to: {@code ip route replace 10.1.0.0/16 via 10.0.0.253 dev veth0}.
     */
    public void replace(Route route) {
        socket.request(RouteCodec.replace(route));
    }

    /**
     * Removes a route; fails with ESRCH when there is no such route.
     * Equivalent to: {@code ip route del 10.1.0.0/16 via 10.0.0.254 dev veth0}.
     */
    public void delete(Route route) {
        socket.request(RouteCodec.delete(route));
    }

    /**
     * Adds many routes in one batch: every route is validated and encoded before anything is sent, then the
     * requests go out in as few datagrams as the socket allows. rtnetlink has no transactions: when some are
     * refused, the others are still added.
     * Equivalent to: {@code ip -batch} with one {@code route add} line per route.
     *
     * @throws BatchException naming each refused route; the others were added
     */
    public void addAll(Collection<Route> routes) {
        socket.batch(requests(routes, RouteCodec::add));
    }

    /**
     * Removes many routes in one batch, as {@link #addAll} adds them.
     * Equivalent to: {@code ip -batch} with one {@code route del} line per route.
     *
     * @throws BatchException naming each route that could not be removed; the others were removed
     */
    public void deleteAll(Collection<Route> routes) {
        socket.batch(requests(routes, RouteCodec::delete));
    }

    private static List<Request> requests(Collection<Route> routes, Function<Route, Request> codec) {
        List<Request> requests = new ArrayList<>(routes.size());
        for (Route r : routes) {
            requests.add(codec.apply(Objects.requireNonNull(r, "route")));
        }
        return requests;
    }

    @Override
    public String toString() {
        return "Routes[" + socket + "]";
    }
}
