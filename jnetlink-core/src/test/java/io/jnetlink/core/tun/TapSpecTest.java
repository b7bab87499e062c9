package io.jnetlink.core.tun;

import io.jnetlink.core.testing.Bytes;
import io.jnetlink.oracles.HexDiff;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** struct ifreq byte for byte, the ioctl numbers, the flag combinations and the checks of TapSpec. */
class TapSpecTest {

    /** _IOC(dir, type, nr, size) of asm-generic/ioctl.h, computed here independently of TunFlags. */
    private static long ioc(int dir, char type, int nr, int size) {
        return ((long) dir << 30) | ((long) size << 16) | ((long) type << 8) | nr;
    }

    private static final int IOC_WRITE = 1;
    private static final int IOC_READ = 2;

    @Test
    void ioctlRequestsAreTheIowEncodingsOfIfTun() {
        assertEquals(ioc(IOC_WRITE, 'T', 202, 4), TunFlags.TUNSETIFF);
        assertEquals(ioc(IOC_WRITE, 'T', 203, 4), TunFlags.TUNSETPERSIST);
        assertEquals(ioc(IOC_WRITE, 'T', 204, 4), TunFlags.TUNSETOWNER);
        assertEquals(ioc(IOC_WRITE, 'T', 206, 4), TunFlags.TUNSETGROUP);
        assertEquals(ioc(IOC_READ, 'T', 210, 4), TunFlags.TUNGETIFF);
    }

    @Test
    void ifreqForAMultiQueueVnetTapAsAddSendsIt() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "expected bytes are written for little-endian hosts");
        TapSpec spec = TapSpec.tap("tap0").withMultiQueue().withVnetHdr();
        byte[] ifr = IfReq.encode(spec.name(), spec.flags() | TunFlags.IFF_TUN_EXCL);
        // IFF_TAP 0x0002 | IFF_MULTI_QUEUE 0x0100 | IFF_NO_PI 0x1000 | IFF_VNET_HDR 0x4000 | IFF_TUN_EXCL 0x8000
        HexDiff.assertBytes("struct ifreq", Bytes.hex("""
                74 61 70 30 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00
                02 d1 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00
                """), ifr);
        assertEquals(40, ifr.length);
        assertEquals("tap0", IfReq.name(ifr));
        assertEquals(0xd102, IfReq.flags(ifr));
    }

    @Test
    void ifreqOfAFifteenByteNameKeepsItsTerminatingNul() {
        byte[] ifr = IfReq.encode("abcdefghijklmno", TunFlags.IFF_TUN);
        assertEquals(0, ifr[15]);
        assertEquals("abcdefghijklmno", IfReq.name(ifr));
    }

    @Test
    void flagsFollowTheSpec() {
        assertEquals(TunFlags.IFF_TUN | TunFlags.IFF_NO_PI, TapSpec.tun("tun0").flags());
        assertEquals(TunFlags.IFF_TAP | TunFlags.IFF_NO_PI, TapSpec.tap("tap0").flags());
        assertEquals(TunFlags.IFF_TAP | TunFlags.IFF_NO_PI | TunFlags.IFF_MULTI_QUEUE, TapSpec.tap("t").withMultiQueue().flags());
        assertEquals(TunFlags.IFF_TUN | TunFlags.IFF_NO_PI | TunFlags.IFF_VNET_HDR, TapSpec.tun("t").withVnetHdr().flags());
        TapSpec owned = TapSpec.tap("t").withOwner(0).withGroup(TapSpec.MAX_ID);
        assertEquals(OptionalLong.of(0), owned.owner());
        assertEquals(OptionalLong.of(4294967294L), owned.group());
    }

    @Test
    void invalidSpecsNameTheFieldAndValue() {
        assertEquals("invalid name 'sixteen-bytes-xx': must be 1 to 15 bytes, is 16",
                assertThrows(IllegalArgumentException.class, () -> TapSpec.tap("sixteen-bytes-xx")).getMessage());
        assertEquals("invalid name '': must be 1 to 15 bytes, is 0",
                assertThrows(IllegalArgumentException.class, () -> TapSpec.tap("")).getMessage());
        assertEquals("invalid name 'a/b': must not contain '/', ':', NUL or whitespace",
                assertThrows(IllegalArgumentException.class, () -> TapSpec.tap("a/b")).getMessage());
        assertEquals("invalid name '..': '.' and '..' are reserved",
                assertThrows(IllegalArgumentException.class, () -> TapSpec.tun("..")).getMessage());
        assertEquals("invalid name 't%d%d': a '%' may only appear once, as %d",
                assertThrows(IllegalArgumentException.class, () -> TapSpec.tap("t%d%d")).getMessage());
        assertEquals("invalid name 't%s': a '%' may only appear once, as %d",
                assertThrows(IllegalArgumentException.class, () -> TapSpec.tap("t%s")).getMessage());
        assertEquals("invalid owner -1: must be 0 to 4294967294",
                assertThrows(IllegalArgumentException.class, () -> TapSpec.tap("t").withOwner(-1)).getMessage());
        assertEquals("invalid group 4294967295: must be 0 to 4294967294",
                assertThrows(IllegalArgumentException.class, () -> TapSpec.tap("t").withGroup(4294967295L)).getMessage());
        assertThrows(NullPointerException.class, () -> new TapSpec("t", null, OptionalLong.empty(), OptionalLong.empty(), false, false));
    }
}
