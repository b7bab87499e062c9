package io.jnetlink.core;

import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.codec.Nl;
import io.jnetlink.core.genl.GenericNetlink;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.jnetlink.core.testing.Bytes.hex;
import static io.jnetlink.oracles.HexDiff.assertBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request framing: NLM_F_REQUEST|NLM_F_ACK added to the request's own flags, seq and port as given. */
class RequestTest {

    /** linux/rtnetlink.h */
    private static final int RTM_NEWADDR = 20;
    /** linux/if_addr.h */
    private static final int IFA_LOCAL = 2;

    private static Request addAddress() {
        return new Request("add address 10.9.8.7/24 dev lo", RTM_NEWADDR, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, w -> {
            w.put8(2).put8(24).put8(0).put8(0).put32(1); // struct ifaddrmsg
            w.bytes(IFA_LOCAL, new byte[]{10, 9, 8, 7});
        });
    }

    @Test
    void encodeAddsRequestAndAckToTheRequestFlags() {
        assertBytes(hex("""
                20000000 | 1400 0506 | 44332211 | 55667788
                02180000 | 01000000
                08000200 | 0a090807
                """), addAddress().encode(0x11223344, 0x88776655));
    }

    @Test
    void encodeToAppendsWithTheCallersExtraFlags() {
        MessageWriter w = new MessageWriter();
        addAddress().encodeTo(w, Nl.NLM_F_ECHO, 1, 0);
        addAddress().encodeTo(w, 0, 2, 0);
        byte[] all = w.toByteArray();
        assertEquals(64, all.length);
        assertBytes(hex("20000000 | 1400 0906 | 01000000 | 00000000"), java.util.Arrays.copyOfRange(all, 0, 16));
        assertBytes(hex("20000000 | 1400 0106 | 02000000 | 00000000"), java.util.Arrays.copyOfRange(all, 32, 48));
    }

    @Test
    void genericNetlinkFamilyRequestGolden() {
        // CTRL_CMD_GETFAMILY (3), version 1, CTRL_ATTR_FAMILY_NAME (2) "nlctrl" NUL-terminated and padded.
        assertBytes(hex("""
                20000000 | 1000 0500 | 01000000 | 00000000
                03010000
                0b000200 | 6e6c6374 | 726c0000
                """), GenericNetlink.getFamilyRequest("nlctrl").encode(1, 0));
    }

    @Test
    void controlMessageTypesAreRejectedNamingTheType() {
        IllegalArgumentException low = assertThrows(IllegalArgumentException.class,
                () -> new Request("x", Nl.NLMSG_MIN_TYPE - 1, 0, w -> { }));
        assertTrue(low.getMessage().contains("15"), low.getMessage());
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> new Request("x", 0x10000, 0, w -> { }));
        assertTrue(high.getMessage().contains("65536"), high.getMessage());
    }

    @Test
    void operationAndBodyAreRequired() {
        NullPointerException op = assertThrows(NullPointerException.class, () -> new Request((String) null, 16, 0, w -> { }));
        assertEquals("operation", op.getMessage());
        NullPointerException supplier = assertThrows(NullPointerException.class,
                () -> new Request((Supplier<String>) null, 16, 0, w -> { }));
        assertEquals("operation", supplier.getMessage());
        NullPointerException body = assertThrows(NullPointerException.class, () -> new Request("x", 16, 0, null));
        assertEquals("body", body.getMessage());
    }

    @Test
    void aSuppliedDescriptionIsFormattedOnlyWhenAskedFor() {
        AtomicInteger calls = new AtomicInteger();
        Request r = new Request(() -> "add address 10.9.8.7/24 dev lo #" + calls.incrementAndGet(), RTM_NEWADDR,
                Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, addAddress().body());
        assertBytes(addAddress().encode(7, 9), r.encode(7, 9));
        assertEquals(0, calls.get(), "encoding must not format the description");
        assertEquals("add address 10.9.8.7/24 dev lo #1", r.operation());
        assertEquals(1, calls.get());
    }
}
