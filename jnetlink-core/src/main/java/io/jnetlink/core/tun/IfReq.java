package io.jnetlink.core.tun;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * struct ifreq of linux/if.h as the tun ioctls use it: {@code char ifr_name[IFNAMSIZ]} followed by a union
 * whose first member, {@code short ifr_flags}, is all TUNSETIFF and TUNGETIFF read and write. 40 bytes on
 * 64-bit Linux (the union is as large as its biggest member, struct ifmap); the flags are in host order.
 */
final class IfReq {

    private IfReq() {
    }

    /** sizeof(struct ifreq) on LP64. */
    static final int SIZE = 40;
    /** IFNAMSIZ (linux/if.h), the terminating NUL included. */
    static final int IFNAMSIZ = 16;
    /** offsetof(struct ifreq, ifr_flags). */
    static final int FLAGS_OFFSET = IFNAMSIZ;

    /** A zeroed ifreq with the NUL-padded name and the flags. The name must have been validated. */
    static byte[] encode(String name, int flags) {
        byte[] b = new byte[SIZE];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("invalid name '" + name + "': must be at most " + (IFNAMSIZ - 1) + " bytes");
        }
        System.arraycopy(n, 0, b, 0, n.length);
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putShort(FLAGS_OFFSET, (short) flags);
        return b;
    }

    /** ifr_name, up to its NUL. */
    static String name(byte[] ifreq) {
        int n = 0;
        while (n < IFNAMSIZ && ifreq[n] != 0) {
            n++;
        }
        return new String(ifreq, 0, n, StandardCharsets.UTF_8);
    }

    /** ifr_flags as an unsigned 16-bit value. */
    static int flags(byte[] ifreq) {
        return Short.toUnsignedInt(ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).getShort(FLAGS_OFFSET));
    }
}
