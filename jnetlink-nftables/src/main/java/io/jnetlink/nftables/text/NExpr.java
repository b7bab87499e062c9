package io.jnetlink.nftables.text;

import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.proto.CtKeyInfo;
import io.jnetlink.nftables.proto.Datatype;
import io.jnetlink.nftables.proto.HeaderBase;
import io.jnetlink.nftables.proto.MetaKeyInfo;
import io.jnetlink.nftables.proto.ProtoField;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An nft language expression rebuilt from kernel expressions (the delinearized form): what
 * {@code nft list ruleset} prints on either side of a match, in a set, or as a statement's argument.
 * Each knows its text and its {@code nft -j} JSON form.
 */
sealed interface NExpr {

    String text();

    Object json();

    /** The datatype values compared with this expression have. */
    default Datatype type() {
        return Datatype.INVALID;
    }

    /** A header field nft knows by name: {@code tcp dport}. */
    record Field(ProtoField field) implements NExpr {
        @Override
        public String text() {
            return field.nftName();
        }

        @Override
        public Object json() {
            return Json.obj("payload", Json.obj().put("protocol", field.protocol()).put("field", field.name()));
        }

        @Override
        public Datatype type() {
            return field.type();
        }
    }

    /** A raw payload load: {@code @nh,8,8}. */
    record RawPayload(HeaderBase base, int offsetBits, int lengthBits) implements NExpr {
        String baseName() {
            return switch (base) {
                case LL -> "ll";
                case NETWORK -> "nh";
                case TRANSPORT -> "th";
                case INNER -> "ih";
                case TUNNEL -> "tunnel";
            };
        }

        @Override
        public String text() {
            return "@" + baseName() + "," + offsetBits + "," + lengthBits;
        }

        @Override
        public Object json() {
            return Json.obj("payload", Json.obj().put("base", baseName()).put("offset", offsetBits)
                    .put("len", lengthBits));
        }

        @Override
        public Datatype type() {
            return Datatype.INTEGER.withSize(lengthBits, io.jnetlink.nftables.proto.Endian.BIG);
        }
    }

    record Meta(MetaKeyInfo key) implements NExpr {
        @Override
        public String text() {
            return key.nftText();
        }

        @Override
        public Object json() {
            return Json.obj("meta", Json.obj("key", key.name()));
        }

        @Override
        public Datatype type() {
            return key.type();
        }
    }

    /** A meta key nft does not know: printed as libnftnl names it. */
    record UnknownMeta(int code) implements NExpr {
        @Override
        public String text() {
            return "meta unknown";
        }

        @Override
        public Object json() {
            return Json.obj("meta", Json.obj("key", "unknown"));
        }
    }

    /** {@code ct state}, {@code ct original ip saddr}; {@code addrType} types NFT_CT_SRC/DST by l3proto. */
    record Ct(CtKeyInfo key, Optional<String> direction, Datatype valueType) implements NExpr {
        @Override
        public String text() {
            return "ct " + direction.map(d -> d + " ").orElse("") + key.name();
        }

        @Override
        public Object json() {
            Json.Obj o = Json.obj("key", key.name());
            direction.ifPresent(d -> o.put("dir", d));
            return Json.obj("ct", o);
        }

        @Override
        public Datatype type() {
            return valueType;
        }
    }

    /** A constant of a datatype. */
    record Value(Datatype dtype, byte[] bytes) implements NExpr {
        @Override
        public String text() {
            return dtype.format(bytes);
        }

        @Override
        public Object json() {
            return jsonValue(dtype, bytes);
        }

        @Override
        public Datatype type() {
            return dtype;
        }

        BigInteger big() {
            return dtype.toBig(bytes);
        }
    }

    /** An address or value prefix: {@code 10.0.0.0/8}. */
    record Prefix(Value base, int length) implements NExpr {
        @Override
        public String text() {
            return base.text() + "/" + length;
        }

        @Override
        public Object json() {
            return Json.obj("prefix", Json.obj().put("addr", base.json()).put("len", length));
        }

        @Override
        public Datatype type() {
            return base.type();
        }
    }

    record Range(NExpr low, NExpr high) implements NExpr {
        @Override
        public String text() {
            return low.text() + "-" + high.text();
        }

        @Override
        public Object json() {
            return Json.obj("range", Json.arr(low.json(), high.json()));
        }

        @Override
        public Datatype type() {
            return low.type();
        }
    }

    record Concat(List<NExpr> parts) implements NExpr {
        @Override
        public String text() {
            List<String> s = new ArrayList<>();
            for (NExpr p : parts) {
                s.add(p.text());
            }
            return String.join(" . ", s);
        }

        @Override
        public Object json() {
            List<Object> a = new ArrayList<>();
            for (NExpr p : parts) {
                a.add(p.json());
            }
            return Json.obj("concat", a);
        }
    }

    /** A binary operation: {@code &}, {@code |}, {@code ^}, {@code <<}, {@code >>}. */
    record Binop(String op, NExpr left, NExpr right) implements NExpr {
        @Override
        public String text() {
            return side(left, true) + " " + op + " " + side(right, false);
        }

        /** C precedence, as nft's binop printer parenthesizes: shifts bind tighter than &, then ^, then |. */
        private static int precedence(String op) {
            return switch (op) {
                case "<<", ">>" -> 5;
                case "&" -> 4;
                case "^" -> 3;
                case "|" -> 2;
                default -> 1;
            };
        }

        private String side(NExpr e, boolean isLeft) {
            if (e instanceof Binop b) {
                int pc = precedence(b.op);
                int pp = precedence(op);
                if (pc < pp || (!isLeft && pc <= pp)) {
                    return "(" + b.text() + ")";
                }
            }
            return e.text();
        }

        @Override
        public Object json() {
            return Json.obj(op, Json.arr(left.json(), right.json()));
        }

        @Override
        public Datatype type() {
            return left.type();
        }
    }

    /** Flag names joined by commas ({@code established,related}); JSON is a list of names. */
    record Flags(Datatype dtype, List<String> names) implements NExpr {
        @Override
        public String text() {
            return String.join(",", names);
        }

        @Override
        public Object json() {
            if (names.size() == 1) {
                return names.getFirst();
            }
            return new ArrayList<Object>(names);
        }

        @Override
        public Datatype type() {
            return dtype;
        }
    }

    /** An inline (anonymous) set or the elements of a named set. */
    record SetLit(List<Elem> elems, boolean anonymous, Datatype keyType) implements NExpr {
        @Override
        public String text() {
            StringBuilder sb = new StringBuilder("{ ");
            int count = 0;
            String d = "";
            for (Elem e : elems) {
                sb.append(d).append(e.text());
                count++;
                d = delimiter(count);
                if (d.startsWith(",\n")) {
                    count = 0;
                }
            }
            return sb.append(" }").toString();
        }

        /** nft's calculate_delim (expression.c): a few small values per line, else one per line. */
        private String delimiter(int count) {
            String newline = ",\n\t\t\t     ";
            if (anonymous) {
                return ", ";
            }
            int per = switch (keyType.number()) {
                // TYPE_NFPROTO, INTEGER, ARPOP, INET_PROTOCOL, INET_SERVICE, TCP_FLAG, DCCP_PKTTYPE, MARK,
                // IFINDEX, CLASSID, UID, GID, CT_DIR
                case 2, 4, 11, 12, 13, 15, 16, 19, 20, 23, 24, 25, 27 -> 5;
                // TYPE_IPADDR, CT_STATE, CT_STATUS, PKTTYPE
                case 7, 26, 28, 31 -> 2;
                default -> 0;
            };
            if (keyType.number() == 0 && keyType != Datatype.INVALID) {
                per = 0;
            }
            return count < per ? ", " : newline;
        }

        @Override
        public Object json() {
            List<Object> a = new ArrayList<>();
            for (Elem e : elems) {
                a.add(e.json());
            }
            return Json.obj("set", a);
        }

        @Override
        public Datatype type() {
            return keyType;
        }
    }

    /** A set element: key, optional mapped data, timeout, expiry, comment, per-element statements. */
    record Elem(NExpr key, Optional<NExpr> data, Optional<Long> timeoutMs, Optional<Long> expiresMs,
                Optional<String> comment, List<Stmt> stmts) implements NExpr {
        Elem(NExpr key) {
            this(key, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        }

        @Override
        public String text() {
            StringBuilder sb = new StringBuilder(key.text());
            for (Stmt s : stmts) {
                sb.append(' ').append(s.text());
            }
            timeoutMs.ifPresent(t -> sb.append(" timeout ").append(Datatype.formatTime(t)));
            expiresMs.ifPresent(t -> sb.append(" expires ").append(Datatype.formatTime(t)));
            comment.ifPresent(c -> sb.append(" comment \"").append(c).append('"'));
            data.ifPresent(d -> sb.append(" : ").append(d.text()));
            return sb.toString();
        }

        @Override
        public Object json() {
            Object k = key.json();
            if (timeoutMs.isPresent() || expiresMs.isPresent() || comment.isPresent() || !stmts.isEmpty()) {
                Json.Obj o = Json.obj("val", k);
                timeoutMs.ifPresent(t -> o.put("timeout", t / 1000));
                expiresMs.ifPresent(t -> o.put("expires", t / 1000));
                comment.ifPresent(c -> o.put("comment", c));
                for (Stmt s : stmts) {
                    if (s.json() instanceof Json.Obj so) {
                        so.fields.forEach(o::put);
                    }
                }
                k = Json.obj("elem", o);
            }
            if (data.isPresent()) {
                return Json.arr(k, data.get().json());
            }
            return k;
        }

        @Override
        public Datatype type() {
            return key.type();
        }
    }

    /** {@code @name}. */
    record SetRef(String name) implements NExpr {
        @Override
        public String text() {
            return "@" + name;
        }

        @Override
        public Object json() {
            return "@" + name;
        }
    }

    /** {@code key map @m} / {@code key map { ... }} ({@code vmap} when the data are verdicts). */
    record MapLookup(NExpr key, NExpr mappings, boolean vmap, Datatype dataType) implements NExpr {
        @Override
        public String text() {
            return key.text() + (vmap ? " vmap " : " map ") + mappings.text();
        }

        @Override
        public Object json() {
            return Json.obj(vmap ? "vmap" : "map", Json.obj().put("key", key.json()).put("data", mappings.json()));
        }

        @Override
        public Datatype type() {
            return dataType;
        }
    }

    record Verdict(Data.Verdict verdict) implements NExpr {
        @Override
        public String text() {
            String name = Datatype.verdictName(verdict.code());
            return verdict.chain().map(c -> name + " " + c).orElse(name);
        }

        @Override
        public Object json() {
            String name = Datatype.verdictName(verdict.code());
            if (verdict.chain().isPresent()) {
                return Json.obj(name, Json.obj("target", verdict.chain().get()));
            }
            return Json.obj(name, null);
        }

        @Override
        public Datatype type() {
            return Datatype.VERDICT;
        }
    }

    /** Text nft prints for something with no better model (numgen, hash, fib, ...), with its JSON. */
    record Text(String text, Object json, Datatype dtype) implements NExpr {
        @Override
        public Datatype type() {
            return dtype;
        }
    }

    /** Raw bytes the renderer could not type: printed as hex. */
    static Value raw(byte[] bytes) {
        return new Value(Datatype.INVALID, bytes);
    }

    static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }

    /** nft's JSON for a constant of {@code dtype}. */
    static Object jsonValue(Datatype dtype, byte[] bytes) {
        try {
            return switch (dtype.kind()) {
                case INTEGER, MARK -> number(dtype.toBig(bytes));
                case INTEGER_FILE -> {
                    long v = dtype.toLong(bytes);
                    Optional<String> s = dtype.symbolName(v);
                    if (s.isPresent()) {
                        yield s.get();
                    }
                    // nft -j prints an unnamed realm as a string, an unnamed device group as a number
                    yield dtype.number() == Datatype.REALM.number() ? (Object) Long.toString(v) : (Object) v;
                }
                case SYMBOLIC -> {
                    BigInteger v = dtype.toBig(bytes);
                    Optional<String> s = v.bitLength() < 63 ? dtype.symbolName(v.longValue()) : Optional.empty();
                    if (s.isPresent()) {
                        yield s.get();
                    }
                    yield number(v);
                }
                case BITMASK -> {
                    String t = dtype.formatBits(bytes, ",");
                    yield t.contains(",") ? new ArrayList<Object>(List.of(t.split(","))) : t;
                }
                case STRING -> Datatype.string(bytes);
                case DATE, HOUR -> {
                    String t = dtype.format(bytes);
                    yield t.substring(1, t.length() - 1);
                }
                case TIME -> dtype.toLong(bytes) / 1000;
                case BOOLEAN -> dtype.toLong(bytes) != 0;
                case IFINDEX -> dtype.toBig(bytes).toString();
                default -> dtype.format(bytes);
            };
        } catch (RuntimeException e) {
            return hex(bytes);
        }
    }

    static Object number(BigInteger v) {
        return v.bitLength() < 63 ? (Object) v.longValue() : v;
    }
}
