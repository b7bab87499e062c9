package io.jnetlink.core;

import io.jnetlink.core.ns.NetNs;
import io.jnetlink.core.testing.IpJson;
import io.jnetlink.core.testing.NetNsTestBase;
import io.jnetlink.core.testing.Rtnl;
import io.jnetlink.oracles.Ip;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Multicast subscriptions: notifications, wake-up on close, and overruns reported as events. */
class SubscriptionKernelTest extends NetNsTestBase {

    /** Generous bound for one notification to arrive: a liveness guard, not a speed claim. */
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Reads events until a link notification for {@code name}; fails when the stream goes quiet first. */
    private static Message awaitLink(Subscription sub, String name, int maxEvents) {
        for (int i = 0; i < maxEvents; i++) {
            Optional<Subscription.Event> e = sub.next(WAIT);
            if (e.isEmpty()) {
                break;
            }
            if (e.get() instanceof Subscription.Notification(Message m) && Rtnl.linkName(m).filter(name::equals).isPresent()) {
                return m;
            }
        }
        throw new AssertionError("no notification for link " + name);
    }

    @Test
    void linkCreationIsNotified() {
        try (Subscription sub = ns.subscribe(NetlinkProtocol.ROUTE, Rtnl.RTNLGRP_LINK)) {
            assertEquals(NetlinkProtocol.ROUTE, sub.protocol());
            ip.run("link", "add", "na0", "type", "veth", "peer", "name", "na1");
            Subscription.Event first = sub.next(WAIT).orElseThrow(() -> new AssertionError("no event within " + WAIT));
            Subscription.Notification n = assertInstanceOf(Subscription.Notification.class, first);
            assertEquals(Rtnl.RTM_NEWLINK, n.message().type());
            String name = Rtnl.linkName(n.message()).orElseThrow();
            assertTrue(name.equals("na0") || name.equals("na1"), name);
            assertTrue(IpJson.linkNames(ip).contains(name), "oracle: the notified link exists");
            assertEquals(0, n.message().seq(), "kernel notifications carry sequence 0");
            assertEquals(0, sub.overruns());
        }
    }

    @Test
    void quietSubscriptionTimesOutEmpty() {
        try (Subscription sub = ns.subscribe(NetlinkProtocol.ROUTE, Rtnl.RTNLGRP_LINK)) {
            assertEquals(Optional.empty(), sub.next(Duration.ofMillis(200)));
        }
    }

    @Test
    void closeFromAnotherThreadWakesABlockedReader() throws Exception {
        Subscription sub = ns.subscribe(NetlinkProtocol.ROUTE, Rtnl.RTNLGRP_LINK);
        CompletableFuture<Optional<Subscription.Event>> result = new CompletableFuture<>();
        CountDownLatch reading = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().daemon().name("subscription-reader").start(() -> {
            reading.countDown();
            try {
                result.complete(sub.next(Duration.ofMinutes(10)));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        assertTrue(reading.await(30, TimeUnit.SECONDS));
        // Give the reader a moment to block in poll; if close() wins the race, next() must still return empty.
        Thread.sleep(200);
        sub.close();
        reader.join(Duration.ofSeconds(30)); // liveness guard: without the wake-up it would block for 10 minutes
        assertFalse(reader.isAlive(), "next() still blocked after close()");
        assertEquals(Optional.empty(), result.get(1, TimeUnit.SECONDS));
        sub.close(); // idempotent
        assertEquals(Optional.empty(), sub.next(Duration.ofSeconds(1)), "a closed subscription delivers nothing");
    }

    @Test
    void overrunIsAnEventAndNotificationsContinueAfterIt() {
        try (Subscription sub = ns.subscribeWithBuffer(NetlinkProtocol.ROUTE, 8192, Rtnl.RTNLGRP_LINK)) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                batch.append("link add ov").append(i).append("a type veth peer name ov").append(i).append("b\n");
            }
            ip.batch(batch.toString()); // 600 links while nobody reads: far more than 16 KiB of notifications

            int overruns = 0;
            int notifications = 0;
            for (int i = 0; i < 2_000; i++) {
                Optional<Subscription.Event> e = sub.next(Duration.ofSeconds(1));
                if (e.isEmpty()) {
                    break;
                }
                switch (e.get()) {
                    case Subscription.Overrun o -> overruns++;
                    case Subscription.Notification n -> notifications++;
                }
            }
            assertTrue(overruns >= 1, "no Overrun event after 600 unread link notifications (read " + notifications + ")");
            assertEquals(overruns, sub.overruns());
            assertTrue(notifications < 600, "the kernel dropped some: " + notifications);

            ip.run("link", "add", "after0", "type", "veth", "peer", "name", "after1");
            Message m = awaitLink(sub, "after0", 100);
            assertEquals(Rtnl.RTM_NEWLINK, m.type());
        }
    }

    @Test
    void invalidArgumentsAreRefused() {
        IllegalArgumentException group = assertThrows(IllegalArgumentException.class,
                () -> ns.subscribe(NetlinkProtocol.ROUTE, -3));
        assertEquals("multicast group must be positive: -3", group.getMessage());
        IllegalArgumentException buffer = assertThrows(IllegalArgumentException.class,
                () -> ns.subscribeWithBuffer(NetlinkProtocol.ROUTE, -1, Rtnl.RTNLGRP_LINK));
        assertTrue(buffer.getMessage().contains("-1"), buffer.getMessage());
    }

    @Test
    void subscriptionBelongsToItsNamespace() {
        try (Subscription sub = ns.subscribe(NetlinkProtocol.ROUTE, Rtnl.RTNLGRP_LINK)) {
            String other = uniqueName("other");
            NetNs.create(other).close();
            try {
                Ip.in(other).run("link", "add", "elsewhere0", "type", "veth", "peer", "name", "elsewhere1");
            } finally {
                NetNs.delete(other);
            }
            ip.run("link", "add", "here0", "type", "veth", "peer", "name", "here1");
            Subscription.Event e = sub.next(WAIT).orElseThrow();
            if (e instanceof Subscription.Notification(Message m)) {
                String name = Rtnl.linkName(m).orElseThrow();
                assertTrue(name.startsWith("here"), "first notification is from this namespace, not another: " + name);
            } else {
                fail("unexpected " + e);
            }
        }
    }
}
