package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

/**
 * Counts packets and bytes. Equivalent to nft's {@code counter}: {@code [ counter pkts 0 bytes 0 ]}; decoded
 * from a dump it carries the current values.
 */
public record Counter(long packets, long bytes) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_counter_attributes
    static final int NFTA_COUNTER_BYTES = 1;
    static final int NFTA_COUNTER_PACKETS = 2;

    static final String NAME = "counter";

    public Counter {
        Wire.checkNonNegative("counter packets", packets);
        Wire.checkNonNegative("counter bytes", bytes);
    }

    /** A fresh counter. */
    public static Counter zero() {
        return new Counter(0, 0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // nft sets the values only when the rule gives them ("counter packets 5 bytes 300"); zero is the default
        if (bytes != 0) {
            w.u64be(NFTA_COUNTER_BYTES, bytes);
        }
        if (packets != 0) {
            w.u64be(NFTA_COUNTER_PACKETS, packets);
        }
    }

    @Override
    public String debug() {
        return Wire.line(NAME, "pkts " + packets + " bytes " + bytes + " ");
    }

    static Counter decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_COUNTER_BYTES, NFTA_COUNTER_PACKETS);
        return new Counter(f.optU64(NFTA_COUNTER_PACKETS).orElse(0), f.optU64(NFTA_COUNTER_BYTES).orElse(0));
    }
}
