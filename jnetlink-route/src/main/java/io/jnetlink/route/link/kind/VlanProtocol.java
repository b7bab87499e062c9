package io.jnetlink.route.link.kind;

/**
 * A VLAN tag protocol (an EtherType, linux/if_ether.h), as a bridge's {@code vlan_protocol} and a VLAN
 * link's {@code protocol} use it. An open enumeration: any 16-bit value is accepted; the two the kernel
 * supports are named as {@code ip} prints them.
 *
 * @param value the EtherType, 0 to 65535 (sent big-endian)
 */
public record VlanProtocol(int value) {

    // linux/if_ether.h
    private static final int ETH_P_8021Q = 0x8100;
    private static final int ETH_P_8021AD = 0x88A8;

    /** ETH_P_8021Q: customer VLAN tags. */
    public static final VlanProtocol IEEE_802_1Q = new VlanProtocol(ETH_P_8021Q);
    /** ETH_P_8021AD: service VLAN tags (QinQ). */
    public static final VlanProtocol IEEE_802_1AD = new VlanProtocol(ETH_P_8021AD);

    private static final int U16_MAX = 0xFFFF;

    /** @throws IllegalArgumentException naming the value when it does not fit 16 bits */
    public VlanProtocol {
        Checks.range("vlanProtocol", value, 0, U16_MAX);
    }

    /** The protocol for an EtherType. */
    public static VlanProtocol of(int value) {
        return new VlanProtocol(value);
    }

    /** Whether this is 802.1Q or 802.1ad. */
    public boolean isKnown() {
        return value == IEEE_802_1Q.value || value == IEEE_802_1AD.value;
    }

    /** {@code 802.1Q}, {@code 802.1ad} (as ip prints them), or {@code 0x<hex>}. */
    public String name() {
        if (value == IEEE_802_1Q.value) {
            return "802.1Q";
        }
        if (value == IEEE_802_1AD.value) {
            return "802.1ad";
        }
        return "0x%04x".formatted(value);
    }

    @Override
    public String toString() {
        return name();
    }
}
