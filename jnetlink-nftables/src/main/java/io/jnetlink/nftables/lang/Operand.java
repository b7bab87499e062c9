package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.proto.Datatype;
import io.jnetlink.nftables.proto.Endian;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Something a rule loads into a register: a header field, a meta or ct key. Knows its datatype, how many
 * bytes it occupies in the register ({@code bytes}), and for header fields that are not byte-aligned
 * ({@code ip dscp}, {@code vlan id}) the shift and mask nft applies after loading the enclosing bytes.
 */
record Operand(String desc, Kind kind, Datatype type, int fieldBits, int bytes, int shift,
               Optional<Protocols.Field> field, int key, Optional<Protocols.MetaDef> meta,
               Optional<Protocols.CtDef> ct, Optional<io.jnetlink.nftables.expr.CtDirection> dir, Object spec) {

    enum Kind { PAYLOAD, META, CT, VALUE, FIB, NUMGEN, HASH, EXTHDR, RT, SOCKET }

    Operand(String desc, Kind kind, Datatype type, int fieldBits, int bytes, int shift,
            Optional<Protocols.Field> field, int key, Optional<Protocols.MetaDef> meta,
            Optional<Protocols.CtDef> ct, Optional<io.jnetlink.nftables.expr.CtDirection> dir) {
        this(desc, kind, type, fieldBits, bytes, shift, field, key, meta, ct, dir, null);
    }

    /** An extension header or TCP option field: op NFT_EXTHDR_OP_*, header type, byte offset, present test. */
    record ExthdrSpec(int op, int type, int offset, boolean present, String proto) {
    }

    record FibSpec(int result, int flags) {
    }

    record NumgenSpec(int type, int modulus, int offset) {
    }

    record HashSpec(int type, java.util.List<Operand> source, int modulus, java.util.OptionalInt seed,
                    java.util.OptionalInt offset) {
    }

    /** A field of an extension header at {@code offsetBits} within it, {@code lenBits} wide. */
    static Operand exthdr(String desc, Datatype type, int offsetBits, int lenBits, ExthdrSpec spec) {
        int start = offsetBits / 8;
        int endByte = (offsetBits + lenBits + 7) / 8;
        int bytes = endByte - start;
        int shift = bytes * 8 - (offsetBits % 8) - lenBits;
        return new Operand(desc, Kind.EXTHDR, type, lenBits, bytes, shift, Optional.empty(), 0, Optional.empty(),
                Optional.empty(), Optional.empty(), new ExthdrSpec(spec.op(), spec.type(), start, spec.present(),
                spec.proto()));
    }

    /** A computed value (fib, numgen, jhash, symhash) of the given type and size. */
    static Operand computed(String desc, Kind kind, Datatype type, int bytes, Object spec) {
        return new Operand(desc, kind, type, bytes * 8, bytes, 0, Optional.empty(), 0, Optional.empty(),
                Optional.empty(), Optional.empty(), spec);
    }

    /** A bare datatype (a set declared with {@code type}): values parse, nothing loads. */
    static Operand value(Datatype type, int bytes) {
        return new Operand(type.name(), Kind.VALUE, type, type.bits() == 0 ? bytes * 8 : Math.min(type.bits(),
                bytes * 8), bytes, 0, Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Operand payload(Protocols.Field f) {
        int abs = f.absOffsetBits();
        int start = abs / 8;
        int endByte = (abs + f.lenBits() + 7) / 8;
        int bytes = endByte - start;
        int shift = bytes * 8 - (abs % 8) - f.lenBits();
        String name = f.proto().name() + " " + f.name();
        return new Operand(name, Kind.PAYLOAD, f.type(), f.lenBits(), bytes, shift, Optional.of(f), 0,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Operand meta(Protocols.MetaDef m) {
        return new Operand("meta " + m.name(), Kind.META, m.type(), m.bits(), (m.bits() + 7) / 8, 0,
                Optional.empty(), m.key(), Optional.of(m), Optional.empty(), Optional.empty());
    }

    static Operand ct(Protocols.CtDef c, Optional<io.jnetlink.nftables.expr.CtDirection> dir) {
        return new Operand("ct " + c.name(), Kind.CT, c.type(), c.bits(), (c.bits() + 7) / 8, 0,
                Optional.empty(), c.key(), Optional.empty(), Optional.of(c), dir);
    }

    /** Whether the field covers only part of the bytes loaded (needs a mask). */
    boolean masked() {
        return (kind == Kind.PAYLOAD || kind == Kind.EXTHDR) && (shift != 0 || fieldBits != bytes * 8);
    }

    /** The mask nft applies to a partial field, big-endian over {@link #bytes()}. */
    byte[] mask() {
        BigInteger m = BigInteger.ONE.shiftLeft(fieldBits).subtract(BigInteger.ONE).shiftLeft(shift);
        return Values.be(m, bytes);
    }

    boolean hostOrder() {
        return type.endian() == Endian.HOST && type.kind() != Datatype.Kind.STRING;
    }

    /** The number of bytes a value of the type has before shifting (a 6-bit dscp: 1). */
    int valueBytes() {
        return (fieldBits + 7) / 8;
    }
}
