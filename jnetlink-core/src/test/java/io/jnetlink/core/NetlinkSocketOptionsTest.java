package io.jnetlink.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Options validation names the field and the refused value. */
class NetlinkSocketOptionsTest {

    private static final NetlinkSocket.Options D = NetlinkSocket.Options.defaults();

    @Test
    void defaults() {
        assertEquals(new NetlinkSocket.Options(Duration.ofSeconds(30), 10, 4 << 20, 64 << 10), D);
    }

    @Test
    void timeoutMustBePositive() {
        assertEquals("timeout must be positive: PT0S",
                assertThrows(IllegalArgumentException.class, () -> D.withTimeout(Duration.ZERO)).getMessage());
        assertEquals("timeout must be positive: PT-1S",
                assertThrows(IllegalArgumentException.class, () -> D.withTimeout(Duration.ofSeconds(-1))).getMessage());
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> D.withTimeout(null)).getMessage());
    }

    @Test
    void dumpAttemptsAtLeastOne() {
        assertEquals("dumpAttempts must be at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> D.withDumpAttempts(0)).getMessage());
        assertEquals(1, D.withDumpAttempts(1).dumpAttempts());
    }

    @Test
    void receiveBufferAtLeast32KiB() {
        assertEquals("receiveBufferBytes must be at least 32768: 32767",
                assertThrows(IllegalArgumentException.class, () -> D.withReceiveBufferBytes(32767)).getMessage());
        assertEquals(32768, D.withReceiveBufferBytes(32768).receiveBufferBytes());
    }

    @Test
    void sendChunkAtLeast4KiB() {
        assertEquals("sendChunkBytes must be at least 4096: -1",
                assertThrows(IllegalArgumentException.class, () -> D.withSendChunkBytes(-1)).getMessage());
        assertEquals(4096, D.withSendChunkBytes(4096).sendChunkBytes());
    }

    @Test
    void withersChangeOnlyTheirField() {
        NetlinkSocket.Options o = D.withTimeout(Duration.ofMillis(250));
        assertEquals(new NetlinkSocket.Options(Duration.ofMillis(250), D.dumpAttempts(), D.receiveBufferBytes(),
                D.sendChunkBytes()), o);
    }
}
