package io.jnetlink.core.ns;

import io.jnetlink.core.Message;
import io.jnetlink.core.NetlinkProtocol;
import io.jnetlink.core.NetlinkSocket;
import io.jnetlink.core.Request;
import io.jnetlink.core.error.Errno;
import io.jnetlink.core.error.SyscallException;
import io.jnetlink.core.testing.IpJson;
import io.jnetlink.core.testing.NetNsTestBase;
import io.jnetlink.core.testing.Rtnl;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Named and anonymous namespaces against {@code ip netns}, {@code ip -n} and /proc. */
class NetNsKernelTest extends NetNsTestBase {

    private static long inodeOf(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }

    /** Oracle: what the kernel says the calling thread's namespace is, e.g. {@code net:[4026531840]}. */
    private static String threadNetns() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void createdNamespaceIsListedByIpAndUsableWithIpN() throws IOException {
        assertTrue(IpJson.netnsNames().contains(nsName), "ip netns list shows " + nsName);
        assertEquals(List.of("lo"), IpJson.linkNames(ip), "a fresh namespace has only lo");
        assertEquals(inodeOf(NetNs.RUN_DIR.resolve(nsName)), ns.inode(), "handle and bind mount are one namespace");
        assertEquals(nsName, ns.name().orElseThrow());
        assertTrue(NetNs.exists(nsName));
    }

    @Test
    void creatingAnExistingNameFailsWithEexistAndLeavesItAlone() throws IOException {
        long before = inodeOf(NetNs.RUN_DIR.resolve(nsName));
        SyscallException e = assertThrows(SyscallException.class, () -> NetNs.create(nsName));
        assertEquals(Errno.EEXIST, e.errno());
        assertTrue(e.getMessage().contains("'" + nsName + "'"), e.getMessage());
        assertEquals(before, inodeOf(NetNs.RUN_DIR.resolve(nsName)), "still the same namespace");
        assertTrue(IpJson.netnsNames().contains(nsName));
        assertEquals(List.of("lo"), IpJson.linkNames(ip));
    }

    @Test
    void openingAMissingNameFailsWithEnoent() {
        String missing = uniqueName("missing");
        SyscallException e = assertThrows(SyscallException.class, () -> NetNs.open(missing));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains(missing), e.getMessage());
        SyscallException del = assertThrows(SyscallException.class, () -> NetNs.delete(missing));
        assertEquals(Errno.ENOENT, del.errno());
    }

    @Test
    void deletedNamespaceIsGoneFromIpButLivesOnThroughAnOpenHandle() {
        String name = uniqueName("del");
        try (NetNs other = NetNs.create(name)) {
            Ip.in(name).run("link", "add", "vx0", "type", "veth", "peer", "name", "vx1");
            assertTrue(IpJson.netnsNames().contains(name));
            NetNs.delete(name);
            assertFalse(IpJson.netnsNames().contains(name), "ip netns list no longer shows " + name);
            assertFalse(NetNs.exists(name));
            assertFalse(Files.exists(NetNs.RUN_DIR.resolve(name)));
            // The handle still holds the namespace: its links are still there.
            try (NetlinkSocket s = other.openSocket(NetlinkProtocol.ROUTE)) {
                List<String> names = s.dump(Rtnl.dumpLinks()).stream().map(m -> Rtnl.linkName(m).orElse("?")).sorted().toList();
                assertEquals(List.of("lo", "vx0", "vx1"), names);
            }
        } finally {
            if (NetNs.exists(name)) {
                Oracle.run(null, "ip", "netns", "del", name);
            }
        }
    }

    @Test
    void listEqualsIpNetnsList() {
        // Other builds may add or remove namespaces meanwhile: compare only when the oracle saw the same set
        // before and after our call.
        for (int attempt = 0; attempt < 20; attempt++) {
            Set<String> before = IpJson.netnsNames();
            Set<String> ours = new TreeSet<>(NetNs.list());
            Set<String> after = IpJson.netnsNames();
            if (before.equals(after)) {
                assertEquals(before, ours);
                assertTrue(ours.contains(nsName));
                assertEquals(NetNs.list().stream().sorted().toList(), NetNs.list(), "list() is sorted");
                return;
            }
        }
        fail("ip netns list changed on every one of 20 attempts; cannot compare");
    }

    @Test
    void anonymousNamespaceIsNew() {
        try (NetNs anon = NetNs.createAnonymous(); NetNs current = NetNs.current()) {
            assertNotEquals(current.inode(), anon.inode());
            assertNotEquals(ns.inode(), anon.inode());
            assertTrue(anon.name().isEmpty());
            // Work done through the handle happens inside it, as the kernel sees it.
            assertEquals("net:[" + anon.inode() + "]", anon.call(NetNsKernelTest::threadNetns));
        }
    }

    @Test
    void openPidOfThisProcessIsTheCurrentNamespace() throws IOException {
        try (NetNs mine = NetNs.openPid(ProcessHandle.current().pid()); NetNs current = NetNs.current()) {
            assertEquals(current.inode(), mine.inode());
            assertEquals(inodeOf(Path.of("/proc/self/ns/net")), mine.inode(), "oracle: stat /proc/self/ns/net");
            assertEquals("net:[" + current.inode() + "]", threadNetns(), "oracle: readlink /proc/thread-self/ns/net");
        }
        assertThrows(IllegalArgumentException.class, () -> NetNs.openPid(0));
    }

    @Test
    void openPathOfTheBindMountIsTheSameNamespace() {
        try (NetNs byPath = NetNs.openPath(NetNs.RUN_DIR.resolve(nsName))) {
            assertEquals(ns.inode(), byPath.inode());
            assertTrue(byPath.name().isEmpty());
        }
    }

    @Test
    void socketOpenedInTheNamespaceSeesItsLinksAndTheCallerStaysHome() {
        for (int i = 0; i < 3; i++) {
            ip.run("link", "add", "va" + i, "type", "veth", "peer", "name", "vb" + i);
        }
        long homeBefore;
        try (NetNs current = NetNs.current()) {
            homeBefore = current.inode();
        }
        String linkBefore = threadNetns();

        List<Message> links;
        try (NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
            links = s.dump(Rtnl.dumpLinks());
        }

        List<String> oracle = IpJson.linkNames(ip);
        assertEquals(7, oracle.size(), "lo and three veth pairs: " + oracle);
        assertEquals(oracle.size(), links.size());
        assertTrue(links.stream().allMatch(m -> m.type() == Rtnl.RTM_NEWLINK), "every reply is RTM_NEWLINK");
        assertEquals(new TreeSet<>(oracle), new TreeSet<>(links.stream().map(m -> Rtnl.linkName(m).orElseThrow()).toList()));

        try (NetNs current = NetNs.current()) {
            assertEquals(homeBefore, current.inode(), "the calling thread did not change namespace");
        }
        assertEquals(linkBefore, threadNetns(), "oracle: readlink /proc/thread-self/ns/net unchanged");
    }

    @Test
    void callRunsInsideTheNamespaceAndPassesExceptionsThrough() throws IOException {
        String inside = ns.call(NetNsKernelTest::threadNetns);
        assertEquals("net:[" + inodeOf(NetNs.RUN_DIR.resolve(nsName)) + "]", inside);
        assertNotEquals(threadNetns(), inside);

        IllegalStateException thrown = new IllegalStateException("from the task");
        IllegalStateException caught = assertThrows(IllegalStateException.class, () -> ns.call(() -> {
            throw thrown;
        }));
        assertSame(thrown, caught);
    }

    @Test
    void callFromInsideATaskOfTheSameNamespaceDoesNotDeadlock() throws Exception {
        // E.g. a task that opens a socket through the handle it runs on: ns.call(() -> ns.openSocket(...)).
        CompletableFuture<NetlinkSocket> nested = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                nested.complete(ns.call(() -> ns.openSocket(NetlinkProtocol.ROUTE)));
            } catch (RuntimeException e) {
                nested.completeExceptionally(e);
            }
        });
        NetlinkSocket s;
        try {
            s = nested.get(10, TimeUnit.SECONDS); // liveness guard, not a speed claim
        } catch (TimeoutException e) {
            fail("NetNs.call() called from within a task of the same handle never returned: the single worker"
                    + " thread waits for itself");
            return;
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        try (s) {
            assertEquals(1, s.dump(Rtnl.dumpLinks()).size(), "the socket is in the test namespace: only lo");
        }
    }

    @Test
    void movingALinkWithTheNamespaceFdAttribute() {
        String name = uniqueName("dst");
        try (NetNs target = NetNs.create(name); NetlinkSocket s = ns.openSocket(NetlinkProtocol.ROUTE)) {
            ip.run("link", "add", "mv0", "type", "veth", "peer", "name", "mv1");
            int index = ip.json("link", "show", "mv0").get(0).path("ifindex").asInt();
            // ip link set mv0 netns NAME: RTM_NEWLINK with ifinfomsg.index and IFLA_NET_NS_FD.
            s.request(new Request("move mv0 to " + name, Rtnl.RTM_NEWLINK, 0, w -> {
                w.put8(0).put8(0).put16(0).put32(index).put32(0).put32(0);
                target.writeFdAttribute(w, Rtnl.IFLA_NET_NS_FD);
            }));
            assertFalse(IpJson.linkNames(ip).contains("mv0"), "gone from the source namespace");
            assertTrue(IpJson.linkNames(ip).contains("mv1"), "its peer stayed");
            assertTrue(IpJson.linkNames(Ip.in(name)).contains("mv0"), "present in " + name);
        } finally {
            if (NetNs.exists(name)) {
                NetNs.delete(name);
            }
        }
    }

    @Test
    void aClosedHandleRefusesWork() {
        NetNs h = NetNs.open(nsName);
        h.close();
        h.close(); // idempotent
        assertThrows(IllegalStateException.class, h::inode);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.openSocket(NetlinkProtocol.ROUTE));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(IpJson.netnsNames().contains(nsName), "closing a handle does not delete the namespace");
    }
}
