package io.jnetlink.nftables.text;

import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.proto.Datatype;
import io.jnetlink.nftables.proto.Endian;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sets of one table with their dumped elements, and the rebuilding of element lists as nft prints them:
 * intervals folded back from start/end pairs (segtree.c interval_map_decompose), ranges shown as prefixes where
 * the type allows, elements sorted by value as nft's mergesort does.
 */
final class SetCatalog {

    private final Map<String, NftSet> sets = new HashMap<>();
    private final Map<String, List<SetElement>> elements = new HashMap<>();

    SetCatalog(List<NftSet> tableSets, List<SetElements> tableElements) {
        for (NftSet s : tableSets) {
            sets.put(s.name(), s);
        }
        for (SetElements e : tableElements) {
            elements.computeIfAbsent(e.set(), k -> new ArrayList<>()).addAll(e.elements());
        }
    }

    Optional<NftSet> set(String name) {
        return Optional.ofNullable(sets.get(name));
    }

    List<SetElement> elements(String name) {
        return elements.getOrDefault(name, List.of());
    }

    /** The datatypes of a key described by a DataSpec (concatenations unpacked). */
    static List<Datatype> types(DataSpec spec, List<Integer> concatLengths) {
        List<Integer> numbers = spec.type() >= 64 && spec.type() != DataSpec.VERDICT
                ? Datatype.concatNumbers(spec.type()) : List.of(spec.type());
        List<Datatype> out = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            Datatype t = Datatype.of(numbers.get(i)).orElse(Datatype.INVALID);
            int len;
            if (numbers.size() == 1) {
                len = spec.length();
            } else if (i < concatLengths.size()) {
                len = concatLengths.get(i);
            } else {
                len = t.byteLength();
            }
            if (t.bits() == 0 || t.byteLength() != len) {
                t = t.withSize(len * 8, t.endian() == Endian.NONE ? Endian.HOST : t.endian());
            }
            out.add(t);
        }
        return out;
    }

    /** Whether nft shows ranges of this type as prefixes (DTYPE_F_PREFIX). */
    static boolean prefixType(Datatype t) {
        return t.kind() == Datatype.Kind.IPV4 || t.kind() == Datatype.Kind.IPV6 || t.kind() == Datatype.Kind.MARK;
    }

    /**
     * Rebuilds element expressions. {@code keyParts} are the key's fields (one unless concatenated), each with
     * its type and length; {@code dataOf} renders an element's mapped data, if any.
     */
    static List<NExpr.Elem> rebuild(List<SetElement> raw, List<Datatype> keyParts, boolean interval,
                                    Function<SetElement, Optional<NExpr>> dataOf) {
        return rebuild(raw, keyParts, interval, dataOf, e -> List.of());
    }

    static List<NExpr.Elem> rebuild(List<SetElement> raw, List<Datatype> keyParts, boolean interval,
                                    Function<SetElement, Optional<NExpr>> dataOf,
                                    Function<SetElement, List<Stmt>> stmtsOf) {
        List<NExpr.Elem> out = new ArrayList<>();
        // nft keeps elements in reverse dump order before its stable sort; ties keep that order.
        List<SetElement> list = new ArrayList<>(raw);
        java.util.Collections.reverse(list);
        if (interval && keyParts.size() > 1) {
            // concatenated ranges (pipapo): nft keeps the kernel's order
            list = new ArrayList<>(raw);
        }
        if (interval && keyParts.size() == 1) {
            // interval keys are stored big-endian even for host-order types, so that they sort as numbers
            Datatype t0 = keyParts.getFirst();
            Datatype t = t0.endian() == Endian.HOST ? t0.withSize(t0.bits(), Endian.BIG) : t0;
            List<SetElement> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing(e -> t.toBig(e.key().bytes())));
            for (int i = 0; i < sorted.size(); i++) {
                SetElement e = sorted.get(i);
                if (e.isIntervalEnd()) {
                    continue;
                }
                BigInteger lo = t.toBig(e.key().bytes());
                BigInteger hi;
                if (e.keyEnd().isPresent()) {
                    hi = t.toBig(e.keyEnd().get().bytes());
                } else if (i + 1 < sorted.size() && sorted.get(i + 1).isIntervalEnd()) {
                    hi = t.toBig(sorted.get(i + 1).key().bytes()).subtract(BigInteger.ONE);
                } else if (i + 1 < sorted.size()) {
                    hi = t.toBig(sorted.get(i + 1).key().bytes()).subtract(BigInteger.ONE);
                    hi = lo.max(hi);
                    // a start followed by another start: the kernel dropped the end (adjacent ranges)
                    hi = lo.equals(hi) ? lo : hi;
                } else {
                    hi = BigInteger.ONE.shiftLeft(e.key().length() * 8).subtract(BigInteger.ONE);
                }
                NExpr key = rangeExpr(t, e.key().length(), lo, hi);
                out.add(elem(key, e, dataOf, stmtsOf));
            }
            return out;
        }
        List<NExpr.Elem> built = new ArrayList<>();
        List<BigInteger> sortKeys = new ArrayList<>();
        for (SetElement e : list) {
            if (e.isIntervalEnd()) {
                continue;
            }
            NExpr key;
            BigInteger sortKey;
            if (keyParts.size() == 1) {
                Datatype t = keyParts.getFirst();
                byte[] b = e.key().bytes();
                if (e.keyEnd().isPresent() && !Arrays.equals(e.keyEnd().get().bytes(), b)) {
                    key = rangeExpr(t, b.length, t.toBig(b), t.toBig(e.keyEnd().get().bytes()));
                } else {
                    key = value(t, b);
                }
                sortKey = sortValue(t, b);
            } else {
                List<NExpr> parts = new ArrayList<>();
                byte[] b = e.key().bytes();
                byte[] end = e.keyEnd().map(Data.Value::bytes).orElse(b);
                int off = 0;
                for (Datatype t : keyParts) {
                    int len = Math.max(1, t.byteLength());
                    if (off + len > b.length) {
                        break;
                    }
                    byte[] p = Arrays.copyOfRange(b, off, off + len);
                    byte[] pe = end.length >= off + len ? Arrays.copyOfRange(end, off, off + len) : p;
                    if (!Arrays.equals(p, pe)) {
                        parts.add(rangeExpr(t, len, t.toBig(p), t.toBig(pe)));
                    } else {
                        parts.add(value(t, p));
                    }
                    off += (len + 3) / 4 * 4;
                }
                key = new NExpr.Concat(parts);
                byte[] rev = b.clone();
                for (int i = 0, j = rev.length - 1; i < j; i++, j--) {
                    byte x = rev[i];
                    rev[i] = rev[j];
                    rev[j] = x;
                }
                sortKey = new BigInteger(1, rev);
            }
            built.add(elem(key, e, dataOf, stmtsOf));
            sortKeys.add(sortKey);
        }
        Integer[] idx = new Integer[built.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        if (!(interval && keyParts.size() > 1)) {
            Arrays.sort(idx, Comparator.comparing(sortKeys::get));
        }
        for (int i : idx) {
            out.add(built.get(i));
        }
        return out;
    }

    /** The value nft's mergesort compares: bitmask values sort by their lowest set bit (the binop's left). */
    private static BigInteger sortValue(Datatype t, byte[] b) {
        BigInteger v = t.toBig(b);
        if (t.kind() == Datatype.Kind.BITMASK && v.bitCount() > 1) {
            return BigInteger.ONE.shiftLeft(v.getLowestSetBit());
        }
        return v;
    }

    static NExpr value(Datatype t, byte[] b) {
        if (t.kind() == Datatype.Kind.BITMASK) {
            BigInteger v = t.toBig(b);
            if (v.bitCount() > 1) {
                // in sets nft prints multi-bit flag values as an OR of the names: syn | ack
                NExpr acc = null;
                for (int bit = 0; bit < v.bitLength(); bit++) {
                    if (v.testBit(bit)) {
                        NExpr one = new NExpr.Value(t, t.toBytes(BigInteger.ONE.shiftLeft(bit), b.length));
                        acc = acc == null ? one : new NExpr.Binop("|", acc, one);
                    }
                }
                return acc;
            }
        }
        return new NExpr.Value(t, b);
    }

    static NExpr rangeExpr(Datatype t, int len, BigInteger lo, BigInteger hi) {
        if (lo.equals(hi)) {
            return new NExpr.Value(t, t.toBytes(lo, len));
        }
        if (t.kind() == Datatype.Kind.STRING) {
            // an interface-name wildcard is stored as the range "tap\0..." - "tap\xff...": print "tap*"
            byte[] l = t.toBytes(lo, len);
            byte[] h = t.toBytes(hi, len);
            int n = 0;
            while (n < len && l[n] == h[n] && l[n] != 0) {
                n++;
            }
            boolean wildcard = true;
            for (int i = n; i < len; i++) {
                if (l[i] != 0 || h[i] != (byte) 0xff) {
                    wildcard = false;
                    break;
                }
            }
            if (wildcard) {
                String p = new String(l, 0, n, java.nio.charset.StandardCharsets.UTF_8) + "*";
                return new NExpr.Text("\"" + p + "\"", p, t);
            }
        }
        int bits = len * 8;
        BigInteger size = hi.subtract(lo).add(BigInteger.ONE);
        if (prefixType(t) && size.bitCount() == 1) {
            int host = size.getLowestSetBit();
            if (lo.getLowestSetBit() >= host || lo.signum() == 0) {
                return new NExpr.Prefix(new NExpr.Value(t, t.toBytes(lo, len)), bits - host);
            }
        }
        return new NExpr.Range(new NExpr.Value(t, t.toBytes(lo, len)), new NExpr.Value(t, t.toBytes(hi, len)));
    }

    private static NExpr.Elem elem(NExpr key, SetElement e, Function<SetElement, Optional<NExpr>> dataOf,
                                   Function<SetElement, List<Stmt>> stmtsOf) {
        Optional<Long> timeout = e.timeoutMs().isPresent() ? Optional.of(e.timeoutMs().getAsLong()) : Optional.empty();
        Optional<Long> expires = e.expirationMs().isPresent() ? Optional.of(e.expirationMs().getAsLong())
                : Optional.empty();
        return new NExpr.Elem(key, dataOf.apply(e), timeout, expires, e.comment(), stmtsOf.apply(e));
    }
}
