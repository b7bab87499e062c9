package io.jnetlink.core.error;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the exception family carries and says, without a kernel. */
class ExceptionsTest {

    @Test
    void kernelExceptionCarriesEverythingAndSaysItInItsMessage() {
        KernelException e = new KernelException("add address 10.0.0.1/24 dev lo", Errno.EEXIST,
                "ipv4: Address already assigned", 24, 2, 20, 42);
        assertEquals("add address 10.0.0.1/24 dev lo: EEXIST (File exists): ipv4: Address already assigned"
                + " (missing attribute 2)", e.getMessage());
        assertEquals("add address 10.0.0.1/24 dev lo", e.operation());
        assertEquals(Errno.EEXIST, e.errno());
        assertEquals("ipv4: Address already assigned", e.kernelMessage().orElseThrow());
        assertEquals(24, e.attributeOffset().getAsInt());
        assertEquals(2, e.missingAttribute().getAsInt());
        assertEquals(20, e.missingAttributeNest().getAsInt());
        assertEquals(42, e.sequence());
    }

    @Test
    void absentExtendedAckFieldsAreEmptyNotSentinels() {
        KernelException e = new KernelException("op", Errno.EINVAL, "", -1, -1, -1, 1);
        assertTrue(e.kernelMessage().isEmpty());
        assertTrue(e.attributeOffset().isEmpty());
        assertTrue(e.missingAttribute().isEmpty());
        assertTrue(e.missingAttributeNest().isEmpty());
        assertEquals("op: EINVAL (Invalid argument)", e.getMessage());
    }

    @Test
    void batchExceptionNamesFirstFailureByPositionAndCountsTheRest() {
        KernelException a = new KernelException("add a", Errno.ENODEV, null, -1, -1, -1, 3);
        KernelException b = new KernelException("add b", Errno.EEXIST, null, -1, -1, -1, 5);
        BatchException e = new BatchException(5, List.of(new BatchException.Failure(2, a), new BatchException.Failure(4, b)));
        assertEquals("add a: ENODEV (No such device) [request 3 of 5] (and 1 more failures)", e.getMessage());
        assertSame(a, e.first());
        assertSame(a, e.getCause());
        assertEquals(5, e.batchSize());
        assertEquals(2, e.failures().size());
        assertThrows(UnsupportedOperationException.class, () -> e.failures().clear());
    }

    @Test
    void syscallExceptionNamesCallAndErrno() {
        SyscallException e = new SyscallException("open /run/netns/x", Errno.ENOENT, "no namespace named 'x'");
        assertEquals("open /run/netns/x: ENOENT (No such file or directory): no namespace named 'x'", e.getMessage());
        assertEquals("open /run/netns/x", e.call());
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void dumpInterruptedSaysHowOften() {
        DumpInterruptedException e = new DumpInterruptedException("dump links", 3);
        assertEquals("dump links", e.operation());
        assertEquals(3, e.attempts());
        assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
    }
}
