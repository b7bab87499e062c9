package io.jnetlink.core.tun;

/** Whether a device carries IP packets (TUN, layer 3) or Ethernet frames (TAP, layer 2): ip tuntap's {@code mode}. */
public enum TunMode {
    /** IFF_TUN: IP packets, no link-layer header; a point-to-point, NOARP device. */
    TUN("tun", TunFlags.IFF_TUN),
    /** IFF_TAP: Ethernet frames; the device has a MAC address and does ARP. */
    TAP("tap", TunFlags.IFF_TAP);

    private final String keyword;
    private final int flag;

    TunMode(String keyword, int flag) {
        this.keyword = keyword;
        this.flag = flag;
    }

    /** The word ip uses: {@code tun} or {@code tap} (also what {@code ip -d link} prints as the type). */
    public String keyword() {
        return keyword;
    }

    /** IFF_TUN or IFF_TAP. */
    int flag() {
        return flag;
    }
}
