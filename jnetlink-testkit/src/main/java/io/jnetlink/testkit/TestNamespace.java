package io.jnetlink.testkit;

import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.ns.NetNs;

import java.util.ArrayList;
import java.util.List;

/**
 * The namespace a {@link NetnsTest} runs in: its name (for oracles such as {@code ip -n NAME}), an open
 * handle, and sockets opened in it that are closed when the test ends.
 */
public final class TestNamespace implements AutoCloseable {

    private final String name;
    private final NetNs netns;
    private final List<NetlinkSocket> owned = new ArrayList<>();

    TestNamespace(String name, NetNs netns) {
        this.name = name;
        this.netns = netns;
    }

    /** The name under /run/netns. */
    public String name() {
        return name;
    }

    /** The open handle. */
    public NetNs netns() {
        return netns;
    }

    /** A socket inside the namespace, closed at the end of the test. */
    public synchronized NetlinkSocket openSocket(NetlinkProtocol protocol) {
        NetlinkSocket s = netns.openSocket(protocol);
        owned.add(s);
        return s;
    }

    /** Closes everything this test opened through it, then the handle. */
    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (NetlinkSocket s : owned.reversed()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        owned.clear();
        netns.close();
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
