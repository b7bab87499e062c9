package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.Userdata;
import io.jnetlink.nftables.proto.Datatype;
import io.jnetlink.nftables.proto.Endian;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Set keys, userdata and elements as nft encodes them: concatenated keys padded to 32-bit fields, interval
 * sets as start elements and interval-end elements (with a leading end element at zero, and the open-ended
 * last interval flagged in the element's userdata), overlapping and adjacent ranges merged where nft merges.
 */
final class SetEncoding {

    /** libnftnl udata.h: NFTNL_UDATA_SET_ELEM_FLAGS and NFTNL_SET_ELEM_F_INTERVAL_OPEN. */
    private static final int UDATA_ELEM_FLAGS = 1;
    private static final int ELEM_F_INTERVAL_OPEN = 1;

    private SetEncoding() {
    }

    record Encoded(List<SetElement> elements, int size) {
    }

    /** Overlapping intervals in a set or map that does not merge them: nft's "conflicting intervals specified". */
    static final class Conflict extends RuntimeException {
        final transient RuleCompiler.Elem element;

        Conflict(RuleCompiler.Elem element) {
            super("conflicting intervals specified", null, false, false);
            this.element = element;
        }
    }

    static DataSpec keySpec(List<SetDef.Part> parts) {
        if (parts.size() == 1) {
            return new DataSpec(parts.getFirst().type().number(), parts.getFirst().bytes());
        }
        int len = 0;
        List<Integer> types = new ArrayList<>();
        for (SetDef.Part p : parts) {
            len += (p.bytes() + 3) / 4 * 4;
            types.add(p.type().number());
        }
        return new DataSpec(Datatype.concatPack(types), len);
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    static int byteorder(Datatype t) {
        Endian e = t.endian();
        if (t.kind() == Datatype.Kind.STRING) {
            return Endian.HOST.udataCode();
        }
        return e.udataCode();
    }

    // nftables include/expression.h enum expr_types, as stored in typeof userdata
    private static final int EXPR_VERDICT = 1;
    private static final int EXPR_PAYLOAD = 7;
    private static final int EXPR_META = 9;
    private static final int EXPR_CT = 12;
    private static final int EXPR_CONCAT = 13;
    private static final int EXPR_NUMGEN = 23;
    private static final int EXPR_FIB = 26;

    /**
     * The set userdata nft writes, in its order: key byte order, data byte order (maps), key typeof (sets
     * declared with typeof, anonymous sets, concatenations), data typeof, data interval flag (maps), comment.
     *
     * @param keyTypeof the key expressions when nft records them; empty list for a {@code type a . b}
     *                  concatenation (recorded as an empty concat)
     * @param dataTypeof for maps: the data expression, or for anonymous verdict maps an empty list
     */
    static Userdata userdata(List<SetDef.Part> parts, Optional<List<Operand>> keyTypeof, Optional<SetDef.Part> data,
                             boolean verdict, Optional<List<Operand>> dataTypeof, Optional<String> comment) {
        Userdata ud = Userdata.EMPTY;
        int order = parts.size() == 1 ? byteorder(parts.getFirst().type()) : 0;
        ud = ud.with(NftSet.UDATA_KEYBYTEORDER, u32(order));
        boolean map = verdict || data.isPresent();
        if (map) {
            ud = ud.with(NftSet.UDATA_DATABYTEORDER, u32(verdict ? 0 : byteorder(data.get().type())));
        }
        if (keyTypeof.isPresent() && typeof(keyTypeof.get()) != null) {
            ud = ud.with(NftSet.UDATA_KEY_TYPEOF, typeof(keyTypeof.get()));
        }
        if (dataTypeof.isPresent() && (dataTypeof.get().isEmpty() || typeof(dataTypeof.get()) != null)) {
            ud = ud.with(NftSet.UDATA_DATA_TYPEOF, dataTypeof.get().isEmpty()
                    ? cat(tlv(0, u32(verdict ? EXPR_VERDICT : EXPR_CONCAT)), tlv(1, new byte[0]))
                    : typeof(dataTypeof.get()));
        }
        if (map) {
            ud = ud.with(NftSet.UDATA_DATA_INTERVAL, u32(0));
        }
        if (comment.isPresent()) {
            ud = ud.withString(NftSet.UDATA_COMMENT, comment.get());
        }
        return ud;
    }

    private static byte[] tlv(int type, byte[] value) {
        byte[] out = new byte[value.length + 2];
        out[0] = (byte) type;
        out[1] = (byte) value.length;
        System.arraycopy(value, 0, out, 2, value.length);
        return out;
    }

    private static byte[] cat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** One typeof description: a single expression, or a concatenation of them (an empty list: bare concat). */
    private static byte[] typeof(List<Operand> ops) {
        if (ops.size() == 1) {
            return typeofOne(ops.getFirst());
        }
        byte[][] subs = new byte[ops.size()][];
        for (int i = 0; i < ops.size(); i++) {
            byte[] one = typeofOne(ops.get(i));
            if (one == null) {
                return null;
            }
            subs[i] = tlv(i, one);
        }
        return cat(tlv(0, u32(EXPR_CONCAT)), tlv(1, cat(subs)));
    }

    private static byte[] typeofOne(Operand op) {
        return switch (op.kind()) {
            case PAYLOAD -> {
                Protocols.Field f = op.field().orElseThrow();
                // integer fields also record their width (NFTNL_UDATA_SET_TYPEOF_PAYLOAD len, type 4)
                byte[] len = f.type().number() == Datatype.INTEGER.number() ? tlv(4, u32(f.lenBits())) : new byte[0];
                yield cat(tlv(0, u32(EXPR_PAYLOAD)), tlv(1, cat(tlv(0, u32(f.proto().descId())),
                        tlv(1, u32(f.index())), len)));
            }
            case META -> cat(tlv(0, u32(EXPR_META)), tlv(1, tlv(0, u32(op.key()))));
            case CT -> cat(tlv(0, u32(EXPR_CT)), tlv(1, cat(tlv(0, u32(op.key())),
                    tlv(1, u32(op.dir().map(d -> d.code()).orElse(-1))))));
            case FIB -> {
                // nftables src/fib.c fib_expr_build_udata: result, flags
                Operand.FibSpec f = (Operand.FibSpec) op.spec();
                yield cat(tlv(0, u32(EXPR_FIB)), tlv(1, cat(tlv(0, u32(f.result())), tlv(1, u32(f.flags())))));
            }
            case NUMGEN -> {
                // nftables src/numgen.c numgen_expr_build_udata: type, modulus, offset
                Operand.NumgenSpec n = (Operand.NumgenSpec) op.spec();
                yield cat(tlv(0, u32(EXPR_NUMGEN)), tlv(1, cat(tlv(0, u32(n.type())), tlv(1, u32(n.modulus())),
                        tlv(2, u32(n.offset())))));
            }
            default -> null;
        };
    }

    /** An interval and the element it came from (null for one without comment or timeout). */
    private record Interval(BigInteger lo, BigInteger hi, RuleCompiler.Elem src) {
    }

    /**
     * One closed interval of a single-field interval set, as numbers: what an auto-merge set holds. {@code attrs}
     * carries the element's comment and timeout (null when it has none).
     */
    record Range(BigInteger lo, BigInteger hi, RuleCompiler.Elem attrs) {
        boolean sameSpan(Range o) {
            return lo.equals(o.lo) && hi.equals(o.hi);
        }
    }

    /**
     * Encodes elements. {@code merge}: merge overlapping and adjacent intervals (anonymous sets and
     * auto-merge sets).
     */
    static Encoded encode(List<SetDef.Part> parts, List<Boolean> hostOrder, List<RuleCompiler.Elem> elems,
                          boolean interval, boolean merge, boolean anonymous) {
        return encode(parts, hostOrder, elems, interval, merge, anonymous, true);
    }

    /**
     * Encodes the elements of a {@code delete element} command: as {@link #encode}, without the end element
     * at zero that an interval set's first interval carries (nft does not delete it: other intervals need it).
     */
    static Encoded encodeDelete(List<SetDef.Part> parts, List<Boolean> hostOrder, List<RuleCompiler.Elem> elems,
                                boolean interval) {
        return encode(parts, hostOrder, elems, interval, false, false, false);
    }

    private static Encoded encode(List<SetDef.Part> parts, List<Boolean> hostOrder, List<RuleCompiler.Elem> elems,
                                  boolean interval, boolean merge, boolean anonymous, boolean leadingEnd) {
        List<SetElement> out = new ArrayList<>();
        if (!interval) {
            for (RuleCompiler.Elem e : elems) {
                byte[] key = key(parts, e, false);
                out.add(element(key, Optional.empty(), e, 0, Userdata.EMPTY));
            }
            return new Encoded(out, out.size());
        }
        if (parts.size() > 1) {
            for (RuleCompiler.Elem e : elems) {
                out.add(element(key(parts, e, false), Optional.of(key(parts, e, true)), e, 0, Userdata.EMPTY));
            }
            return new Encoded(out, out.size());
        }
        List<Interval> ivs = intervals(parts, hostOrder, elems);
        if (!merge) {
            for (int i = 1; i < ivs.size(); i++) {
                if (ivs.get(i).lo.compareTo(ivs.get(i - 1).hi) <= 0) {
                    throw new Conflict(ivs.get(i).src);
                }
            }
        }
        if (merge) {
            List<Interval> merged = new ArrayList<>();
            for (Interval iv : ivs) {
                if (!merged.isEmpty()) {
                    Interval last = merged.getLast();
                    // only keys with the same data may merge (a map's verdicts or values must stay apart)
                    if (iv.lo.compareTo(last.hi.add(BigInteger.ONE)) <= 0
                            && java.util.Objects.equals(last.src.data, iv.src.data)
                            && java.util.Objects.equals(last.src.objRef, iv.src.objRef)) {
                        merged.set(merged.size() - 1, new Interval(last.lo, last.hi.max(iv.hi), last.src));
                        continue;
                    }
                }
                merged.add(iv);
            }
            ivs = merged;
        }
        return intervalElements(ivs, parts.getFirst().bytes(), anonymous, leadingEnd);
    }

    /** The intervals of {@code elems} (one key field), sorted, each carrying its element's comment and timeout. */
    static List<Range> ranges(List<SetDef.Part> parts, List<Boolean> hostOrder, List<RuleCompiler.Elem> elems) {
        List<Range> out = new ArrayList<>();
        for (Interval iv : intervals(parts, hostOrder, elems)) {
            out.add(new Range(iv.lo, iv.hi, iv.src));
        }
        return out;
    }

    /**
     * The elements of sorted, disjoint intervals: with {@code attrs}, each start element carries its range's comment
     * and timeout (for an add); {@code leadingEnd} as nft sends when it fills an empty set.
     */
    static List<SetElement> rangeElements(List<Range> ranges, int bytes, boolean attrs, boolean leadingEnd) {
        List<Interval> ivs = new ArrayList<>();
        for (Range r : ranges) {
            ivs.add(new Interval(r.lo(), r.hi(), attrs ? r.attrs() : null));
        }
        return intervalElements(ivs, bytes, false, leadingEnd).elements();
    }

    /** The content of a single-field interval set from its elements as the kernel lists them. */
    static List<Range> ranges(List<SetElement> elements, int bytes) {
        BigInteger max = BigInteger.ONE.shiftLeft(bytes * 8).subtract(BigInteger.ONE);
        record Point(BigInteger at, boolean end, SetElement element) {
        }
        List<Point> points = new ArrayList<>();
        for (SetElement e : elements) {
            if (e.keyEnd().isPresent()) {
                return null;
            }
            points.add(new Point(new BigInteger(1, e.key().bytes()), (e.flags() & SetElement.F_INTERVAL_END) != 0, e));
        }
        // at the same value the end of one interval comes before the start of the next
        points.sort(Comparator.comparing(Point::at).thenComparing(p -> !p.end()));
        List<Range> out = new ArrayList<>();
        Point start = null;
        for (Point p : points) {
            if (start != null) {
                out.add(new Range(start.at(), p.at().subtract(BigInteger.ONE), attrs(start.element())));
                start = null;
            }
            if (!p.end()) {
                start = p;
            }
        }
        if (start != null) {
            out.add(new Range(start.at(), max, attrs(start.element())));
        }
        return out;
    }

    /** A held element's comment and timeout, as the element a merge starts from; null when it has neither. */
    private static RuleCompiler.Elem attrs(SetElement e) {
        if (e.comment().isEmpty() && e.timeoutMs().isEmpty()) {
            return null;
        }
        return new RuleCompiler.Elem(List.of(), null, e.timeoutMs(), e.comment(), null);
    }

    /** The single-field intervals of {@code elems}, sorted by their start. */
    private static List<Interval> intervals(List<SetDef.Part> parts, List<Boolean> hostOrder,
                                            List<RuleCompiler.Elem> elems) {
        boolean host = hostOrder.getFirst();
        List<Interval> ivs = new ArrayList<>();
        for (RuleCompiler.Elem e : elems) {
            RuleCompiler.Atom a = e.key.getFirst();
            byte[] lo = a.lo();
            byte[] hi = a.isValue() ? a.lo() : a.hi();
            if (host && a.prefixLen() < 0) {
                lo = Values.reverse(lo);
                hi = Values.reverse(hi);
            }
            ivs.add(new Interval(new BigInteger(1, lo), new BigInteger(1, hi), e));
        }
        ivs.sort(Comparator.comparing(Interval::lo));
        return ivs;
    }

    /**
     * Start and end elements of sorted, disjoint intervals: an end element after each (none after one that
     * runs to the key's maximum, which is flagged open instead), and with {@code leadingEnd} an end element at
     * zero before a first interval that starts above it, as nft sends when it fills a set.
     */
    private static Encoded intervalElements(List<Interval> ivs, int bytes, boolean anonymous, boolean leadingEnd) {
        BigInteger max = BigInteger.ONE.shiftLeft(bytes * 8).subtract(BigInteger.ONE);
        List<SetElement> out = new ArrayList<>();
        int size = ivs.size() * 2;
        if (leadingEnd && !ivs.isEmpty() && ivs.getFirst().lo.signum() != 0) {
            out.add(endElement(BigInteger.ZERO, bytes));
            size++;
        }
        for (int i = 0; i < ivs.size(); i++) {
            Interval iv = ivs.get(i);
            boolean open = iv.hi.equals(max);
            Userdata ud = open ? Userdata.EMPTY.with(UDATA_ELEM_FLAGS, new byte[]{ELEM_F_INTERVAL_OPEN, 0, 0, 0})
                    : Userdata.EMPTY;
            out.add(iv.src == null ? plainElement(Values.be(iv.lo, bytes), ud)
                    : element(Values.be(iv.lo, bytes), Optional.empty(), iv.src, 0, ud));
            if (!open) {
                BigInteger end = iv.hi.add(BigInteger.ONE);
                // in anonymous sets, an interval followed right away by the next one needs no end element
                boolean nextStarts = anonymous && i + 1 < ivs.size() && ivs.get(i + 1).lo.equals(end);
                if (!nextStarts) {
                    out.add(endElement(end, bytes));
                }
            }
        }
        return new Encoded(out, size);
    }

    /** The start element of an interval the set already holds (no data, comment or timeout: it is deleted). */
    private static SetElement plainElement(byte[] key, Userdata ud) {
        return new SetElement(new Data.Value(key), Optional.empty(), Optional.empty(), Optional.empty(), 0,
                OptionalLong.empty(), OptionalLong.empty(), ud, List.of());
    }

    private static SetElement endElement(BigInteger v, int bytes) {
        return new SetElement(new Data.Value(Values.be(v, bytes)), Optional.empty(), Optional.empty(),
                Optional.empty(), SetElement.F_INTERVAL_END, OptionalLong.empty(), OptionalLong.empty(),
                Userdata.EMPTY, List.of());
    }

    private static SetElement element(byte[] key, Optional<byte[]> keyEnd, RuleCompiler.Elem e, int flags,
                                      Userdata extra) {
        Userdata ud = Userdata.EMPTY;
        if (e.comment.isPresent()) {
            ud = ud.withString(SetElement.UDATA_COMMENT, e.comment.get());
        }
        for (Userdata.Entry x : extra.entries()) {
            ud = ud.with(x.type(), x.value());
        }
        return new SetElement(new Data.Value(key), keyEnd.map(Data.Value::new), Optional.ofNullable(e.data),
                Optional.ofNullable(e.objRef), flags, e.timeout, e.expires, ud, List.of());
    }

    /** The key bytes: one field as is, a concatenation with each field padded to 32 bits. */
    private static byte[] key(List<SetDef.Part> parts, RuleCompiler.Elem e, boolean end) {
        if (parts.size() == 1) {
            RuleCompiler.Atom a = e.key.getFirst();
            return end && !a.isValue() ? a.hi() : a.lo();
        }
        byte[] out = new byte[0];
        for (RuleCompiler.Atom a : e.key) {
            byte[] v = Values.pad4(end && !a.isValue() ? a.hi() : a.lo());
            byte[] r = java.util.Arrays.copyOf(out, out.length + v.length);
            System.arraycopy(v, 0, r, out.length, v.length);
            out = r;
        }
        return out;
    }
}
