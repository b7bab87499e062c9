package io.jnetlink.core.error;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errno as an open enumeration: names, libc texts, negative numbers, unknown and kernel-internal values. */
class ErrnoTest {

    @Test
    void eexistHasNameAndLibcText() {
        Errno e = Errno.of(17);
        assertEquals(17, e.number());
        assertEquals("EEXIST", e.name());
        assertEquals("File exists", e.description());
        assertEquals("EEXIST (File exists)", e.toString());
        assertTrue(e.isKnown());
        assertEquals(Errno.EEXIST, e);
    }

    @Test
    void otherCommonValues() {
        assertEquals("ENOENT", Errno.of(2).name());
        assertEquals("No such file or directory", Errno.of(2).description());
        assertEquals("ENODEV", Errno.of(19).name());
        assertEquals("No such device", Errno.of(19).description());
        assertEquals("EOPNOTSUPP", Errno.of(95).name());
        assertEquals("ENOBUFS", Errno.of(105).name());
    }

    @Test
    void negativeNumbersAsNetlinkCarriesThemAreTheSameValue() {
        assertEquals(Errno.EEXIST, Errno.of(-17));
        assertEquals(17, Errno.of(-17).number());
        assertEquals("EEXIST", Errno.of(-17).name());
        assertSame(Errno.of(17), Errno.of(-17), "values are cached");
    }

    @Test
    void unknownNumbersAreNamedNotThrown() {
        Errno e = assertDoesNotThrow(() -> Errno.of(4095));
        assertEquals("UNKNOWN_ERRNO_4095", e.name());
        assertEquals(4095, e.number());
        assertFalse(e.isKnown());
        assertTrue(e.description().contains("4095"), e.description());
        assertEquals("UNKNOWN_ERRNO_41", Errno.of(41).name(), "41 is a hole in errno.h");
        assertEquals("UNKNOWN_ERRNO_0", Errno.of(0).name());
        assertDoesNotThrow(() -> Errno.of(Integer.MIN_VALUE));
        assertDoesNotThrow(() -> Errno.of(Integer.MAX_VALUE));
    }

    @Test
    void kernelInternalEnotsuppIsNotEopnotsupp() {
        Errno e = Errno.of(524);
        assertEquals("ENOTSUPP", e.name());
        assertEquals(Errno.ENOTSUPP, e);
        assertNotEquals(Errno.EOPNOTSUPP, e);
        assertTrue(e.isKnown());
        assertFalse(e.description().startsWith("Unknown error"), "libc would say 'Unknown error 524': " + e.description());
        assertEquals(Errno.ENOTSUPP, Errno.of(-524));
    }

    @Test
    void everyNamedConstantMatchesItsNumber() {
        assertEquals(1, Errno.EPERM.number());
        assertEquals(11, Errno.EAGAIN.number());
        assertEquals(22, Errno.EINVAL.number());
        assertEquals(105, Errno.ENOBUFS.number());
        assertEquals("EAGAIN", Errno.EAGAIN.name());
        assertEquals(Errno.EAGAIN.hashCode(), Errno.of(11).hashCode());
    }
}
