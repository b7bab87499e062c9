package io.jnetlink.nftables.text;

import io.jnetlink.nftables.expr.Bitwise;
import io.jnetlink.nftables.expr.BitwiseOp;
import io.jnetlink.nftables.expr.Byteorder;
import io.jnetlink.nftables.expr.Cmp;
import io.jnetlink.nftables.expr.CmpOp;
import io.jnetlink.nftables.expr.Connlimit;
import io.jnetlink.nftables.expr.Counter;
import io.jnetlink.nftables.expr.Ct;
import io.jnetlink.nftables.expr.CtSet;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.expr.Dynset;
import io.jnetlink.nftables.expr.DynsetOp;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.Exthdr;
import io.jnetlink.nftables.expr.Fib;
import io.jnetlink.nftables.expr.FlowOffload;
import io.jnetlink.nftables.expr.Hash;
import io.jnetlink.nftables.expr.Immediate;
import io.jnetlink.nftables.expr.Limit;
import io.jnetlink.nftables.expr.LimitType;
import io.jnetlink.nftables.expr.Log;
import io.jnetlink.nftables.expr.Lookup;
import io.jnetlink.nftables.expr.Masq;
import io.jnetlink.nftables.expr.Meta;
import io.jnetlink.nftables.expr.MetaSet;
import io.jnetlink.nftables.expr.Nat;
import io.jnetlink.nftables.expr.Notrack;
import io.jnetlink.nftables.expr.Numgen;
import io.jnetlink.nftables.expr.Objref;
import io.jnetlink.nftables.expr.ObjrefMap;
import io.jnetlink.nftables.expr.Payload;
import io.jnetlink.nftables.expr.PayloadWrite;
import io.jnetlink.nftables.expr.Queue;
import io.jnetlink.nftables.expr.Quota;
import io.jnetlink.nftables.expr.Range;
import io.jnetlink.nftables.expr.RangeOp;
import io.jnetlink.nftables.expr.RawExpr;
import io.jnetlink.nftables.expr.Redir;
import io.jnetlink.nftables.expr.Reject;
import io.jnetlink.nftables.expr.Rt;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.proto.CtKeyInfo;
import io.jnetlink.nftables.proto.Datatype;
import io.jnetlink.nftables.proto.Endian;
import io.jnetlink.nftables.proto.HeaderBase;
import io.jnetlink.nftables.proto.MetaKeyInfo;
import io.jnetlink.nftables.proto.ProtoField;
import io.jnetlink.nftables.proto.Protocol;
import io.jnetlink.nftables.proto.Protocols;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * Rebuilds nft statements from a rule's kernel expressions, as nft's netlink_delinearize.c does: loads and
 * comparisons become matches, the protocol dependencies nft inserted are removed again, bitwise masks become
 * prefixes or flag tests, anonymous set lookups are printed inline. What it cannot rebuild is printed in a
 * faithful raw form; it never throws.
 */
final class Delinearizer {

    private final Family family;
    private final SetCatalog sets;
    private final IntFunction<Optional<String>> ifnames;

    /** Register contents, keyed by 32-bit register index (NFT_REG32_00 = 0; NFT_REG_1 = 0..3). */
    private final Map<Integer, Reg> regs = new HashMap<>();

    private final List<Entry> out = new ArrayList<>();
    private final Entry[] slots = new Entry[3];
    private Protocol ll;
    private Protocol net;
    private Protocol trans;

    /** One statement with what the dependency logic needs to know about it. */
    private static final class Entry {
        final Stmt stmt;
        boolean removed;
        /** When this statement is an exact protocol match: the protocol it proves, and at which base. */
        Protocol proves;
        HeaderBase provesAt;
        /** For meta nfproto/protocol dependencies: the nfproto proven (2, 10) or 0. */
        int nfproto;
        boolean payloadDep;
        /** For matches: the parts, so that {@code x >= a} followed by {@code x <= b} can become {@code x a-b}. */
        NExpr left;
        String op;
        NExpr right;

        Entry(Stmt stmt) {
            this.stmt = stmt;
        }
    }

    /** Emits a match; nft sends ranges as {@code cmp gte} + {@code cmp lte}, printed back as {@code x a-b}. */
    private Entry match(NExpr left, String op, NExpr right) {
        if (op.equals("<=") && !out.isEmpty()) {
            Entry last = out.getLast();
            if (!last.removed && ">=".equals(last.op) && last.left.text().equals(left.text())) {
                NExpr range = new NExpr.Range(last.right, right);
                Entry en = new Entry(Stmt.match(left, "", range));
                en.left = left;
                en.op = "";
                en.right = range;
                out.set(out.size() - 1, en);
                return en;
            }
        }
        Entry en = emitExpr(Stmt.match(left, op, right));
        en.left = left;
        en.op = op;
        en.right = right;
        return en;
    }

    /**
     * A register's content: an expression, its length in bytes, and for raw payload loads the load itself
     * (resolved against header fields when a mask or the compared length is known).
     */
    private record Reg(NExpr expr, int len, Load load, BigInteger mask, boolean swapped, Data.Value immediate) {
        static Reg of(NExpr e, int len) {
            return new Reg(e, len, null, null, false, null);
        }
    }

    /** A payload load not yet matched to a field. */
    private record Load(HeaderBase base, int offsetBits, int lengthBits, Protocol desc) {
    }

    Delinearizer(Family family, SetCatalog sets, IntFunction<Optional<String>> ifnames) {
        this.family = family;
        this.sets = sets;
        this.ifnames = ifnames;
        this.net = Protocols.familyNetwork(family).orElse(null);
        this.ll = family == Family.BRIDGE || family == Family.NETDEV ? Protocols.ETHER : null;
    }

    /** The rule's statements as nft prints them. */
    List<Stmt> statements(Rule rule) {
        for (Expr e : rule.exprs()) {
            try {
                step(e);
            } catch (RuntimeException ex) {
                // A shape we do not understand: keep going with a faithful raw form of this expression.
                emit(new Stmt(rawText(e), Json.obj("xt", null)));
            }
        }
        List<Stmt> result = new ArrayList<>();
        for (Entry en : out) {
            if (!en.removed) {
                result.add(en.stmt);
            }
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------------
    // registers

    private static int reg32(int reg) {
        if (reg >= 8) {
            return reg - 8;
        }
        return (reg - 1) * 4;
    }

    private void put(int reg, Reg r) {
        regs.put(reg32(reg), r);
    }

    private Reg get(int reg) {
        Reg r = regs.get(reg32(reg));
        if (r == null) {
            return Reg.of(new NExpr.Text("reg " + reg, "reg " + reg, Datatype.INVALID), 4);
        }
        return r;
    }

    /** The expression read from {@code reg} for {@code len} bytes: a concatenation when it spans several loads. */
    private List<Reg> gather(int reg, int len) {
        List<Reg> parts = new ArrayList<>();
        int idx = reg32(reg);
        int covered = 0;
        while (covered < len) {
            Reg r = regs.get(idx);
            if (r == null) {
                break;
            }
            parts.add(r);
            int words = Math.max(1, (r.len + 3) / 4);
            covered += words * 4;
            idx += words;
            if (r.len >= len) {
                break;
            }
        }
        if (parts.isEmpty()) {
            parts.add(get(reg));
        }
        return parts;
    }

    // ------------------------------------------------------------------------------------------------
    // one expression

    private void step(Expr e) {
        switch (e) {
            case Payload p -> {
                HeaderBase base = HeaderBase.of(p.base().code());
                Load load = new Load(base, p.offset() * 8, p.len() * 8, protoAt(base, p.offset() * 8));
                put(p.dreg(), new Reg(null, p.len(), load, null, false, null));
            }
            case Meta m -> {
                Optional<MetaKeyInfo> k = MetaKeyInfo.of(m.key().value());
                NExpr ex = k.<NExpr>map(NExpr.Meta::new).orElse(new NExpr.UnknownMeta(m.key().value()));
                put(m.dreg(), Reg.of(ex, k.map(MetaKeyInfo::length).orElse(4)));
            }
            case Ct c -> {
                Optional<CtKeyInfo> k = CtKeyInfo.of(c.key().value());
                Optional<String> dir = c.direction().map(d -> d.code() == 0 ? "original" : "reply");
                if (k.isEmpty()) {
                    put(c.dreg(), Reg.of(new NExpr.Text("ct unknown", Json.obj("ct", Json.obj("key", "unknown")),
                            Datatype.INVALID), 4));
                } else {
                    CtKeyInfo info = k.get();
                    Datatype t = info.type();
                    int len = info.length();
                    if (info == CtKeyInfo.SRC || info == CtKeyInfo.DST) {
                        boolean v6 = net == Protocols.IP6;
                        t = v6 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR;
                        len = v6 ? 16 : 4;
                    }
                    put(c.dreg(), Reg.of(new NExpr.Ct(info, dir, t), len));
                }
            }
            case Bitwise b -> bitwise(b);
            case Byteorder b -> {
                Reg r = get(b.sreg());
                put(b.dreg(), new Reg(r.expr, r.len, r.load, r.mask, !r.swapped, r.immediate));
            }
            case Cmp c -> cmp(c);
            case Range r -> range(r);
            case Lookup l -> lookup(l);
            case Immediate i -> immediate(i);
            case MetaSet m -> metaSet(m);
            case CtSet c -> ctSet(c);
            case Counter c -> emit(new Stmt("counter packets " + c.packets() + " bytes " + c.bytes(),
                    Json.obj("counter", Json.obj().put("packets", c.packets()).put("bytes", c.bytes()))));
            case Limit l -> emit(limit(l, false));
            case Quota q -> emit(quota(q, false));
            case Connlimit c -> emit(connlimit(c));
            case Notrack n -> emit(new Stmt("notrack", Json.obj("notrack", null)));
            case Log l -> emit(log(l));
            case Reject r -> {
                if (r.type() == 1 && (family == Family.IP || family == Family.IP6)) {
                    // only where the family fixes the network protocol does nft drop "meta l4proto tcp" here
                    killDependency(HeaderBase.TRANSPORT);
                } else if (r.type() == 0 && (family == Family.INET || family == Family.BRIDGE
                        || family == Family.NETDEV)) {
                    killDependency(HeaderBase.NETWORK);
                }
                emit(reject(r));
            }
            case Nat n -> emit(nat(n));
            case Masq m -> emit(masqRedir("masquerade", m.flags(), m.regProtoMin(), m.regProtoMax()));
            case Redir r -> emit(masqRedir("redirect", r.flags(), r.regProtoMin(), r.regProtoMax()));
            case Objref o -> emit(objref(o));
            case ObjrefMap o -> objrefMap(o);
            case Dynset d -> emit(dynset(d));
            case Numgen n -> numgen(n);
            case Hash h -> hash(h);
            case Fib f -> fib(f);
            case Rt r -> rt(r);
            case Exthdr x -> exthdr(x);
            case PayloadWrite w -> payloadWrite(w);
            case Queue q -> emit(queue(q));
            case FlowOffload f -> emit(new Stmt("flow add @" + f.flowtable(),
                    Json.obj("flow", Json.obj().put("op", "add").put("flowtable", "@" + f.flowtable()))));
            case RawExpr r -> raw(r);
            default -> emit(new Stmt(rawText(e), Json.obj(e.name(), null)));
        }
    }

    private static String rawText(Expr e) {
        if (e instanceof RawExpr r) {
            return "# " + r.name() + " " + NExpr.hex(r.data());
        }
        return "# " + e.name();
    }

    private Protocol protoAt(HeaderBase base, int offsetBits) {
        return switch (base) {
            case LL -> {
                if (ll == null) {
                    yield null;
                }
                if (offsetBits >= 112 && (ll == Protocols.VLAN || family == Family.BRIDGE || family == Family.NETDEV)) {
                    yield Protocols.VLAN;
                }
                yield Protocols.ETHER;
            }
            case NETWORK -> net;
            case TRANSPORT -> trans;
            default -> null;
        };
    }

    /**
     * Emits a statement that is not a match. Like nft (rule_maybe_reset_payload_deps), any such statement ends
     * the reach of earlier dependencies: {@code meta l4proto tcp counter tcp dport 22} keeps its l4proto.
     */
    private Entry emit(Stmt s) {
        Entry en = new Entry(s);
        out.add(en);
        Arrays.fill(slots, null);
        return en;
    }

    /** Emits a match or map statement (an nft expression statement): dependencies stay in reach. */
    private Entry emitExpr(Stmt s) {
        Entry en = new Entry(s);
        out.add(en);
        return en;
    }

    /** Removes the dependency proving the protocol at {@code base}, as stmt_reject_postprocess does. */
    private void killDependency(HeaderBase base) {
        Entry dep = slots[base.code()];
        if (dep != null && !dep.removed) {
            dep.removed = true;
        }
        slots[base.code()] = null;
    }

    // ------------------------------------------------------------------------------------------------
    // turning registers into expressions

    /** The expression for a register, resolving payload loads against the header fields known here. */
    private NExpr exprOf(Reg r) {
        if (r.expr != null) {
            return r.expr;
        }
        if (r.immediate != null) {
            return NExpr.raw(r.immediate.bytes());
        }
        Load l = r.load;
        if (r.mask != null) {
            Optional<ProtoField> sub = maskedField(r);
            if (sub.isPresent()) {
                used(sub.get());
                return new NExpr.Field(sub.get());
            }
        }
        Optional<ProtoField> f = fieldOf(l, l.offsetBits, l.lengthBits);
        if (f.isPresent()) {
            used(f.get());
            NExpr fe = new NExpr.Field(f.get());
            if (r.mask != null) {
                return new NExpr.Binop("&", fe, new NExpr.Value(fe.type(), fe.type().toBytes(r.mask, r.len)));
            }
            return fe;
        }
        NExpr raw = new NExpr.RawPayload(l.base, l.offsetBits, l.lengthBits);
        if (r.mask != null) {
            return new NExpr.Binop("&", raw, hexValue(r.mask));
        }
        return raw;
    }

    /** The sub-byte field a masked load selects exactly (ip dscp from {@code & 0xfc}), if any. */
    private Optional<ProtoField> maskedField(Reg r) {
        if (r.load == null || r.mask == null) {
            return Optional.empty();
        }
        int ones = r.mask.bitCount();
        int low = r.mask.getLowestSetBit();
        int high = r.mask.bitLength();
        if (ones == 0 || high - low != ones) {
            return Optional.empty();
        }
        return fieldOf(r.load, r.load.offsetBits + (r.load.lengthBits - high), ones);
    }

    /** How far values compared with this register are shifted left of the field (0 unless masked). */
    private int maskShift(Reg r) {
        return maskedField(r).isPresent() ? r.mask.getLowestSetBit() : 0;
    }

    private Optional<ProtoField> fieldOf(Load l, int offsetBits, int lengthBits) {
        if (l.desc != null) {
            for (ProtoField f : l.desc.fields()) {
                if (f.offsetBits() == offsetBits && f.lengthBits() == lengthBits && icmpAllows(f)) {
                    return Optional.of(f);
                }
            }
            if (l.desc.fieldAt(offsetBits, lengthBits).isPresent()) {
                return Optional.empty();
            }
        }
        if (l.base == HeaderBase.TRANSPORT && (l.desc == null || l.desc == Protocols.TH_)) {
            return Protocols.TH_.fieldAt(offsetBits, lengthBits);
        }
        return Optional.empty();
    }

    /**
     * The ICMP type last matched, which decides between fields sharing an offset (nft's icmp type dependent
     * templates): id/sequence for echo, mtu for "too big", gateway for redirects.
     */
    private Integer icmpType;
    private String icmpProto;
    private Entry icmpTypeEntry;

    private boolean icmpAllows(ProtoField f) {
        if (icmpType == null || !f.protocol().equals(icmpProto) || f.offsetBits() < 32) {
            return true;
        }
        int t = icmpType;
        List<String> allowed;
        if (f.protocol().equals("icmp")) {
            allowed = switch (t) {
                case 0, 8, 13, 14, 15, 16, 17, 18 -> List.of("id", "sequence");
                case 5 -> List.of("gateway");
                case 3 -> List.of("mtu");
                default -> List.of();
            };
        } else {
            allowed = switch (t) {
                case 128, 129 -> List.of("id", "sequence");
                case 2 -> List.of("mtu");
                case 4 -> List.of("parameter-problem");
                case 130, 131, 132 -> List.of("max-delay");
                default -> List.of();
            };
        }
        return allowed.isEmpty() || allowed.contains(f.name());
    }

    /** A payload field is used: kill the dependency that proved its protocol (payload_dependency_kill). */
    private void used(ProtoField f) {
        if (f.protocol().equals("th")) {
            return;
        }
        // fields that exist only for one ICMP type carry that type as an implicit dependency (icmp_dep):
        // icmpv6 mtu needs "icmpv6 type packet-too-big", which nft then does not print
        if (icmpTypeEntry != null && !icmpTypeEntry.removed && f.protocol().equals(icmpProto) && icmpType != null) {
            if (Protocols.icmpTypeOf(f.protocol(), f.name()) == icmpType) {
                icmpTypeEntry.removed = true;
                icmpTypeEntry = null;
            }
        }
        int slot = f.base().code();
        if (slot > 2) {
            return;
        }
        Entry dep = slots[slot];
        if (dep != null && !dep.removed && dep.proves != null && dep.proves.name().equals(f.protocol())) {
            boolean keep = dep.payloadDep && f.base() == HeaderBase.TRANSPORT
                    && (family == Family.INET || family == Family.BRIDGE || family == Family.NETDEV);
            // nft keeps "ether type 8021q" when the vlan field is "vlan type" (payload_may_dependency_kill)
            keep |= f.nftName().equals("vlan type");
            if (!keep) {
                dep.removed = true;
                slots[slot] = null;
            }
        }
    }

    /** Registers the protocol proven by an exact match (payload_dependency_store) and updates the context. */
    private void proves(Entry en, NExpr left, byte[] value) {
        Protocol p = null;
        HeaderBase at = null;
        int nfproto = 0;
        boolean payloadDep = false;
        if (left instanceof NExpr.Meta m) {
            MetaKeyInfo k = m.key();
            long v = k.type().toLong(value);
            if (k == MetaKeyInfo.NFPROTO) {
                p = Protocols.byNfproto((int) v).orElse(null);
                at = HeaderBase.NETWORK;
                nfproto = (int) v;
            } else if (k == MetaKeyInfo.PROTOCOL) {
                p = Protocols.byEtherType((int) v).orElse(null);
                at = HeaderBase.NETWORK;
                nfproto = v == 0x0800 ? 2 : v == 0x86dd ? 10 : 0;
            } else if (k == MetaKeyInfo.L4PROTO) {
                p = Protocols.byL4proto((int) v).orElse(null);
                at = HeaderBase.TRANSPORT;
                metaMayKill((int) v);
            } else if (k == MetaKeyInfo.IIFTYPE && v == 1) {
                p = Protocols.ETHER;
                at = HeaderBase.LL;
            }
        } else if (left instanceof NExpr.Field f) {
            ProtoField pf = f.field();
            long v = pf.type().toLong(value);
            if (pf.nftName().equals("ether type") || pf.nftName().equals("vlan type")) {
                p = Protocols.byEtherType((int) v).orElse(null);
                at = p == Protocols.VLAN ? HeaderBase.LL : HeaderBase.NETWORK;
                payloadDep = true;
                nfproto = v == 0x0800 ? 2 : v == 0x86dd ? 10 : 0;
            } else if (pf.nftName().equals("ip protocol") || pf.nftName().equals("ip6 nexthdr")) {
                p = Protocols.byL4proto((int) v).orElse(null);
                at = HeaderBase.TRANSPORT;
                payloadDep = true;
            }
        }
        if (p == null || at == null) {
            return;
        }
        en.proves = p;
        en.provesAt = at;
        en.nfproto = nfproto;
        en.payloadDep = payloadDep;
        slots[at.code()] = en;
        switch (at) {
            case LL -> ll = p;
            case NETWORK -> net = p;
            case TRANSPORT -> trans = p;
            default -> {
            }
        }
    }

    /** meta_may_dependency_kill: {@code meta l4proto icmp} makes a preceding {@code meta nfproto ipv4} redundant. */
    private void metaMayKill(int l4proto) {
        Entry dep = slots[HeaderBase.NETWORK.code()];
        if (dep == null || dep.removed || dep.nfproto == 0) {
            return;
        }
        if ((l4proto == 1 && dep.nfproto == 2) || (l4proto == 58 && dep.nfproto == 10)) {
            dep.removed = true;
            slots[HeaderBase.NETWORK.code()] = null;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // bitwise, cmp, range

    private void bitwise(Bitwise b) {
        Reg src = get(b.sreg());
        if (b.op() == BitwiseOp.BOOL) {
            byte[] mask = b.mask().bytes();
            byte[] xor = b.xor().bytes();
            BigInteger m = new BigInteger(1, mask);
            BigInteger x = new BigInteger(1, xor);
            BigInteger all = BigInteger.ONE.shiftLeft(mask.length * 8).subtract(BigInteger.ONE);
            if (src.load != null && src.mask == null && src.expr == null && x.signum() == 0) {
                put(b.dreg(), new Reg(null, src.len, src.load, m, src.swapped, null));
                return;
            }
            if (src.load != null && src.mask == null && src.expr == null) {
                // a read-modify-write of header bits (ip ecn set ce): remembered for the payload write
                writes.put(reg32(b.dreg()), new BigInteger[]{m, x});
            }
            NExpr left = exprOf(src);
            Datatype t = left.type();
            NExpr res;
            if (x.signum() == 0 && left instanceof NExpr.Binop && rawRooted(left)) {
                res = new NExpr.Binop("&", left, hexValue(m)); // a mask after a shift of a raw payload
            } else if (x.signum() == 0) {
                res = new NExpr.Binop("&", left, typed(t, mask, src.swapped));
            } else if (x.and(m).signum() == 0) {
                // nft shows (a & m) ^ x with x outside m as an OR: a & (m | x) | x
                BigInteger m2 = m.or(x);
                NExpr base = m2.equals(all) ? left
                        : new NExpr.Binop("&", left, typed(t, toBytes(m2, mask.length), src.swapped));
                res = new NExpr.Binop("|", base, typed(t, xor, src.swapped));
            } else if (m.equals(all)) {
                res = new NExpr.Binop("^", left, typed(t, xor, src.swapped));
            } else {
                res = new NExpr.Binop("^", new NExpr.Binop("&", left, typed(t, mask, src.swapped)),
                        typed(t, xor, src.swapped));
            }
            put(b.dreg(), Reg.of(res, src.len));
        } else {
            long n0 = b.shift().map(v -> new BigInteger(1, reverseIfHost(v.bytes())).longValue()).orElse(0L);
            Optional<ProtoField> shiftedField = b.op() == BitwiseOp.RSHIFT && src.load != null
                    && src.mask != null && src.expr == null && n0 == src.mask.getLowestSetBit()
                    ? maskedField(src) : Optional.empty();
            NExpr left;
            if (src.load != null && src.mask != null) {
                // nft leaves a shifted masked load raw: (@nh,8,8 & 0xfc) >> 2
                left = new NExpr.Binop("&", new NExpr.RawPayload(src.load.base, src.load.offsetBits,
                        src.load.lengthBits), hexValue(src.mask));
            } else {
                left = exprOf(src);
            }
            long n = b.shift().map(v -> new BigInteger(1, reverseIfHost(v.bytes())).longValue()).orElse(0L);
            Datatype it = Datatype.INTEGER.withSize(32, Endian.BIG);
            NExpr res = new NExpr.Binop(b.op() == BitwiseOp.LSHIFT ? "<<" : ">>", left,
                    new NExpr.Value(it, it.toBytes(n, 4)));
            // payload + mask + rshift is the shifted sub-byte field (ip dscp) where nft's
            // relational_binop_postprocess sees it (set matches); map keys stay raw in nft 1.0.6
            shiftedField.ifPresent(f -> shiftedFields.put(res, f));
            put(b.dreg(), Reg.of(res, src.len));
        }
    }

    private static byte[] toBytes(BigInteger v, int len) {
        byte[] mag = v.toByteArray();
        byte[] out = new byte[len];
        int n = Math.min(mag.length, len);
        System.arraycopy(mag, mag.length - n, out, len - n, n);
        return out;
    }

    /** Raw {@code (payload & mask) >> shift} expressions that are exactly a sub-byte header field. */
    private final Map<NExpr, ProtoField> shiftedFields = new java.util.IdentityHashMap<>();

    /** Bitwise mask and xor applied to a raw load, by destination register (for payload writes). */
    private final Map<Integer, BigInteger[]> writes = new HashMap<>();

    private static byte[] reverseIfHost(byte[] b) {
        byte[] r = b.clone();
        if (java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN) {
            for (int i = 0, j = r.length - 1; i < j; i++, j--) {
                byte t = r[i];
                r[i] = r[j];
                r[j] = t;
            }
        }
        return r;
    }

    /** A constant of the left side's type (big-endian when a byteorder expression swapped the register). */
    private static NExpr typed(Datatype t, byte[] b, boolean swapped) {
        if (t == Datatype.INVALID || (t.kind() == Datatype.Kind.RAW)) {
            return NExpr.raw(b);
        }
        Datatype tt = t;
        if (swapped && t.endian() == Endian.HOST) {
            tt = t.withSize(t.bits(), Endian.BIG);
        }
        if (tt.bits() != b.length * 8 && tt.kind() != Datatype.Kind.IPV4 && tt.kind() != Datatype.Kind.IPV6) {
            tt = tt.withSize(b.length * 8, tt.endian());
        }
        return new NExpr.Value(tt, b);
    }

    private static String opText(CmpOp op) {
        return switch (op) {
            case EQ -> "";
            case NEQ -> "!=";
            case LT -> "<";
            case LTE -> "<=";
            case GT -> ">";
            case GTE -> ">=";
        };
    }

    private void cmp(Cmp c) {
        byte[] data = c.data().bytes();
        Reg r = get(c.sreg());
        String op = opText(c.op());
        if (data.length > r.len && r.len > 0) {
            // concatenation compared as a whole
            List<Reg> parts = gather(c.sreg(), data.length);
            if (parts.size() > 1) {
                List<NExpr> ls = new ArrayList<>();
                List<NExpr> rs = new ArrayList<>();
                int off = 0;
                for (Reg p : parts) {
                    NExpr pe = exprOf(p);
                    ls.add(pe);
                    int l = Math.min(p.len, data.length - off);
                    rs.add(typed(pe.type(), Arrays.copyOfRange(data, off, off + l), p.swapped));
                    off += (p.len + 3) / 4 * 4;
                }
                match(new NExpr.Concat(ls), op, new NExpr.Concat(rs));
                return;
            }
        }
        if (r.load != null && r.expr == null) {
            payloadCmp(r, c.op(), data);
            return;
        }
        NExpr left = exprOf(r);
        if (left instanceof NExpr.Binop && rawRooted(left)) {
            // (@nh,8,8 & 0xfc) >> 2 & 0x8 == 0x8: constants of raw payloads print in hex, and a compare shorter
            // than the register as nft prints it, a prefix of the top bytes ((@nh,0,16 & 0xfc0) >> 6 ... 0x200/8)
            BigInteger v = new BigInteger(1, data);
            NExpr right = hexValue(v);
            if (data.length < r.len) {
                BigInteger top = v.shiftLeft(8 * (r.len - data.length));
                right = new NExpr.Text("0x" + top.toString(16) + "/" + 8 * data.length,
                        Json.obj("prefix", Json.obj().put("addr", NExpr.number(top)).put("len", 8 * data.length)),
                        Datatype.INTEGER);
            }
            match(left, c.op() == CmpOp.EQ ? "==" : opText(c.op()), right);
            return;
        }
        matchValue(left, c.op(), data, r.swapped);
    }

    /** Whether the leftmost operand of an expression is a raw payload ({@code @nh,8,8 ...}). */
    private static boolean rawRooted(NExpr e) {
        NExpr x = e;
        while (x instanceof NExpr.Binop b) {
            x = b.left();
        }
        return x instanceof NExpr.RawPayload;
    }

    /** A match of a plain (non-payload) expression with a constant. */
    private void matchValue(NExpr left, CmpOp op, byte[] data, boolean swapped) {
        Datatype t = left.type();
        if (left instanceof NExpr.Binop b && b.op().equals("&") && b.right() instanceof NExpr.Value mv
                && (op == CmpOp.EQ || op == CmpOp.NEQ)) {
            NExpr inner = b.left();
            Datatype it = inner.type();
            BigInteger mask = mv.big();
            if (inner instanceof NExpr.Text tx && tx.text().equals("frag more-fragments") && mask.intValue() == 1) {
                match(inner, op == CmpOp.EQ ? "" : "!=", new NExpr.Value(Datatype.INTEGER.withSize(8, Endian.BIG),
                        data));
                return;
            }
            if (inner instanceof NExpr.Text tx && tx.text().equals("frag more-fragments") && mask.intValue() == 6) {
                Datatype ft = Datatype.INTEGER.withSize(8, Endian.BIG);
                NExpr r2 = new NExpr.Text("frag reserved2", Json.obj("exthdr", Json.obj().put("name", "frag")
                        .put("field", "reserved2")), ft);
                match(r2, op == CmpOp.EQ ? "" : "!=", new NExpr.Value(ft, ft.toBytes(new BigInteger(1, data)
                        .shiftRight(1), 1)));
                return;
            }
            if (inner instanceof NExpr.Text tx && tx.text().equals("frag frag-off") && mask.intValue() == 0xfff8) {
                // the 13-bit fragment offset above three flag bits
                BigInteger fv = new BigInteger(1, data).shiftRight(3);
                Datatype ft = Datatype.INTEGER.withSize(16, Endian.BIG);
                match(inner, op == CmpOp.EQ ? "" : "!=", new NExpr.Value(ft, ft.toBytes(fv, 2)));
                return;
            }
            BigInteger val = it.toBig(data);
            if (it.kind() == Datatype.Kind.BITMASK) {
                flagMatch(inner, op, mask, val, data.length);
                return;
            }
            if (it.kind() == Datatype.Kind.CT_LABEL && val.signum() == 0 && mask.bitCount() == 1) {
                int bit = mask.getLowestSetBit();
                String neg = op == CmpOp.EQ ? " ! " : " ";
                emitExpr(new Stmt(inner.text() + neg + bit, Json.obj("match", Json.obj()
                        .put("op", op == CmpOp.EQ ? "!" : "in").put("left", inner.json()).put("right", bit))));
                return;
            }
            int bits = data.length * 8;
            int ones = mask.bitCount();
            BigInteger prefixMask = BigInteger.ONE.shiftLeft(ones).subtract(BigInteger.ONE).shiftLeft(bits - ones);
            if (ones > 0 && mask.equals(prefixMask) && SetCatalog.prefixType(it) && !swapped) {
                NExpr pfx = new NExpr.Prefix(new NExpr.Value(it, data), ones);
                Entry en = match(inner, op == CmpOp.EQ ? "" : "!=", pfx);
                return;
            }
            match(left, op == CmpOp.EQ ? "==" : "!=", typed(it, data, swapped));
            return;
        }
        if ((op == CmpOp.EQ || op == CmpOp.NEQ) && SetCatalog.prefixType(t) && !swapped
                && data.length < t.byteLength()) {
            // a shorter compare is a byte-aligned prefix: ct original ip saddr 10.0.0.0/8
            NExpr pfx = new NExpr.Prefix(new NExpr.Value(t, Arrays.copyOf(data, t.byteLength())), data.length * 8);
            match(left, op == CmpOp.EQ ? "" : "!=", pfx);
            return;
        }
        NExpr right = typed(t, data, swapped);
        if (t.kind() == Datatype.Kind.BITMASK && (op == CmpOp.EQ || op == CmpOp.NEQ)) {
            match(left, op == CmpOp.EQ ? "==" : "!=", exactFlags(right.type(), data, op));
            return;
        }
        if (left instanceof NExpr.Meta m && m.key().type().kind() == Datatype.Kind.STRING) {
            right = stringValue(m.key().type(), data);
        } else if (left instanceof NExpr.Meta m && m.key().type().kind() == Datatype.Kind.IFINDEX) {
            right = ifindexValue(data);
        } else if (left instanceof NExpr.Ct ct && ct.type().kind() == Datatype.Kind.STRING) {
            right = stringValue(ct.type(), data);
        }
        Entry en = match(left, opText(op), right);
        if (op == CmpOp.EQ) {
            proves(en, left, data);
        }
    }

    /** Interface names: a compare shorter than the name length without NUL is a wildcard {@code "eth*"}. */
    private static NExpr stringValue(Datatype t, byte[] data) {
        String s = Datatype.string(data);
        boolean wildcard = true;
        for (byte b : data) {
            if (b == 0) {
                wildcard = false;
                break;
            }
        }
        // a name that really ends in '*' is escaped, so that it does not read as a wildcard
        String shown = wildcard ? s + "*" : s.endsWith("*") ? s.substring(0, s.length() - 1) + "\\*" : s;
        return new NExpr.Text("\"" + shown + "\"", shown, t);
    }

    private NExpr ifindexValue(byte[] data) {
        long idx = Datatype.IFACE_INDEX.toLong(data);
        Optional<String> name = ifnames.apply((int) idx);
        if (name.isPresent()) {
            return new NExpr.Text("\"" + name.get() + "\"", name.get(), Datatype.IFACE_INDEX);
        }
        // nft -j shows an index without a name as a string too
        return new NExpr.Text(Long.toString(idx), Long.toString(idx), Datatype.IFACE_INDEX);
    }

    /**
     * A whole flag value compared exactly: one flag by name ({@code tcp flags == rst}); several as nft 1.0.6 shows
     * them, hex after {@code ==} ({@code tcp flags == 0x3}) and an OR of names after {@code !=}
     * ({@code ct status != snat | dnat}).
     */
    private static NExpr exactFlags(Datatype t, byte[] data, CmpOp op) {
        BigInteger v = t.toBig(data);
        if (v.bitCount() <= 1) {
            return new NExpr.Value(t, data);
        }
        if (op == CmpOp.EQ) {
            return new NExpr.Text("0x" + v.toString(16), NExpr.number(v), t);
        }
        return SetCatalog.value(t, data);
    }

    /** Flag tests on bitmask types: {@code ct state established,related}, {@code tcp flags syn / syn,ack}. */
    private void flagMatch(NExpr inner, CmpOp op, BigInteger mask, BigInteger val, int len) {
        Datatype it = inner.type();
        NExpr.Flags maskFlags = flags(it, mask, len);
        if (val.signum() == 0 && op == CmpOp.NEQ) {
            emitExpr(new Stmt(inner.text() + " " + maskFlags.text(),
                    Json.obj("match", Json.obj().put("op", "in").put("left", inner.json())
                            .put("right", maskFlags.json()))));
            return;
        }
        if (val.signum() == 0 && op == CmpOp.EQ) {
            emitExpr(new Stmt(inner.text() + " ! " + maskFlags.text(),
                    Json.obj("match", Json.obj().put("op", "!").put("left", inner.json())
                            .put("right", maskFlags.json()))));
            return;
        }
        NExpr.Flags valFlags = flags(it, val, len);
        String opTxt = op == CmpOp.EQ ? " " : " != ";
        Json.Obj left = Json.obj("&", Json.arr(inner.json(), maskFlags.json()));
        emitExpr(new Stmt(inner.text() + opTxt + valFlags.text() + " / " + maskFlags.text(),
                Json.obj("match", Json.obj().put("op", op == CmpOp.EQ ? "==" : "!=").put("left", left)
                        .put("right", valFlags.json()))));
    }

    private static NExpr.Flags flags(Datatype t, BigInteger v, int len) {
        String s = t.formatBits(t.toBytes(v, len), ",");
        return new NExpr.Flags(t, List.of(s.split(",")));
    }

    /** A payload load compared with a constant: fields, sub-byte fields, prefixes by mask or by short load. */
    private void payloadCmp(Reg r, CmpOp op, byte[] data) {
        Load l = r.load;
        String eqOp = op == CmpOp.EQ ? "" : opText(op);
        boolean eqOrNeq = op == CmpOp.EQ || op == CmpOp.NEQ;
        if (r.mask != null) {
            int loadBits = l.lengthBits;
            BigInteger mask = r.mask;
            int ones = mask.bitCount();
            int low = mask.getLowestSetBit();
            int high = mask.bitLength();
            boolean contiguous = ones > 0 && high - low == ones;
            if (ones == 0 && eqOrNeq) {
                Optional<ProtoField> whole = fieldStartingAt(l, true);
                if (whole.isPresent()) {
                    // a zero mask is a zero-length prefix: ip saddr 0.0.0.0/0
                    ProtoField pf = whole.get();
                    used(pf);
                    match(new NExpr.Field(pf), eqOp, new NExpr.Prefix(new NExpr.Value(pf.type(),
                            new byte[pf.lengthBits() / 8]), 0));
                    return;
                }
            }
            if (contiguous) {
                int fOff = l.offsetBits + (loadBits - high);
                Optional<ProtoField> f = fieldOf(l, fOff, ones);
                if (f.isPresent()) {
                    ProtoField pf = f.get();
                    used(pf);
                    NExpr fe = new NExpr.Field(pf);
                    BigInteger v = new BigInteger(1, data).shiftRight(low);
                    byte[] vb = pf.type().toBytes(v, Math.max(1, (pf.lengthBits() + 7) / 8));
                    if (pf.type().kind() == Datatype.Kind.BITMASK) {
                        matchField(fe, op, vb);
                        return;
                    }
                    Entry en = match(fe, eqOp, new NExpr.Value(pf.type(), vb));
                    if (op == CmpOp.EQ) {
                        proves(en, fe, vb);
                    }
                    return;
                }
                // a prefix of a field that starts where the load starts: ip saddr 10.0.0.0/12
                if (high == loadBits && eqOrNeq) {
                    Optional<ProtoField> whole = fieldStartingAt(l, true);
                    if (whole.isPresent()) {
                        ProtoField pf = whole.get();
                        used(pf);
                        byte[] full = Arrays.copyOf(data, pf.lengthBits() / 8);
                        match(new NExpr.Field(pf), eqOp, new NExpr.Prefix(new NExpr.Value(pf.type(), full), ones));
                        return;
                    }
                }
            }
            // a field with a mask inside it (tcp flags & (fin|syn), ip frag-off & 0x1fff)
            Optional<ProtoField> f = fieldOf(l, l.offsetBits, l.lengthBits);
            if (f.isPresent()) {
                ProtoField pf = f.get();
                used(pf);
                NExpr fe = new NExpr.Field(pf);
                if (pf.type().kind() == Datatype.Kind.BITMASK && eqOrNeq) {
                    flagMatch(fe, op, mask, pf.type().toBig(data), data.length);
                    return;
                }
                NExpr left = new NExpr.Binop("&", fe, new NExpr.Value(pf.type(), pf.type().toBytes(mask, r.len)));
                match(left, op == CmpOp.EQ ? "==" : opText(op), new NExpr.Value(pf.type(), data));
                return;
            }
            NExpr raw = new NExpr.RawPayload(l.base, l.offsetBits, l.lengthBits);
            match(new NExpr.Binop("&", raw, hexValue(mask)), op == CmpOp.EQ ? "==" : opText(op),
                    hexValue(new BigInteger(1, data)));
            return;
        }
        Optional<ProtoField> f = fieldOf(l, l.offsetBits, l.lengthBits);
        if (f.isPresent()) {
            ProtoField pf = f.get();
            used(pf);
            NExpr fe = new NExpr.Field(pf);
            matchField(fe, op, data);
            return;
        }
        // shorter load at a field's start: a byte-aligned prefix (ip saddr 10.0.0.0/8)
        Optional<ProtoField> whole = fieldStartingAt(l, false);
        if (whole.isPresent() && eqOrNeq) {
            ProtoField pf = whole.get();
            used(pf);
            byte[] full = Arrays.copyOf(data, pf.lengthBits() / 8);
            match(new NExpr.Field(pf), eqOp, new NExpr.Prefix(new NExpr.Value(pf.type(), full), l.lengthBits));
            return;
        }
        // one load covering several adjacent fields (nft merges them): split it back (payload_expr_expand)
        if (op == CmpOp.EQ) {
            List<ProtoField> fields = coveringFields(l);
            if (!fields.isEmpty()) {
                int off = 0;
                for (ProtoField pf : fields) {
                    int n = pf.lengthBits() / 8;
                    byte[] part = Arrays.copyOfRange(data, off, off + n);
                    off += n;
                    used(pf);
                    matchField(new NExpr.Field(pf), op, part);
                }
                return;
            }
        }
        NExpr raw = new NExpr.RawPayload(l.base, l.offsetBits, l.lengthBits);
        match(raw, eqOp, hexValue(new BigInteger(1, data)));
    }

    /** Integers of raw payloads print in hex ({@code 0xfc}), as nft does for payloads without a field. */
    private static NExpr hexValue(BigInteger v) {
        return new NExpr.Text("0x" + v.toString(16), NExpr.number(v), Datatype.INTEGER);
    }

    /** Byte-aligned fields that exactly tile the load, in order; empty when they do not. */
    private List<ProtoField> coveringFields(Load l) {
        Protocol desc = l.desc;
        if (desc == null && l.base == HeaderBase.TRANSPORT) {
            desc = Protocols.TH_;
        }
        if (desc == null) {
            return List.of();
        }
        List<ProtoField> out = new ArrayList<>();
        int pos = l.offsetBits;
        int end = l.offsetBits + l.lengthBits;
        while (pos < end) {
            ProtoField next = null;
            for (ProtoField f : desc.fields()) {
                if (f.offsetBits() == pos && f.byteAligned() && pos + f.lengthBits() <= end && icmpAllows(f)
                        && !(pos == l.offsetBits && f.lengthBits() == l.lengthBits)) {
                    next = f;
                    break;
                }
            }
            if (next == null) {
                return List.of();
            }
            out.add(next);
            pos += next.lengthBits();
        }
        return out.size() > 1 ? out : List.of();
    }

    private void matchField(NExpr fe, CmpOp op, byte[] data) {
        Datatype t = fe.type();
        if (op == CmpOp.EQ && fe instanceof NExpr.Field f && f.field().name().equals("type")
                && (f.field().protocol().equals("icmp") || f.field().protocol().equals("icmpv6"))) {
            icmpType = (int) t.toLong(data);
            icmpProto = f.field().protocol();
            Entry en = match(fe, "", new NExpr.Value(t, data));
            icmpTypeEntry = en;
            proves(en, fe, data);
            return;
        }
        NExpr right = new NExpr.Value(t, data);
        if (t.kind() == Datatype.Kind.BITMASK) {
            match(fe, op == CmpOp.EQ ? "==" : opText(op),
                    op == CmpOp.EQ || op == CmpOp.NEQ ? exactFlags(t, data, op) : right);
            return;
        }
        Entry en = match(fe, opText(op), right);
        if (op == CmpOp.EQ) {
            proves(en, fe, data);
        }
    }

    /** A prefix-capable field starting where the load starts, longer than it (or as long, for masks). */
    private Optional<ProtoField> fieldStartingAt(Load l, boolean sameLengthOk) {
        if (l.desc == null) {
            return Optional.empty();
        }
        for (ProtoField f : l.desc.fields()) {
            boolean longer = sameLengthOk ? f.lengthBits() >= l.lengthBits : f.lengthBits() > l.lengthBits;
            if (f.offsetBits() == l.offsetBits && longer && f.byteAligned()
                    && (SetCatalog.prefixType(f.type()) || f.type().kind() == Datatype.Kind.LLADDR)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private void range(Range rg) {
        Reg r = get(rg.sreg());
        NExpr left = exprOf(r);
        Datatype t = left.type();
        NExpr lo = typed(t, rg.from().bytes(), r.swapped);
        NExpr hi = typed(t, rg.to().bytes(), r.swapped);
        if (left instanceof NExpr.Meta m && m.key().type().kind() == Datatype.Kind.STRING) {
            lo = stringValue(t, rg.from().bytes());
            hi = stringValue(t, rg.to().bytes());
        }
        match(left, rg.op() == RangeOp.EQ ? "" : "!=", new NExpr.Range(lo, hi));
    }

    // ------------------------------------------------------------------------------------------------
    // lookups, maps, sets

    /** The key expression read from sreg for a set of key length {@code len}, with the parts' types. */
    private List<NExpr> keyParts(int sreg, int len) {
        List<Reg> parts = gather(sreg, len);
        List<NExpr> out = new ArrayList<>();
        for (Reg p : parts) {
            out.add(exprOf(p));
        }
        return out;
    }

    private static NExpr keyExpr(List<NExpr> parts) {
        return parts.size() == 1 ? parts.getFirst() : new NExpr.Concat(parts);
    }

    private List<Datatype> partTypes(List<NExpr> parts, NftSet set) {
        List<Datatype> setTypes = SetCatalog.types(set.key(), set.concat());
        List<Datatype> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Datatype t = parts.get(i).type();
            if (t == Datatype.INVALID || t.kind() == Datatype.Kind.RAW) {
                t = i < setTypes.size() ? setTypes.get(i) : Datatype.INVALID;
            }
            if (t.kind() == Datatype.Kind.INTEGER && i < setTypes.size()
                    && setTypes.get(i).kind() != Datatype.Kind.INTEGER) {
                t = setTypes.get(i);
            }
            out.add(t);
        }
        if (out.isEmpty()) {
            return setTypes;
        }
        return out;
    }

    /** The set as nft shows it where a rule uses it: {@code @name} or the anonymous set's elements inline. */
    private NExpr setExpr(String name, List<Datatype> keyTypes, int shift) {
        Optional<NftSet> s = sets.set(name);
        if (s.isEmpty() || !s.get().isAnonymous()) {
            return new NExpr.SetRef(name);
        }
        NftSet set = s.get();
        boolean interval = (set.flags() & NftSet.F_INTERVAL) != 0;
        List<Datatype> dataTypes = set.data().map(d -> SetCatalog.types(d, List.of())).orElse(List.of());
        List<SetElement> raw = sets.elements(name);
        if (shift > 0 && keyTypes.size() == 1) {
            int n = Math.max(1, keyTypes.getFirst().byteLength());
            List<SetElement> shifted = new ArrayList<>();
            for (SetElement e : raw) {
                BigInteger v = new BigInteger(1, e.key().bytes()).shiftRight(shift);
                byte[] kb = keyTypes.getFirst().toBytes(v, n);
                shifted.add(new SetElement(new Data.Value(kb), e.keyEnd(), e.data(), e.objectRef(), e.flags(),
                        e.timeoutMs(), e.expirationMs(), e.userdata(), e.exprs()));
            }
            raw = shifted;
        }
        List<NExpr.Elem> elems = SetCatalog.rebuild(raw, keyTypes, interval,
                e -> e.data().map(d -> dataExpr(d, dataTypes)));
        elems = SetView.stringKeys(elems, keyTypes, ifnames);
        return new NExpr.SetLit(elems, true, keyTypes.size() == 1 ? keyTypes.getFirst() : Datatype.INVALID);
    }

    NExpr dataExpr(Data d, List<Datatype> dataTypes) {
        if (d instanceof Data.Verdict v) {
            return new NExpr.Verdict(v);
        }
        byte[] b = ((Data.Value) d).bytes();
        if (dataTypes.size() <= 1) {
            Datatype t = dataTypes.isEmpty() ? Datatype.INVALID : dataTypes.getFirst();
            Datatype at = t.kind() == Datatype.Kind.IPV4 ? Datatype.IPV4_ADDR
                    : t.kind() == Datatype.Kind.IPV6 ? Datatype.IPV6_ADDR : null;
            if (at != null && b.length == 2 * at.byteLength()) {
                // interval data (nat prefix maps): start and end address, shown as a prefix or range
                int tl = at.byteLength();
                return SetCatalog.rangeExpr(at, tl, new BigInteger(1, Arrays.copyOfRange(b, 0, tl)),
                        new BigInteger(1, Arrays.copyOfRange(b, tl, 2 * tl)));
            }
            if (t.kind() == Datatype.Kind.STRING) {
                return stringValue(t, b);
            }
            return SetCatalog.value(t, b);
        }
        List<NExpr> parts = new ArrayList<>();
        int off = 0;
        for (Datatype t : dataTypes) {
            int len = Math.max(1, t.byteLength());
            if (off + len > b.length) {
                break;
            }
            parts.add(new NExpr.Value(t, Arrays.copyOfRange(b, off, off + len)));
            off += (len + 3) / 4 * 4;
        }
        return new NExpr.Concat(parts);
    }

    private void lookup(Lookup lk) {
        Optional<NftSet> s = sets.set(lk.set());
        int keyLen = s.map(x -> x.key().length()).orElse(get(lk.sreg()).len);
        List<NExpr> parts0 = keyParts(lk.sreg(), keyLen);
        if (lk.dreg().isEmpty() && parts0.size() == 1 && shiftedFields.containsKey(parts0.getFirst())) {
            ProtoField f = shiftedFields.get(parts0.getFirst());
            used(f);
            parts0 = List.of(new NExpr.Field(f));
        }
        List<NExpr> parts = parts0;
        NExpr key = keyExpr(parts);
        List<Datatype> types = s.map(x -> partTypes(parts, x)).orElse(List.of(key.type()));
        int shift = parts.size() == 1 ? maskShift(get(lk.sreg())) : 0;
        NExpr setE = setExpr(lk.set(), types, shift);
        boolean inv = (lk.flags() & Lookup.F_INV) != 0;
        if (lk.dreg().isPresent()) {
            int dreg = lk.dreg().getAsInt();
            boolean verdict = s.flatMap(NftSet::data).map(d -> d.type() == DataSpec.VERDICT).orElse(dreg == 0);
            Datatype dt = s.flatMap(NftSet::data).map(d -> SetCatalog.types(d, List.of()).getFirst())
                    .orElse(Datatype.INVALID);
            if (dreg == 0 || verdict) {
                emitExpr(new Stmt(key.text() + " vmap " + setE.text(),
                        Json.obj("vmap", Json.obj().put("key", key.json()).put("data", setE.json()))));
                return;
            }
            int dlen = s.flatMap(NftSet::data).map(DataSpec::length).orElse(4);
            NExpr map = new NExpr.MapLookup(key, setE, false, dt);
            put(dreg, Reg.of(map, dlen));
            return;
        }
        match(key, inv ? "!=" : "", setE);
    }

    private void objrefMap(ObjrefMap o) {
        Optional<NftSet> s = sets.set(o.set());
        int keyLen = s.map(x -> x.key().length()).orElse(get(o.sreg()).len);
        List<NExpr> parts = keyParts(o.sreg(), keyLen);
        NExpr key = keyExpr(parts);
        List<Datatype> types = s.map(x -> partTypes(parts, x)).orElse(List.of(key.type()));
        NExpr setE = objSetExpr(o.set(), types);
        int type = s.flatMap(x -> x.objectType().isPresent() ? Optional.of(x.objectType().getAsInt())
                : Optional.empty()).orElse(1);
        String kind = objTypeName(type);
        emit(new Stmt(kind + " name " + key.text() + " map " + setE.text(),
                Json.obj(kind, Json.obj("map", Json.obj().put("key", key.json()).put("data", setE.json())))));
    }

    private NExpr objSetExpr(String name, List<Datatype> keyTypes) {
        Optional<NftSet> s = sets.set(name);
        if (s.isEmpty() || !s.get().isAnonymous()) {
            return new NExpr.SetRef(name);
        }
        boolean interval = (s.get().flags() & NftSet.F_INTERVAL) != 0;
        List<NExpr.Elem> elems = SetCatalog.rebuild(sets.elements(name), keyTypes, interval,
                e -> e.objectRef().map(n -> new NExpr.Text("\"" + n + "\"", n, Datatype.STRING)));
        elems = SetView.stringKeys(elems, keyTypes, ifnames);
        return new NExpr.SetLit(elems, true, keyTypes.size() == 1 ? keyTypes.getFirst() : Datatype.INVALID);
    }

    static String objTypeName(int type) {
        return switch (type) {
            case 1 -> "counter";
            case 2 -> "quota";
            case 3 -> "ct helper";
            case 4 -> "limit";
            case 5 -> "ct count";
            case 7 -> "ct timeout";
            case 8 -> "secmark";
            case 9 -> "ct expectation";
            case 10 -> "synproxy";
            default -> "object";
        };
    }

    static Stmt connlimit(Connlimit c) {
        boolean over = (c.flags() & Connlimit.F_INV) != 0;
        Json.Obj o = Json.obj("val", c.count());
        if (over) {
            o.put("inv", true);
        }
        return new Stmt("ct count " + (over ? "over " : "") + c.count(), Json.obj("ct count", o));
    }

    private Stmt objref(Objref o) {
        String kind = objTypeName(o.type());
        boolean set = o.type() == 3 || o.type() == 7 || o.type() == 9;
        return new Stmt(kind + " " + (set ? "set " : "name ") + "\"" + o.objectName() + "\"",
                Json.obj(kind.replace(' ', '_').equals("ct_helper") ? "ct helper" : kind, o.objectName()));
    }

    private void immediate(Immediate i) {
        if (i.dreg() == 0) {
            if (i.data() instanceof Data.Verdict v) {
                NExpr.Verdict ve = new NExpr.Verdict(v);
                emit(new Stmt(ve.text(), ve.json()));
            }
            return;
        }
        if (i.data() instanceof Data.Value v) {
            put(i.dreg(), new Reg(null, v.length(), null, null, false, v));
        } else if (i.data() instanceof Data.Verdict v) {
            put(i.dreg(), Reg.of(new NExpr.Verdict(v), 4));
        }
    }

    /** A register as a value of {@code t}: immediates get the consumer's type. */
    private NExpr valueAs(Reg r, Datatype t) {
        if (r.immediate != null) {
            byte[] b = r.immediate.bytes();
            if (t.kind() == Datatype.Kind.STRING) {
                return stringValue(t, b);
            }
            Datatype tt = t;
            if (t.bits() != b.length * 8 && t.kind() != Datatype.Kind.IPV4 && t.kind() != Datatype.Kind.IPV6
                    && t.kind() != Datatype.Kind.BOOLEAN) {
                tt = t.withSize(b.length * 8, t.endian() == Endian.NONE ? Endian.HOST : t.endian());
            }
            return new NExpr.Value(tt, b);
        }
        return exprOf(r);
    }

    private void metaSet(MetaSet m) {
        Optional<MetaKeyInfo> k = MetaKeyInfo.of(m.key().value());
        Reg r = get(m.sreg());
        if (k.isEmpty()) {
            emit(new Stmt("meta unknown set " + exprOf(r).text(), Json.obj("mangle", null)));
            return;
        }
        MetaKeyInfo key = k.get();
        NExpr v = valueAs(r, key.type());
        String t = key.nftText() + " set " + v.text();
        emit(new Stmt(t, Json.obj("mangle", Json.obj().put("key", new NExpr.Meta(key).json()).put("value", v.json()))));
    }

    private void ctSet(CtSet c) {
        Optional<CtKeyInfo> k = CtKeyInfo.of(c.key().value());
        Reg r = get(c.sreg());
        if (k.isEmpty()) {
            emit(new Stmt("ct unknown set " + exprOf(r).text(), Json.obj("mangle", null)));
            return;
        }
        Optional<String> dir = c.direction().map(d -> d.code() == 0 ? "original" : "reply");
        NExpr.Ct left = new NExpr.Ct(k.get(), dir, k.get().type());
        NExpr v = valueAs(r, k.get().type());
        if (k.get() == CtKeyInfo.LABELS && r.immediate != null) {
            NExpr lv = new NExpr.Value(Datatype.CT_LABEL, r.immediate.bytes());
            String txt = lv.text();
            v = new NExpr.Text(txt, txt.startsWith("0x") ? txt : (Object) Long.parseLong(txt), Datatype.CT_LABEL);
        }
        emit(new Stmt(left.text() + " set " + v.text(),
                Json.obj("mangle", Json.obj().put("key", left.json()).put("value", v.json()))));
    }

    // ------------------------------------------------------------------------------------------------
    // stateful and terminal statements

    private static String timeUnit(long unit) {
        return switch ((int) unit) {
            case 1 -> "second";
            case 60 -> "minute";
            case 3600 -> "hour";
            case 86400 -> "day";
            case 604800 -> "week";
            default -> "error";
        };
    }

    /** nft's get_rate: bytes in the largest of bytes/kbytes/mbytes that divides evenly. */
    static String[] byteRate(long bytes) {
        String[] units = {"bytes", "kbytes", "mbytes"};
        long v = bytes;
        int i = 0;
        while (i < units.length - 1 && v != 0 && v % 1024 == 0) {
            v /= 1024;
            i++;
        }
        return new String[]{Long.toString(v), units[i]};
    }

    static Stmt limit(Limit l, boolean object) {
        boolean over = (l.flags() & Limit.F_INV) != 0;
        StringBuilder sb = new StringBuilder(object ? "rate " : "limit rate ");
        Json.Obj o = Json.obj();
        if (l.type() == LimitType.PKTS) {
            sb.append(over ? "over " : "").append(l.rate()).append('/').append(timeUnit(l.unit()));
            o.put("rate", l.rate()).put("per", timeUnit(l.unit()));
            if (l.burst() != 0 && l.burst() != 5) {
                sb.append(" burst ").append(l.burst()).append(" packets");
            }
            o.put("burst", l.burst());
        } else {
            String[] r = byteRate(l.rate());
            sb.append(over ? "over " : "").append(r[0]).append(' ').append(r[1]).append('/')
                    .append(timeUnit(l.unit()));
            o.put("rate", Long.parseLong(r[0])).put("rate_unit", r[1]).put("per", timeUnit(l.unit()));
            String[] b = byteRate(l.burst());
            if (l.burst() != 0) {
                sb.append(" burst ").append(b[0]).append(' ').append(b[1]);
            }
            o.put("burst", Long.parseLong(b[0])).put("burst_unit", b[1]);
        }
        if (over) {
            o.put("inv", true);
        }
        return new Stmt(sb.toString(), Json.obj("limit", o));
    }

    static Stmt quota(Quota q, boolean object) {
        boolean over = (q.flags() & Quota.F_INV) != 0;
        String[] b = byteRate(q.bytes());
        StringBuilder sb = new StringBuilder(object ? "" : "quota ");
        sb.append(over ? "over " : "").append(b[0]).append(' ').append(b[1]);
        Json.Obj o = Json.obj().put("val", Long.parseLong(b[0])).put("val_unit", b[1]);
        if (q.consumed() != 0) {
            String[] u = byteRate(q.consumed());
            sb.append(" used ").append(u[0]).append(' ').append(u[1]);
            o.put("used", Long.parseLong(u[0])).put("used_unit", u[1]);
        }
        if (over) {
            o.put("inv", true);
        }
        return new Stmt(sb.toString(), Json.obj("quota", o));
    }

    private static final String[] LEVELS = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
        "audit"};

    private static Stmt log(Log l) {
        StringBuilder sb = new StringBuilder("log");
        Json.Obj o = Json.obj();
        l.prefix().ifPresent(p -> {
            sb.append(" prefix \"").append(p).append('"');
            o.put("prefix", p);
        });
        l.group().ifPresent(g -> {
            sb.append(" group ").append(g);
            o.put("group", g);
        });
        l.snaplen().ifPresent(s -> {
            sb.append(" snaplen ").append(s);
            o.put("snaplen", s);
        });
        l.qthreshold().ifPresent(q -> {
            sb.append(" queue-threshold ").append(q);
            o.put("queue-threshold", q);
        });
        if (l.level().isPresent() && l.level().getAsInt() != 4) {
            int lv = l.level().getAsInt();
            String name = lv >= 0 && lv < LEVELS.length ? LEVELS[lv] : Integer.toString(lv);
            sb.append(" level ").append(name);
            o.put("level", name);
        }
        int f = l.flags().orElse(0);
        List<Object> jf = new ArrayList<>();
        if ((f & 0x2f) == 0x2f) {
            sb.append(" flags all");
            jf.add("all");
        } else {
            if ((f & (Log.F_TCPSEQ | Log.F_TCPOPT)) != 0) {
                sb.append(" flags tcp");
                String d = " ";
                if ((f & Log.F_TCPSEQ) != 0) {
                    sb.append(d).append("sequence");
                    d = ",";
                    jf.add("tcp sequence");
                }
                if ((f & Log.F_TCPOPT) != 0) {
                    sb.append(d).append("options");
                    jf.add("tcp options");
                }
            }
            if ((f & Log.F_IPOPT) != 0) {
                sb.append(" flags ip options");
                jf.add("ip options");
            }
            if ((f & Log.F_UID) != 0) {
                sb.append(" flags skuid");
                jf.add("skuid");
            }
            if ((f & Log.F_MACDECODE) != 0) {
                sb.append(" flags ether");
                jf.add("ether");
            }
        }
        if (!jf.isEmpty()) {
            o.put("flags", jf.size() == 1 ? jf.getFirst() : jf);
        }
        return new Stmt(sb.toString(), Json.obj("log", o.fields.isEmpty() ? null : o));
    }

    private Stmt reject(Reject r) {
        // linux/netfilter/nf_tables.h enum nft_reject_types; enum nft_reject_inet_code
        String t;
        Json.Obj o = null;
        switch (r.type()) {
            case 1 -> {
                t = "reject with tcp reset";
                o = Json.obj("type", "tcp reset");
            }
            case 2 -> {
                String c = Datatype.ICMPX_CODE.format(new byte[]{(byte) r.code()});
                t = r.code() == 1 ? "reject" : "reject with icmpx " + c;
                o = Json.obj().put("type", "icmpx").put("expr", c);
            }
            case 0 -> {
                boolean v6 = family == Family.IP6 || (family != Family.IP && net == Protocols.IP6);
                boolean mixed = family == Family.INET || family == Family.BRIDGE || family == Family.NETDEV;
                if (v6) {
                    String c = Datatype.ICMPV6_CODE.format(new byte[]{(byte) r.code()});
                    // inet, bridge and netdev always name the ICMP family (nft's verbose_print)
                    t = r.code() == 4 && !mixed ? "reject" : "reject with icmpv6 " + c;
                    o = Json.obj().put("type", "icmpv6").put("expr", c);
                } else {
                    String c = Datatype.ICMP_CODE.format(new byte[]{(byte) r.code()});
                    t = r.code() == 3 && !mixed ? "reject" : "reject with icmp " + c;
                    o = Json.obj().put("type", "icmp").put("expr", c);
                }
            }
            default -> t = "reject";
        }
        return new Stmt(t, Json.obj("reject", o));
    }

    private static String natFlags(int flags, List<Object> jf) {
        // linux/netfilter/nf_nat.h NF_NAT_RANGE_*
        StringBuilder sb = new StringBuilder();
        String d = " ";
        if ((flags & 0x04) != 0) {
            sb.append(d).append("random");
            d = ",";
            jf.add("random");
        }
        if ((flags & 0x10) != 0) {
            sb.append(d).append("fully-random");
            d = ",";
            jf.add("fully-random");
        }
        if ((flags & 0x08) != 0) {
            sb.append(d).append("persistent");
            jf.add("persistent");
        }
        if ((flags & 0x40) != 0) {
            // NF_NAT_RANGE_NETMAP: shown as "prefix" in text, listed among the JSON flags
            jf.add("netmap");
        }
        return sb.toString();
    }

    private Stmt nat(Nat n) {
        String kind = n.type() == Nat.SNAT ? "snat" : "dnat";
        boolean v6 = n.family() == 10;
        Datatype at = v6 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR;
        NExpr addr = null;
        if (n.regAddrMin().isPresent()) {
            Reg rmin = get(n.regAddrMin().getAsInt());
            addr = valueAs(rmin, at);
            boolean netmapMap = (n.flags().orElse(0) & 0x40) != 0 && addr instanceof NExpr.MapLookup;
            if (!netmapMap && n.regAddrMax().isPresent()
                    && n.regAddrMax().getAsInt() != n.regAddrMin().getAsInt()) {
                Reg rmax = get(n.regAddrMax().getAsInt());
                NExpr hi = valueAs(rmax, at);
                if (!hi.text().equals(addr.text())) {
                    if (addr instanceof NExpr.Value lo && hi instanceof NExpr.Value hv) {
                        // nft shows an aligned address range as a prefix: snat to 2001:db8::100/120
                        addr = SetCatalog.rangeExpr(at, lo.bytes().length, lo.big(), hv.big());
                    } else {
                        addr = new NExpr.Range(addr, hi);
                    }
                }
            }
        }
        NExpr proto = null;
        boolean protoFromMap = false;
        if (n.regProtoMin().isPresent()) {
            Reg pmin = get(n.regProtoMin().getAsInt());
            if (addr instanceof NExpr.MapLookup && pmin.expr == null && pmin.immediate == null) {
                protoFromMap = true;
            } else if (regs.get(reg32(n.regProtoMin().getAsInt())) == null && addr instanceof NExpr.MapLookup) {
                protoFromMap = true;
            } else {
                proto = valueAs(pmin, Datatype.INET_SERVICE);
                if (n.regProtoMax().isPresent() && n.regProtoMax().getAsInt() != n.regProtoMin().getAsInt()) {
                    NExpr hi = valueAs(get(n.regProtoMax().getAsInt()), Datatype.INET_SERVICE);
                    if (!hi.text().equals(proto.text())) {
                        proto = new NExpr.Range(proto, hi);
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder(kind);
        Json.Obj o = Json.obj();
        if (addr != null || proto != null) {
            if (family == Family.INET || protoFromMap) {
                sb.append(v6 ? " ip6" : " ip");
                o.put("family", v6 ? "ip6" : "ip");
            }
            if ((n.flags().orElse(0) & 0x40) != 0) {
                sb.append(" prefix");
                o.put("type_flags", "prefix");
            }
            sb.append(" to");
        }
        if (addr != null) {
            sb.append(' ');
            if (proto != null && v6) {
                if (addr instanceof NExpr.Range rg) {
                    sb.append('[').append(rg.low().text()).append("]-[").append(rg.high().text()).append(']');
                } else if (addr instanceof NExpr.Value) {
                    sb.append('[').append(addr.text()).append(']');
                } else {
                    sb.append(addr.text());
                }
            } else {
                sb.append(addr.text());
            }
            o.put("addr", addr.json());
        }
        if (proto != null) {
            if (addr == null) {
                sb.append(' ');
            }
            sb.append(':').append(proto.text());
            o.put("port", proto.json());
        }
        List<Object> jf = new ArrayList<>();
        sb.append(natFlags(n.flags().orElse(0), jf));
        if (!jf.isEmpty()) {
            o.put("flags", jf.size() == 1 ? jf.getFirst() : jf);
        }
        return new Stmt(sb.toString(), Json.obj(kind, o.fields.isEmpty() ? null : o));
    }

    private Stmt masqRedir(String kind, OptionalInt flags, OptionalInt pmin, OptionalInt pmax) {
        StringBuilder sb = new StringBuilder(kind);
        Json.Obj o = Json.obj();
        if (pmin.isPresent()) {
            NExpr proto = valueAs(get(pmin.getAsInt()), Datatype.INET_SERVICE);
            if (pmax.isPresent() && pmax.getAsInt() != pmin.getAsInt()) {
                NExpr hi = valueAs(get(pmax.getAsInt()), Datatype.INET_SERVICE);
                if (!hi.text().equals(proto.text())) {
                    proto = new NExpr.Range(proto, hi);
                }
            }
            sb.append(" to :").append(proto.text());
            o.put("port", proto.json());
        }
        List<Object> jf = new ArrayList<>();
        sb.append(natFlags(flags.orElse(0), jf));
        if (!jf.isEmpty()) {
            o.put("flags", jf.size() == 1 ? jf.getFirst() : jf);
        }
        return new Stmt(sb.toString(), Json.obj(kind, o.fields.isEmpty() ? null : o));
    }

    private Stmt dynset(Dynset d) {
        Optional<NftSet> s = sets.set(d.set());
        int keyLen = s.map(x -> x.key().length()).orElse(get(d.sregKey()).len);
        List<NExpr> parts = keyParts(d.sregKey(), keyLen);
        NExpr key = keyExpr(parts);
        String op = d.op() == DynsetOp.UPDATE ? "update" : d.op() == DynsetOp.DELETE ? "delete" : "add";
        StringBuilder sb = new StringBuilder(op).append(" @").append(d.set()).append(" { ").append(key.text());
        if (d.timeoutMs().isPresent() && d.timeoutMs().getAsLong() != 0) {
            sb.append(" timeout ").append(Datatype.formatTime(d.timeoutMs().getAsLong()));
        }
        List<Object> stmts = new ArrayList<>();
        for (Expr e : d.exprs()) {
            Stmt st = switch (e) {
                case Limit l -> limit(l, false);
                // nft prints a dynset's counter template without values
                case Counter c -> new Stmt("counter", Json.obj("counter", null));
                case Quota q -> quota(q, false);
                case Connlimit c -> connlimit(c);
                default -> new Stmt(rawText(e), Json.obj(e.name(), null));
            };
            sb.append(' ').append(st.text());
            stmts.add(st.json());
        }
        NExpr data = null;
        if (d.sregData().isPresent()) {
            Datatype dt = s.flatMap(NftSet::data).map(x -> SetCatalog.types(x, List.of()).getFirst())
                    .orElse(Datatype.INVALID);
            data = valueAs(get(d.sregData().getAsInt()), dt);
            sb.append(" : ").append(data.text());
        }
        sb.append(" }");
        Object elemJson = key.json();
        if (d.timeoutMs().isPresent() && d.timeoutMs().getAsLong() != 0) {
            elemJson = Json.obj("elem", Json.obj().put("val", elemJson).put("timeout", d.timeoutMs().getAsLong() / 1000));
        }
        Json.Obj o = Json.obj().put("op", op).put("elem", elemJson).put("set", "@" + d.set());
        if (!stmts.isEmpty()) {
            o.put("stmt", stmts);
        }
        if (data != null) {
            o.put("data", data.json());
            return new Stmt(sb.toString(), Json.obj("map", o));
        }
        return new Stmt(sb.toString(), Json.obj("set", o));
    }

    private void numgen(Numgen n) {
        String mode = n.type() == Numgen.RANDOM ? "random" : "inc";
        String t = "numgen " + mode + " mod " + n.modulus() + (n.offset() != 0 ? " offset " + n.offset() : "");
        Json.Obj o = Json.obj().put("mode", mode).put("mod", n.modulus()).put("offset", n.offset());
        put(n.dreg(), Reg.of(new NExpr.Text(t, Json.obj("numgen", o),
                Datatype.INTEGER.withSize(32, Endian.HOST)), 4));
    }

    private void hash(Hash h) {
        StringBuilder sb = new StringBuilder();
        Json.Obj o = Json.obj();
        if (h.type() == Hash.SYM) {
            sb.append("symhash");
        } else {
            sb.append("jhash");
            if (h.sreg().isPresent()) {
                List<NExpr> parts = keyParts(h.sreg().getAsInt(), h.len().orElse(4));
                NExpr key = keyExpr(parts);
                sb.append(' ').append(key.text());
                o.put("expr", key.json());
            }
        }
        sb.append(" mod ").append(h.modulus());
        o.put("mod", h.modulus());
        if (h.type() != Hash.SYM && h.seed().isPresent() && h.seed().getAsInt() != 0) {
            sb.append(" seed 0x").append(Integer.toHexString(h.seed().getAsInt()));
            o.put("seed", Integer.toUnsignedLong(h.seed().getAsInt()));
        }
        if (h.offset() != 0) {
            sb.append(" offset ").append(h.offset());
            o.put("offset", h.offset());
        }
        put(h.dreg(), Reg.of(new NExpr.Text(sb.toString(), Json.obj(h.type() == Hash.SYM ? "symhash" : "jhash", o),
                Datatype.INTEGER.withSize(32, Endian.HOST)), 4));
    }

    private void fib(Fib f) {
        List<String> flags = new ArrayList<>();
        if ((f.flags() & Fib.F_SADDR) != 0) {
            flags.add("saddr");
        }
        if ((f.flags() & Fib.F_DADDR) != 0) {
            flags.add("daddr");
        }
        if ((f.flags() & Fib.F_MARK) != 0) {
            flags.add("mark");
        }
        if ((f.flags() & Fib.F_IIF) != 0) {
            flags.add("iif");
        }
        if ((f.flags() & Fib.F_OIF) != 0) {
            flags.add("oif");
        }
        String result = switch (f.result()) {
            case Fib.RESULT_OIF -> "oif";
            case Fib.RESULT_OIFNAME -> "oifname";
            case Fib.RESULT_ADDRTYPE -> "type";
            default -> "unknown";
        };
        Datatype t = switch (f.result()) {
            case Fib.RESULT_OIF -> Datatype.IFACE_INDEX;
            case Fib.RESULT_OIFNAME -> Datatype.IFNAME;
            default -> Datatype.FIB_ADDR;
        };
        boolean present = (f.flags() & Fib.F_PRESENT) != 0;
        if (present) {
            t = Datatype.BOOLEAN;
        }
        String text = "fib " + String.join(" . ", flags) + " " + result;
        Json.Obj o = Json.obj().put("result", result).put("flags", new ArrayList<Object>(flags));
        put(f.dreg(), Reg.of(new NExpr.Text(text, Json.obj("fib", o), t), t.byteLength() == 0 ? 4 : t.byteLength()));
    }

    private void rt(Rt r) {
        String key = switch (r.key()) {
            case 0 -> "classid";
            case 1 -> "nexthop";
            case 2 -> "nexthop";
            case 3 -> "mtu";
            case 4 -> "ipsec";
            default -> "unknown";
        };
        Datatype t = switch (r.key()) {
            case 0 -> Datatype.REALM;
            case 1 -> Datatype.IPV4_ADDR;
            case 2 -> Datatype.IPV6_ADDR;
            case 4 -> Datatype.BOOLEAN;
            default -> Datatype.INTEGER.withSize(16, Endian.HOST);
        };
        String prefix = r.key() == 1 ? "rt ip " : r.key() == 2 ? "rt ip6 " : "rt ";
        Json.Obj rj = Json.obj("key", key);
        if (r.key() == 1 || r.key() == 2) {
            rj.put("family", r.key() == 1 ? "ip" : "ip6");
        }
        put(r.dreg(), Reg.of(new NExpr.Text(prefix + key, Json.obj("rt", rj), t),
                Math.max(1, t.byteLength())));
    }

    private void exthdr(Exthdr x) {
        boolean present = (x.flags() & Exthdr.F_PRESENT) != 0;
        String text;
        Json.Obj xj = Json.obj();
        String jkey;
        Datatype t = Datatype.INTEGER.withSize(x.len() * 8, Endian.BIG);
        if (x.op() == Exthdr.OP_TCPOPT) {
            String opt = switch (x.type()) {
                case 0 -> "eol";
                case 1 -> "nop";
                case 2 -> "maxseg";
                case 3 -> "window";
                case 4 -> "sack-perm";
                case 5 -> "sack";
                case 8 -> "timestamp";
                case 19 -> "md5sig";
                case 30 -> "mptcp";
                case 34 -> "fastopen";
                default -> Integer.toString(x.type());
            };
            String field = switch (x.offset()) {
                case 0 -> "kind";
                case 1 -> "length";
                default -> x.type() == 2 && x.offset() == 2 ? "size" : x.type() == 3 && x.offset() == 2 ? "count"
                        : x.type() == 8 && x.offset() == 2 ? "tsval" : x.type() == 8 && x.offset() == 6 ? "tsecr"
                        : "@" + x.offset();
            };
            text = present ? "tcp option " + opt : "tcp option " + opt + " " + field;
            jkey = "tcp option";
            xj.put("name", opt);
            if (!present) {
                xj.put("field", field);
            }
        } else if (x.op() == Exthdr.OP_IPV4) {
            String opt = switch (x.type()) {
                case 7 -> "rr";
                case 131 -> "lsrr";
                case 137 -> "ssrr";
                case 148 -> "ra";
                default -> Integer.toString(x.type());
            };
            String field = switch (x.offset()) {
                case 0 -> "type";
                case 1 -> "length";
                case 2 -> x.type() == 148 ? "value" : "ptr";
                default -> "addr";
            };
            text = present ? "ip option " + opt : "ip option " + opt + " " + field;
            jkey = "ip option";
            xj.put("name", opt);
            if (!present) {
                xj.put("field", field);
            }
            killNfproto(2);
        } else if (x.op() == Exthdr.OP_IPV6) {
            String hdr = switch (x.type()) {
                case 0 -> "hbh";
                case 43 -> "rt";
                case 44 -> "frag";
                case 60 -> "dst";
                case 135 -> "mh";
                default -> Integer.toString(x.type());
            };
            jkey = "exthdr";
            xj.put("name", hdr);
            if (present) {
                text = "exthdr " + hdr;
            } else if (x.type() == 43 && x.offset() >= 8 && (x.offset() - 8) % 16 == 0 && x.len() == 16) {
                // segment routing header addresses (exthdr.c "srh"): srh sid[1]
                String field = "sid[" + ((x.offset() - 8) / 16 + 1) + "]";
                text = "srh " + field;
                xj.put("name", "srh").put("field", field);
                t = Datatype.IPV6_ADDR;
            } else {
                String field = ipv6ExthdrField(x.type(), x.offset(), x.len());
                if (field != null) {
                    text = hdr + " " + field;
                    xj.put("field", field);
                    if (field.equals("nexthdr")) {
                        t = Datatype.INET_PROTO;
                    } else if (hdr.equals("mh") && field.equals("type")) {
                        t = Datatype.MH_TYPE;
                    }
                } else {
                    text = "exthdr " + hdr + " @" + x.offset() + "," + x.len();
                    xj.put("offset", x.offset());
                }
            }
            killNfproto(10);
        } else {
            text = "exthdr @" + x.type() + "," + x.offset() + "," + x.len();
            jkey = "exthdr";
            xj.put("name", text);
        }
        if (present) {
            t = Datatype.BOOLEAN;
        }
        if (x.sreg().isPresent()) {
            NExpr v = valueAs(get(x.sreg().getAsInt()), t);
            emit(new Stmt(text + " set " + v.text(), Json.obj("mangle", Json.obj().put("key", Json.obj(jkey, xj))
                    .put("value", v.json()))));
            return;
        }
        if (x.dreg().isPresent()) {
            put(x.dreg().getAsInt(), Reg.of(new NExpr.Text(text, Json.obj(jkey, xj), t), x.len()));
        }
    }

    /** exthdr.c field names of IPv6 extension headers at (offset, len) in bytes; null when none. */
    private static String ipv6ExthdrField(int type, int offset, int len) {
        if (offset == 0 && len == 1) {
            return "nexthdr";
        }
        if (offset == 1 && len == 1 && type != 44) {
            return "hdrlength";
        }
        return switch (type) {
            case 43 -> offset == 2 && len == 1 ? "type" : offset == 3 && len == 1 ? "seg-left" : null;
            case 44 -> offset == 1 && len == 1 ? "reserved" : offset == 4 && len == 4 ? "id"
                    : offset == 2 && len == 2 ? "frag-off" : offset == 3 && len == 1 ? "more-fragments" : null;
            case 135 -> offset == 2 && len == 1 ? "type" : offset == 3 && len == 1 ? "reserved"
                    : offset == 4 && len == 2 ? "checksum" : null;
            default -> null;
        };
    }

    /** An IPv4/IPv6 option or extension header implies the network protocol: drop a matching nfproto dependency. */
    private void killNfproto(int nfproto) {
        Entry dep = slots[HeaderBase.NETWORK.code()];
        if (dep != null && !dep.removed && dep.nfproto == nfproto) {
            dep.removed = true;
            slots[HeaderBase.NETWORK.code()] = null;
        }
    }

    private void payloadWrite(PayloadWrite w) {
        HeaderBase base = HeaderBase.of(w.base().code());
        Load l = new Load(base, w.offset() * 8, w.len() * 8, protoAt(base, w.offset() * 8));
        Reg src = get(w.sreg());
        Optional<ProtoField> f = fieldOf(l, l.offsetBits, l.lengthBits);
        NExpr target;
        NExpr value;
        if (f.isPresent()) {
            used(f.get());
            target = new NExpr.Field(f.get());
            value = valueAs(src, f.get().type());
        } else {
            // a sub-byte field written as (load & ~mask) | value
            BigInteger[] mx = writes.get(reg32(w.sreg()));
            NExpr srcE = (src.load != null && src.mask != null) || mx != null ? null : exprOf(src);
            Optional<ProtoField> sub = Optional.empty();
            NExpr subVal = null;
            if (mx != null) {
                BigInteger all = BigInteger.ONE.shiftLeft(w.len() * 8).subtract(BigInteger.ONE);
                BigInteger fm = mx[0].xor(all);
                int ones = fm.bitCount();
                int low = fm.getLowestSetBit();
                if (ones > 0 && fm.bitLength() - low == ones) {
                    sub = fieldOf(l, l.offsetBits + (l.lengthBits - fm.bitLength()), ones);
                    if (sub.isPresent()) {
                        BigInteger v = mx[1].and(fm).shiftRight(low);
                        subVal = new NExpr.Value(sub.get().type(),
                                sub.get().type().toBytes(v, Math.max(1, (sub.get().lengthBits() + 7) / 8)));
                    }
                }
                if (sub.isEmpty()) {
                    srcE = exprOf(src);
                }
            } else if (src.load != null && src.mask != null) {
                // (load & keep) with nothing or'ed in: the field is set to zero
                BigInteger all = BigInteger.ONE.shiftLeft(src.len * 8).subtract(BigInteger.ONE);
                BigInteger m = src.mask.xor(all);
                int ones = m.bitCount();
                int low = m.getLowestSetBit();
                if (ones > 0 && m.bitLength() - low == ones) {
                    sub = fieldOf(l, l.offsetBits + (l.lengthBits - m.bitLength()), ones);
                    if (sub.isPresent()) {
                        subVal = new NExpr.Value(sub.get().type(),
                                new byte[Math.max(1, (sub.get().lengthBits() + 7) / 8)]);
                    }
                }
                if (sub.isEmpty()) {
                    srcE = exprOf(src);
                }
            } else if (srcE instanceof NExpr.Binop b && b.op().equals("^") && b.left() instanceof NExpr.Binop inner
                    && inner.op().equals("&") && inner.right() instanceof NExpr.Value keep
                    && b.right() instanceof NExpr.Value set) {
                BigInteger k = new BigInteger(1, keep.bytes());
                BigInteger all = BigInteger.ONE.shiftLeft(keep.bytes().length * 8).subtract(BigInteger.ONE);
                BigInteger m = k.xor(all);
                int ones = m.bitCount();
                int low = m.getLowestSetBit();
                if (ones > 0 && m.bitLength() - low == ones) {
                    sub = fieldOf(l, l.offsetBits + (l.lengthBits - m.bitLength()), ones);
                    if (sub.isPresent()) {
                        BigInteger v = new BigInteger(1, set.bytes()).shiftRight(low);
                        subVal = new NExpr.Value(sub.get().type(),
                                sub.get().type().toBytes(v, Math.max(1, (sub.get().lengthBits() + 7) / 8)));
                    }
                }
            }
            if (sub.isPresent()) {
                used(sub.get());
                target = new NExpr.Field(sub.get());
                value = subVal;
            } else {
                target = new NExpr.RawPayload(l.base, l.offsetBits, l.lengthBits);
                value = srcE;
            }
        }
        emit(new Stmt(target.text() + " set " + value.text(),
                Json.obj("mangle", Json.obj().put("key", target.json()).put("value", value.json()))));
    }

    /** NFTA_* attributes of a raw expression: type to payload (big-endian values), nested flag removed. */
    private static Map<Integer, byte[]> attrs(byte[] data) {
        Map<Integer, byte[]> out = new HashMap<>();
        int i = 0;
        while (i + 4 <= data.length) {
            int len = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8;
            int type = ((data[i + 2] & 0xff) | (data[i + 3] & 0xff) << 8) & 0x3fff;
            if (len < 4 || i + len > data.length) {
                break;
            }
            out.put(type, Arrays.copyOfRange(data, i + 4, i + len));
            i += (len + 3) & ~3;
        }
        return out;
    }

    private static OptionalInt be32(Map<Integer, byte[]> a, int type) {
        byte[] v = a.get(type);
        if (v == null || v.length == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(new BigInteger(1, v).intValue());
    }

    /**
     * Expressions the expression model keeps raw (socket, tproxy, dup, fwd, synproxy): rebuilt from their
     * attributes (linux/netfilter/nf_tables.h); anything else prints as {@code # name 0x...}.
     */
    private void raw(RawExpr r) {
        Map<Integer, byte[]> a = attrs(r.data());
        switch (r.name()) {
            case "socket" -> {
                // NFTA_SOCKET_KEY 1, NFTA_SOCKET_DREG 2; NFT_SOCKET_TRANSPARENT 0, MARK 1, WILDCARD 2
                int key = be32(a, 1).orElse(-1);
                int dreg = be32(a, 2).orElse(1);
                String name = switch (key) {
                    case 0 -> "transparent";
                    case 1 -> "mark";
                    case 2 -> "wildcard";
                    case 3 -> "cgroupv2";
                    default -> "unknown";
                };
                Datatype t = key == 1 ? Datatype.MARK : Datatype.INTEGER.withSize(8, Endian.HOST);
                put(dreg, Reg.of(new NExpr.Text("socket " + name, Json.obj("socket", Json.obj("key", name)), t),
                        key == 1 ? 4 : 1));
            }
            case "tproxy" -> {
                // NFTA_TPROXY_FAMILY 1, NFTA_TPROXY_REG_ADDR 2, NFTA_TPROXY_REG_PORT 3
                int fam = be32(a, 1).orElse(0);
                boolean v6 = fam == 10;
                StringBuilder sb = new StringBuilder("tproxy");
                Json.Obj o = Json.obj();
                if (family == Family.INET && fam != 0) {
                    sb.append(v6 ? " ip6" : " ip");
                    o.put("family", v6 ? "ip6" : "ip");
                }
                sb.append(" to ");
                if (be32(a, 2).isPresent()) {
                    NExpr addr = valueAs(get(be32(a, 2).getAsInt()), v6 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR);
                    sb.append(v6 && be32(a, 3).isPresent() ? "[" + addr.text() + "]" : addr.text());
                    o.put("addr", addr.json());
                }
                if (be32(a, 3).isPresent()) {
                    NExpr port = valueAs(get(be32(a, 3).getAsInt()), Datatype.INET_SERVICE);
                    sb.append(':').append(port.text());
                    o.put("port", port.json());
                }
                emit(new Stmt(sb.toString(), Json.obj("tproxy", o)));
            }
            case "dup", "fwd" -> {
                // dup: NFTA_DUP_SREG_ADDR 1, NFTA_DUP_SREG_DEV 2; fwd: NFTA_FWD_SREG_DEV 1, _SREG_ADDR 2, _NFPROTO 3
                boolean dup = r.name().equals("dup");
                OptionalInt addrReg = be32(a, dup ? 1 : 2);
                OptionalInt devReg = be32(a, dup ? 2 : 1);
                StringBuilder sb = new StringBuilder(r.name()).append(" to");
                Json.Obj o = Json.obj();
                if (addrReg.isPresent()) {
                    boolean v6 = dup ? net == Protocols.IP6 || family == Family.IP6 : be32(a, 3).orElse(2) == 10;
                    NExpr addr = valueAs(get(addrReg.getAsInt()), v6 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR);
                    sb.append(' ').append(addr.text());
                    o.put("addr", addr.json());
                }
                if (devReg.isPresent()) {
                    Reg dr = get(devReg.getAsInt());
                    NExpr dev = dr.immediate != null ? ifindexValue(dr.immediate.bytes()) : exprOf(dr);
                    sb.append(addrReg.isPresent() ? " device " : " ").append(dev.text());
                    // nft -j names a lone dup/fwd device "addr" for dup, "dev" for fwd
                    o.put(addrReg.isPresent() || !dup ? "dev" : "addr", dev.json());
                }
                emit(new Stmt(sb.toString(), Json.obj(r.name(), o)));
            }
            case "synproxy" -> {
                emit(synproxy(a, false));
            }
            case "connlimit" -> {
                // NFTA_CONNLIMIT_COUNT 1, NFTA_CONNLIMIT_FLAGS 2 (flags may be absent)
                emit(connlimit(new Connlimit(be32(a, 1).orElse(0), be32(a, 2).orElse(0))));
            }
            default -> emit(new Stmt(rawText(r), Json.obj(r.name(), null)));
        }
    }

    /**
     * NFTA_SYNPROXY_MSS 1 (be16), _WSCALE 2 (u8), _FLAGS 3 (be32, linux/netfilter/nf_synproxy.h NF_SYNPROXY_OPT_MSS 1,
     * _WSCALE 2, _SACK_PERM 4, _TIMESTAMP 8): mss and wscale print only when their flag is set.
     */
    static Stmt synproxy(Map<Integer, byte[]> a, boolean object) {
        StringBuilder sb = new StringBuilder(object ? "" : "synproxy");
        Json.Obj o = Json.obj();
        List<String> lines = new ArrayList<>();
        byte[] mss = a.get(1);
        byte[] ws = a.get(2);
        int flags = be32(a, 3).orElse(0);
        if (mss != null && mss.length >= 2 && (flags & 0x1) != 0) {
            int m = ((mss[0] & 0xff) << 8) | (mss[1] & 0xff);
            lines.add("mss " + m);
            o.put("mss", m);
        }
        if (ws != null && ws.length >= 1 && (flags & 0x2) != 0) {
            lines.add("wscale " + (ws[0] & 0xff));
            o.put("wscale", ws[0] & 0xff);
        }
        List<String> fl = new ArrayList<>();
        if ((flags & 0x8) != 0) {
            fl.add("timestamp");
        }
        if ((flags & 0x4) != 0) {
            fl.add("sack-perm");
        }
        if (!fl.isEmpty()) {
            lines.add(String.join(" ", fl));
            o.put("flags", new ArrayList<Object>(fl));
        }
        if (object) {
            return new Stmt(String.join("\n", lines), o);
        }
        for (String l : lines) {
            sb.append(' ').append(l);
        }
        return new Stmt(sb.toString(), Json.obj("synproxy", o.fields.isEmpty() ? null : o));
    }

    private Stmt queue(Queue q) {
        StringBuilder sb = new StringBuilder("queue");
        Json.Obj o = Json.obj();
        int flags = q.flags().orElse(0);
        List<String> fl = new ArrayList<>();
        if ((flags & Queue.F_BYPASS) != 0) {
            fl.add("bypass");
        }
        if ((flags & Queue.F_CPU_FANOUT) != 0) {
            fl.add("fanout");
        }
        if (!fl.isEmpty()) {
            sb.append(" flags ").append(String.join(",", fl));
            o.put("flags", fl.size() == 1 ? fl.getFirst() : new ArrayList<Object>(fl));
        }
        if (q.sregQnum().isPresent()) {
            NExpr n = exprOf(get(q.sregQnum().getAsInt()));
            sb.append(" to ").append(n.text());
            o.put("num", n.json());
        } else if (q.num().isPresent()) {
            int num = q.num().getAsInt();
            int total = q.total().orElse(1);
            if (total > 1) {
                sb.append(" to ").append(num).append('-').append(num + total - 1);
                o.put("num", Json.obj("range", Json.arr(num, num + total - 1)));
            } else if (num != 0 || !fl.isEmpty()) {
                sb.append(" to ").append(num);
                o.put("num", num);
            } else {
                sb.append(" to 0");
                o.put("num", 0);
            }
        }
        return new Stmt(sb.toString(), Json.obj("queue", o.fields.isEmpty() ? null : o));
    }
}
