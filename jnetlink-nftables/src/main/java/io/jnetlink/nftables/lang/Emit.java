package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.expr.Bitwise;
import io.jnetlink.nftables.expr.BitwiseOp;
import io.jnetlink.nftables.expr.Byteorder;
import io.jnetlink.nftables.expr.ByteorderOp;
import io.jnetlink.nftables.expr.Cmp;
import io.jnetlink.nftables.expr.CmpOp;
import io.jnetlink.nftables.expr.Counter;
import io.jnetlink.nftables.expr.Ct;
import io.jnetlink.nftables.expr.CtDirection;
import io.jnetlink.nftables.expr.CtKey;
import io.jnetlink.nftables.expr.CtSet;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.expr.Dynset;
import io.jnetlink.nftables.expr.DynsetOp;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.Immediate;
import io.jnetlink.nftables.expr.Limit;
import io.jnetlink.nftables.expr.LimitType;
import io.jnetlink.nftables.expr.Lookup;
import io.jnetlink.nftables.expr.Meta;
import io.jnetlink.nftables.expr.MetaKey;
import io.jnetlink.nftables.expr.MetaSet;
import io.jnetlink.nftables.expr.Notrack;
import io.jnetlink.nftables.expr.Payload;
import io.jnetlink.nftables.expr.PayloadBase;
import io.jnetlink.nftables.expr.Quota;
import io.jnetlink.nftables.expr.Range;
import io.jnetlink.nftables.expr.RangeOp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The one place that builds expression records, so that the compiler's code reads as nft's linearizer does
 * ({@code payload}, {@code cmp}, {@code lookup}...).
 */
final class Emit {

    private Emit() {
    }

    static Expr payload(PayloadBase base, int offset, int len, int dreg) {
        return new Payload(base, offset, len, dreg);
    }

    static Expr cmp(int sreg, CmpOp op, byte[] data) {
        return new Cmp(sreg, op, new Data.Value(data));
    }

    static Expr bitwise(int reg, byte[] mask, byte[] xor) {
        return new Bitwise(reg, reg, mask.length, BitwiseOp.BOOL, new Data.Value(mask), new Data.Value(xor),
                Optional.empty());
    }

    static Expr lshift(int reg, int len, int shift) {
        return io.jnetlink.nftables.expr.Bitwise.shift(reg, reg, len, BitwiseOp.LSHIFT,
                new Data.Value(SetEncoding.u32(shift)));
    }

    static Expr rshift(int reg, int len, int shift) {
        return io.jnetlink.nftables.expr.Bitwise.shift(reg, reg, len, BitwiseOp.RSHIFT,
                new Data.Value(SetEncoding.u32(shift)));
    }

    static Expr fib(int dreg, int result, int flags) {
        return new io.jnetlink.nftables.expr.Fib(dreg, result, flags);
    }

    static Expr numgen(int dreg, int modulus, int type, int offset) {
        return new io.jnetlink.nftables.expr.Numgen(dreg, modulus, type, offset);
    }

    static Expr hash(int type, OptionalInt sreg, OptionalInt len, int dreg, int modulus, OptionalInt seed,
                     OptionalInt offset) {
        return new io.jnetlink.nftables.expr.Hash(type, sreg, len, dreg, modulus, seed, offset.orElse(0));
    }

    static Expr objrefMap(int sreg, String set, OptionalInt setId) {
        return new io.jnetlink.nftables.expr.ObjrefMap(sreg, set, setId);
    }

    static Expr exthdrLoad(int op, int type, int offset, int len, boolean present, int dreg) {
        return new io.jnetlink.nftables.expr.Exthdr(op, type, offset, len, present ? 1 : 0, OptionalInt.of(dreg),
                OptionalInt.empty());
    }

    static Expr exthdrWrite(int op, int type, int offset, int len, int sreg) {
        return new io.jnetlink.nftables.expr.Exthdr(op, type, offset, len, 0, OptionalInt.empty(), OptionalInt.of(sreg));
    }

    static Expr rt(int key, int dreg) {
        return new io.jnetlink.nftables.expr.Rt(key, dreg);
    }

    static Expr payloadWrite(PayloadBase base, int offset, int len, int sreg, int csumType, int csumOffset,
                             int csumFlags) {
        return new io.jnetlink.nftables.expr.PayloadWrite(base, offset, len, sreg, csumType, csumOffset, csumFlags);
    }

    static Expr flowOffload(String flowtable) {
        return new io.jnetlink.nftables.expr.FlowOffload(flowtable);
    }

    static Expr connlimit(int count, int flags) {
        return new io.jnetlink.nftables.expr.Connlimit(count, flags);
    }

    static Expr hton(int reg, int len, int size) {
        return new Byteorder(reg, reg, ByteorderOp.HTON, len, size);
    }

    static Expr meta(int key, int dreg) {
        return new Meta(MetaKey.of(key), dreg);
    }

    static Expr metaSet(int key, int sreg) {
        return new MetaSet(MetaKey.of(key), sreg);
    }

    static Expr ct(int key, int dreg, Optional<CtDirection> dir) {
        return new Ct(CtKey.of(key), dreg, dir);
    }

    static Expr ctSet(int key, int sreg) {
        return new CtSet(CtKey.of(key), sreg, Optional.empty());
    }

    static Expr immediate(int dreg, Data data) {
        return new Immediate(dreg, data);
    }

    static Expr lookup(int sreg, String set, OptionalInt setId, OptionalInt dreg, boolean invert) {
        return new Lookup(sreg, set, setId, dreg, invert ? 1 : 0);
    }

    static Expr range(int sreg, boolean neq, byte[] from, byte[] to) {
        return new Range(sreg, neq ? RangeOp.NEQ : RangeOp.EQ, new Data.Value(from), new Data.Value(to));
    }

    static Expr counter(long packets, long bytes) {
        return new Counter(packets, bytes);
    }

    static Expr limit(long rate, long unit, int burst, boolean bytes, boolean over) {
        return new Limit(rate, unit, burst, bytes ? LimitType.PKT_BYTES : LimitType.PKTS, over ? 1 : 0);
    }

    static Expr quota(long bytes, long consumed, boolean over) {
        return new Quota(bytes, consumed, over ? 1 : 0);
    }

    static Expr notrack() {
        return new Notrack();
    }

    static Expr log(Optional<String> prefix, OptionalInt group, OptionalInt snaplen, OptionalInt qthreshold,
                    OptionalInt level, OptionalInt flags) {
        return new io.jnetlink.nftables.expr.Log(prefix, group, snaplen, qthreshold, level, flags);
    }

    static Expr reject(int type, int code) {
        return new io.jnetlink.nftables.expr.Reject(type, code);
    }

    static Expr nat(int type, int family, OptionalInt amin, OptionalInt amax, OptionalInt pmin, OptionalInt pmax,
                    OptionalInt flags) {
        return new io.jnetlink.nftables.expr.Nat(type, family, amin, amax, pmin, pmax, flags);
    }

    static Expr masq(OptionalInt flags, OptionalInt pmin, OptionalInt pmax) {
        return new io.jnetlink.nftables.expr.Masq(flags, pmin, pmax);
    }

    static Expr redir(OptionalInt flags, OptionalInt pmin, OptionalInt pmax) {
        return new io.jnetlink.nftables.expr.Redir(flags, pmin, pmax);
    }

    static Expr objref(int type, String name) {
        return new io.jnetlink.nftables.expr.Objref(type, name);
    }

    static Expr queue(int num, int total, int flags) {
        return new io.jnetlink.nftables.expr.Queue(OptionalInt.of(num), OptionalInt.of(total),
                flags == 0 ? OptionalInt.empty() : OptionalInt.of(flags), OptionalInt.empty());
    }

    static Expr dynset(int sregKey, OptionalInt sregData, DynsetOp op, String set, OptionalInt setId,
                       OptionalLong timeoutMs, List<Expr> exprs) {
        return new Dynset(sregKey, sregData, op, set, setId, timeoutMs, exprs, 0);
    }
}
