package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A hash into {@code dreg}, modulo {@code modulus}, plus {@code offset}: {@code type} {@link #JENKINS} over
 * {@code len} bytes of {@code sreg} with {@code seed} (absent: the kernel picks one), or {@link #SYM} (the
 * symmetric flow hash, no source). {@code seed} absent lets the kernel pick one. Equivalent to nft's {@code jhash ip saddr mod 10}:
 * {@code [ hash reg 1 = jhash(reg 2, 4, 0x0) % mod 10 ]}.
 */
public record Hash(int type, OptionalInt sreg, OptionalInt len, int dreg, int modulus, OptionalInt seed,
                   int offset) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_hash_attributes, enum nft_hash_types
    static final int NFTA_HASH_SREG = 1;
    static final int NFTA_HASH_DREG = 2;
    static final int NFTA_HASH_LEN = 3;
    static final int NFTA_HASH_MODULUS = 4;
    static final int NFTA_HASH_SEED = 5;
    static final int NFTA_HASH_OFFSET = 6;
    static final int NFTA_HASH_TYPE = 7;
    public static final int JENKINS = 0;
    public static final int SYM = 1;

    static final String NAME = "hash";

    public Hash {
        Objects.requireNonNull(sreg, "sreg");
        Objects.requireNonNull(len, "len");
        Objects.requireNonNull(seed, "seed");
        sreg.ifPresent(r -> Wire.checkReg("hash sreg", r));
        Wire.checkReg("hash dreg", dreg);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: SREG, DREG, LEN, MODULUS, SEED, OFFSET, TYPE
        sreg.ifPresent(r -> w.u32be(NFTA_HASH_SREG, r));
        w.u32be(NFTA_HASH_DREG, dreg);
        len.ifPresent(l -> w.u32be(NFTA_HASH_LEN, l));
        w.u32be(NFTA_HASH_MODULUS, modulus);
        seed.ifPresent(s -> w.u32be(NFTA_HASH_SEED, s));
        // nft always sends the offset; the kernel dumps it only when non-zero
        w.u32be(NFTA_HASH_OFFSET, offset);
        w.u32be(NFTA_HASH_TYPE, type);
    }

    @Override
    public String debug() {
        String body = type == SYM
                ? "reg " + dreg + " = symhash() % mod " + Integer.toUnsignedString(modulus) + " "
                : "reg " + dreg + " = jhash(reg " + sreg.orElse(0) + ", " + Integer.toUnsignedString(len.orElse(0))
                        + ", 0x" + Integer.toHexString(seed.orElse(0)) + ") % mod " + Integer.toUnsignedString(modulus)
                        + " ";
        if (offset != 0) {
            body += "offset " + Integer.toUnsignedString(offset) + " ";
        }
        return Wire.line(NAME, body);
    }

    static Hash decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_HASH_SREG, NFTA_HASH_DREG, NFTA_HASH_LEN, NFTA_HASH_MODULUS,
                NFTA_HASH_SEED, NFTA_HASH_OFFSET, NFTA_HASH_TYPE);
        return new Hash(f.u32(NFTA_HASH_TYPE), f.optU32(NFTA_HASH_SREG), f.optU32(NFTA_HASH_LEN),
                f.u32(NFTA_HASH_DREG), f.u32(NFTA_HASH_MODULUS), f.optU32(NFTA_HASH_SEED),
                f.optU32(NFTA_HASH_OFFSET).orElse(0));
    }
}
