package io.jnetlink.nftables.text;

import io.jnetlink.nftables.expr.Bitwise;
import io.jnetlink.nftables.expr.BitwiseOp;
import io.jnetlink.nftables.expr.Byteorder;
import io.jnetlink.nftables.expr.ByteorderOp;
import io.jnetlink.nftables.expr.Cmp;
import io.jnetlink.nftables.expr.CmpOp;
import io.jnetlink.nftables.expr.Ct;
import io.jnetlink.nftables.expr.CtKey;
import io.jnetlink.nftables.expr.Data;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.Immediate;
import io.jnetlink.nftables.expr.Lookup;
import io.jnetlink.nftables.expr.Meta;
import io.jnetlink.nftables.expr.MetaKey;
import io.jnetlink.nftables.expr.MetaSet;
import io.jnetlink.nftables.expr.Payload;
import io.jnetlink.nftables.expr.PayloadBase;
import io.jnetlink.nftables.expr.Range;
import io.jnetlink.nftables.expr.RangeOp;
import io.jnetlink.nftables.expr.RawExpr;
import io.jnetlink.nftables.model.Chain;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.Family;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.Rule;
import io.jnetlink.nftables.model.Ruleset;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.model.SetElements;
import io.jnetlink.nftables.model.Table;
import io.jnetlink.nftables.model.Userdata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Rendering never throws: random expression sequences, registers that were never loaded, odd set keys. */
class NftTextFuzzTest {

    private static final int[] REGS = {1, 2, 8, 9, 10, 12};

    private static Data.Value bytes(Random r, int max) {
        byte[] b = new byte[1 + r.nextInt(max)];
        r.nextBytes(b);
        return new Data.Value(b);
    }

    private static Expr randomExpr(Random r) {
        int reg = REGS[r.nextInt(REGS.length)];
        return switch (r.nextInt(11)) {
            case 0 -> new Payload(PayloadBase.values()[r.nextInt(3)], r.nextInt(40), 1 + r.nextInt(16), reg);
            case 1 -> new Cmp(reg, CmpOp.values()[r.nextInt(CmpOp.values().length)], bytes(r, 16));
            case 2 -> new Meta(MetaKey.of(r.nextInt(40)), reg);
            case 3 -> new Ct(CtKey.of(r.nextInt(26)), reg, Optional.empty());
            case 4 -> {
                Data.Value m = bytes(r, 8);
                byte[] x = new byte[m.length()];
                yield new Bitwise(reg, reg, m.length(), BitwiseOp.BOOL, m, new Data.Value(x), Optional.empty());
            }
            case 5 -> new Lookup(reg, r.nextBoolean() ? "__set0" : "named", OptionalInt.empty(),
                    r.nextBoolean() ? OptionalInt.of(REGS[r.nextInt(REGS.length)]) : OptionalInt.empty(), r.nextInt(2));
            case 6 -> new Immediate(reg, bytes(r, 16));
            case 7 -> new MetaSet(MetaKey.of(r.nextInt(40)), reg);
            case 8 -> {
                Data.Value lo = bytes(r, 4);
                yield new Range(reg, RangeOp.values()[r.nextInt(2)], lo, lo);
            }
            case 9 -> new Byteorder(reg, reg, ByteorderOp.values()[r.nextInt(2)], 4, 4);
            default -> new RawExpr(r.nextBoolean() ? "tproxy" : "socket", bytes(r, 24).bytes());
        };
    }

    @Test
    void randomRulesAlwaysRender() {
        Random r = new Random(42);
        for (Family family : Family.values()) {
            for (int round = 0; round < 300; round++) {
                List<Expr> exprs = new ArrayList<>();
                int n = 1 + r.nextInt(8);
                for (int i = 0; i < n; i++) {
                    exprs.add(randomExpr(r));
                }
                NftSet anon = new NftSet(family, "t", "__set0", NftSet.F_ANONYMOUS | NftSet.F_CONSTANT
                        | (r.nextBoolean() ? NftSet.F_INTERVAL : 0), new DataSpec(r.nextInt(200), 1 + r.nextInt(16)),
                        Optional.empty(), OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(),
                        OptionalInt.empty(), OptionalInt.empty(), List.of(), Userdata.EMPTY, List.of(),
                        OptionalInt.empty(), OptionalLong.empty());
                NftSet named = new NftSet(family, "t", "named", r.nextInt(0x200), new DataSpec(r.nextInt(2000), 4),
                        Optional.of(new DataSpec(r.nextBoolean() ? DataSpec.VERDICT : 7, 4)), OptionalInt.empty(),
                        OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                        List.of(), new Userdata(List.of(new Userdata.Entry(3, bytes(r, 20).bytes()))), List.of(),
                        OptionalInt.empty(), OptionalLong.empty());
                List<SetElement> elems = new ArrayList<>();
                for (int i = 0; i < r.nextInt(5); i++) {
                    elems.add(SetElement.of(bytes(r, 16)));
                }
                Ruleset rs = new Ruleset(List.of(Table.of(family, "t")), List.of(Chain.regular(family, "t", "c")),
                        List.of(Rule.of(family, "t", "c", exprs)), List.of(anon, named),
                        List.of(SetElements.of(family, "t", "__set0", elems), SetElements.of(family, "t", "named",
                                elems)), List.of(), List.of(), 1);
                assertFalse(NftText.render(rs).isEmpty());
                assertFalse(NftJson.render(rs).isEmpty());
            }
        }
    }
}
