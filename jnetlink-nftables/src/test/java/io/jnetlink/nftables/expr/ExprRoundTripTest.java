package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeNames;
import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;
import io.jnetlink.core.error.DecodeException;
import io.jnetlink.oracles.HexDiff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** decode(encode(x)) == x for every record, RawExpr byte identity, and decoding random bytes. */
class ExprRoundTripTest {

    private static Data.Value v(String hex) {
        return new Data.Value(HexFormat.of().parseHex(hex));
    }

    private static OptionalInt i(int v) {
        return OptionalInt.of(v);
    }

    private static final OptionalInt NO = OptionalInt.empty();

    /** At least one instance of every record, most of them twice (optional parts absent and present). */
    static List<Expr> samples() {
        return List.of(
                new Payload(PayloadBase.TRANSPORT, 2, 2, 1),
                new Payload(PayloadBase.LL, 6, 6, 8),
                new Payload(PayloadBase.INNER, 0, 4, 9),
                new PayloadWrite(PayloadBase.NETWORK, 8, 2, 1, PayloadWrite.CSUM_INET, 10, 0),
                new PayloadWrite(PayloadBase.NETWORK, 12, 4, 1, PayloadWrite.CSUM_INET, 10,
                        PayloadWrite.L4CSUM_PSEUDOHDR),
                new PayloadWrite(PayloadBase.NETWORK, 7, 1, 1, PayloadWrite.CSUM_NONE, 0, 0),
                new Cmp(1, CmpOp.EQ, v("06")),
                new Cmp(9, CmpOp.GTE, v("000102030405060708090a0b0c0d0e0f")),
                Bitwise.bool(1, 1, v("06000000"), v("00000000")),
                Bitwise.shift(1, 2, 4, BitwiseOp.LSHIFT, v("08000000")),
                Bitwise.shift(1, 1, 4, BitwiseOp.RSHIFT, v("02000000")),
                new Byteorder(1, 1, ByteorderOp.HTON, 8, 8),
                new Byteorder(8, 9, ByteorderOp.NTOH, 4, 2),
                new Meta(MetaKey.L4PROTO, 1),
                new Meta(MetaKey.of(200), 8),
                new MetaSet(MetaKey.MARK, 1),
                Ct.of(CtKey.STATE, 1),
                new Ct(CtKey.SRC_IP, 1, Optional.of(CtDirection.ORIGINAL)),
                CtSet.of(CtKey.MARK, 1),
                new CtSet(CtKey.ZONE, 1, Optional.of(CtDirection.REPLY)),
                Immediate.verdict(Data.Verdict.accept()),
                Immediate.verdict(Data.Verdict.jump("other")),
                Immediate.verdict(Data.Verdict.goTo("other")),
                new Immediate(1, v("0a000001")),
                new Lookup(1, "__set0", i(3), NO, 0),
                new Lookup(1, "s", NO, i(1), Lookup.F_INV),
                new Dynset(1, NO, DynsetOp.ADD, "s", NO, OptionalLong.empty(), List.of(), 0),
                new Dynset(1, i(2), DynsetOp.UPDATE, "m", i(7), OptionalLong.of(10_000),
                        List.of(Counter.zero()), 0),
                new Dynset(1, NO, DynsetOp.UPDATE, "s", NO, OptionalLong.of(5_000),
                        List.of(Counter.zero(), new Limit(1, 1, 5, LimitType.PKTS, 0)), Dynset.F_EXPR),
                new Range(1, RangeOp.NEQ, v("0001"), v("03ff")),
                Counter.zero(),
                new Counter(5, 300),
                new Limit(10, 1, 5, LimitType.PKTS, 0),
                new Limit(102400, 60, 51200, LimitType.PKT_BYTES, Limit.F_INV),
                new Quota(1 << 20, 0, Quota.F_INV),
                new Connlimit(10, Connlimit.F_INV),
                new Notrack(),
                Log.plain(),
                new Log(Optional.of("a b"), NO, NO, NO, i(4), i(Log.F_UID)),
                new Log(Optional.empty(), i(2), i(64), i(3), NO, NO),
                new Reject(Reject.TCP_RST, 0),
                new Reject(Reject.ICMPX_UNREACH, 3),
                new Nat(Nat.SNAT, 2, i(1), NO, NO, NO, NO),
                new Nat(Nat.DNAT, 10, i(1), i(2), i(9), i(10), i(0x18)),
                Masq.plain(),
                new Masq(i(4), i(1), i(2)),
                Redir.plain(),
                new Redir(NO, i(1), NO),
                new Fib(1, Fib.RESULT_OIF, Fib.F_SADDR | Fib.F_IIF | Fib.F_PRESENT),
                Exthdr.load(Exthdr.OP_TCPOPT, 2, 2, 2, 0, 1),
                Exthdr.load(Exthdr.OP_IPV6, 44, 0, 1, Exthdr.F_PRESENT, 1),
                Exthdr.write(Exthdr.OP_TCPOPT, 2, 2, 2, 1),
                new Exthdr(Exthdr.OP_TCPOPT, 4, 0, 0, 0, NO, NO),
                new Numgen(1, 2, Numgen.INCREMENTAL, 0),
                new Numgen(1, 4, Numgen.RANDOM, 10),
                new Hash(Hash.JENKINS, i(2), i(4), 1, 10, i(0xdead), 0),
                new Hash(Hash.JENKINS, i(2), i(8), 1, 10, NO, 5),
                new Hash(Hash.SYM, NO, NO, 1, 2, NO, 100),
                new Objref(1, "cnt"),
                new ObjrefMap(1, "__objmap0", i(6)),
                new Queue(i(1), i(3), i(Queue.F_BYPASS | Queue.F_CPU_FANOUT), NO),
                new Queue(NO, NO, i(0), i(1)),
                new Rt(Rt.TCPMSS, 1),
                new FlowOffload("ft"),
                new RawExpr("tproxy", HexFormat.of().parseHex("08000100000000020800020000000001")));
    }

    private static byte[] encodeList(List<Expr> exprs) {
        MessageWriter w = new MessageWriter();
        Exprs.encodeList(w, 4, exprs);
        byte[] all = w.toByteArray();
        return Arrays.copyOfRange(all, 4, all.length);
    }

    private static List<Expr> decodeList(byte[] payload) {
        return Exprs.decodeList(AttributeReader.of(payload, AttributeNames.NUMBERED));
    }

    @Test
    void samplesCoverEveryPermittedRecord() {
        Set<String> permitted = Arrays.stream(Expr.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        Set<String> sampled = samples().stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet());
        assertEquals(permitted, sampled);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodeOfEncodeIsIdentity(Expr e) {
        byte[] bytes = encodeList(List.of(e));
        List<Expr> back = decodeList(bytes);
        assertEquals(List.of(e), back);
        HexDiff.assertBytes(e.toString(), bytes, encodeList(back));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void encodeOneDecodesToTheSameExpression(Expr e) {
        MessageWriter w = new MessageWriter();
        Exprs.encodeOne(w, 7, e);
        AttributeReader r = AttributeReader.of(w.toByteArray(), AttributeNames.NUMBERED);
        assertTrue(r.next());
        assertEquals(e, Exprs.decodeOne(r.nested(AttributeNames.NUMBERED)));
    }

    @Test
    void wholeListRoundTrips() {
        List<Expr> all = samples();
        assertEquals(all, decodeList(encodeList(all)));
    }

    @Test
    void unknownExpressionStaysRawAndByteIdentical() {
        byte[] data = HexFormat.of().parseHex("0800010000000002" + "0a000200abcdef0102030000" + "0500030001000000");
        Expr e = Exprs.decodeData("osf", data);
        assertEquals(new RawExpr("osf", data), e);
        HexDiff.assertBytes(data, encodeData(e));
    }

    @Test
    void knownExpressionWithAnUnmodelledAttributeStaysRaw() {
        // meta with a future attribute 9, a cmp whose op is unknown, a lookup with a string holding a NUL inside,
        // a counter whose 64-bit value is 4 bytes long, an immediate verdict without a code
        for (var c : List.of(
                List.of("meta", "08000200000000100800010000000001080009000000002a"),
                List.of("cmp", "080001000000000108000200000000090c0003800500010006000000"),
                List.of("lookup", "08000200000000010800010061006200"),
                List.of("counter", "0800010000000001"),
                List.of("immediate", "080001000000000010000280" + "0c000280" + "08000300000000ff"))) {
            byte[] data = HexFormat.of().parseHex(c.get(1));
            Expr e = Exprs.decodeData(c.get(0), data);
            assertInstanceOf(RawExpr.class, e, c.get(0));
            HexDiff.assertBytes(c.get(0), data, encodeData(e));
        }
    }

    @Test
    void kernelStyleNestsWithoutTheNestedFlagDecode() {
        // the kernel dumps nests with nla_nest_start_noflag: NFTA_CMP_DATA {NFTA_DATA_VALUE} without NLA_F_NESTED
        byte[] data = HexFormat.of().parseHex("080001000000000108000200000000000c0003000500010006000000");
        assertEquals(new Cmp(1, CmpOp.EQ, v("06")), Exprs.decodeData("cmp", data));
    }

    @Test
    void dynsetZeroTimeoutIsNotSent() {
        // the kernel dumps TIMEOUT 0 for every dynset but refuses a TIMEOUT for sets without the timeout flag
        Dynset dumped = new Dynset(1, NO, DynsetOp.ADD, "s", NO, OptionalLong.of(0), List.of(), 0);
        assertEquals(new Dynset(1, NO, DynsetOp.ADD, "s", NO, OptionalLong.empty(), List.of(), 0),
                Exprs.decodeData("dynset", encodeData(dumped)));
        assertEquals("[ dynset add reg_key 1 set s timeout 0ms ]", dumped.debug());
    }

    @Test
    void notrackHasNoDataNest() {
        byte[] bytes = encodeList(List.of(new Notrack()));
        // NFTA_LIST_ELEM { NFTA_EXPR_NAME "notrack" } and nothing else, as libnftnl sends it
        HexDiff.assertBytes(HexFormat.of().parseHex("10000180" + "0c0001006e6f747261636b00"), bytes);
    }

    @Test
    void debugNotation() {
        assertEquals("  [ meta load l4proto => reg 1 ]\n  [ cmp eq reg 1 0x00000006 ]\n"
                        + "  [ payload load 2b @ transport header + 2 => reg 1 ]\n  [ immediate reg 0 accept ]",
                Exprs.debug(List.of(new Meta(MetaKey.L4PROTO, 1), new Cmp(1, CmpOp.EQ, v("06")),
                        new Payload(PayloadBase.TRANSPORT, 2, 2, 1), Immediate.verdict(Data.Verdict.accept()))));
        assertEquals("[ lookup reg 1 set __set%d ]", new Lookup(1, "__set%d", i(1), NO, 0).debug());
        assertEquals("[ counter pkts 0 bytes 0 ]", Counter.zero().debug());
        assertEquals("[ immediate reg 0 jump -> other ]", Immediate.verdict(Data.Verdict.jump("other")).debug());
    }

    @Test
    void badArgumentsNameTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Payload(PayloadBase.NETWORK, 0, 4, 5));
        assertTrue(e.getMessage().contains("payload dreg"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Reject(Reject.ICMP_UNREACH, 300));
        assertTrue(e.getMessage().contains("reject code"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Bitwise(1, 1, 4, BitwiseOp.LSHIFT, v("ff"), v("00"), Optional.empty()));
    }

    private static byte[] encodeData(Expr e) {
        MessageWriter w = new MessageWriter();
        e.encodeData(w);
        return w.toByteArray();
    }

    /**
     * Random bytes, and random mutations of real expression lists, never make decodeList throw anything but
     * DecodeException; whatever decodes re-encodes without throwing.
     */
    @Test
    void fuzzedInputOnlyEverThrowsDecodeException() {
        Random rnd = new Random(4242);
        byte[] valid = encodeList(samples());
        List<byte[]> golden = new ArrayList<>();
        for (GoldenRules r : GoldenRules.load()) {
            golden.add(r.bytes());
        }
        golden.add(valid);
        int decoded = 0;
        for (int n = 0; n < 30_000; n++) {
            byte[] in;
            if (n % 3 == 0) {
                in = new byte[rnd.nextInt(96)];
                rnd.nextBytes(in);
            } else {
                byte[] base = golden.get(rnd.nextInt(golden.size()));
                in = base.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    in[rnd.nextInt(in.length)] = (byte) rnd.nextInt(256);
                }
                if (rnd.nextInt(4) == 0) {
                    in = Arrays.copyOf(in, rnd.nextInt(in.length + 1));
                }
            }
            try {
                List<Expr> exprs = decodeList(in);
                encodeList(exprs);
                exprs.forEach(Expr::debug);
                decoded++;
            } catch (DecodeException expected) {
                // structurally broken framing
            }
        }
        assertTrue(decoded > 1000, "some mutated inputs decode: " + decoded);
    }
}
