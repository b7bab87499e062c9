package io.jnetlink.core.tun;

/**
 * The ioctl requests and ifr_flags bits of linux/if_tun.h. The request numbers are the _IOW/_IOR encodings of
 * the asm-generic ioctl layout (x86_64, aarch64, riscv64, s390x); architectures with their own layout (mips,
 * powerpc, sparc) would need others.
 */
final class TunFlags {

    private TunFlags() {
    }

    // ioctl requests: _IOW('T', 202, int) ... (linux/if_tun.h)
    static final long TUNSETIFF = 0x400454caL;
    static final long TUNSETPERSIST = 0x400454cbL;
    static final long TUNSETOWNER = 0x400454ccL;
    static final long TUNSETGROUP = 0x400454ceL;
    /** _IOR('T', 210, unsigned int). */
    static final long TUNGETIFF = 0x800454d2L;

    // ifr_flags (linux/if_tun.h)
    static final int IFF_TUN = 0x0001;
    static final int IFF_TAP = 0x0002;
    static final int IFF_MULTI_QUEUE = 0x0100;
    /** Read-only: reported by TUNGETIFF when the device outlives its file descriptors. */
    static final int IFF_PERSIST = 0x0800;
    static final int IFF_NO_PI = 0x1000;
    static final int IFF_VNET_HDR = 0x4000;
    /** Fail with EBUSY instead of attaching when a device of that name exists (what ip tuntap add sets). */
    static final int IFF_TUN_EXCL = 0x8000;

    /** The character device every tun/tap device is created and attached through. */
    static final String TUN_DEVICE = "/dev/net/tun";
}
