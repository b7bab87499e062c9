package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.Op;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.model.SetElement;

import java.util.HexFormat;
import java.util.List;

/** Compiled operations printed for diagnosis, rules in nft's --debug=netlink notation. */
final class OpsDump {

    private OpsDump() {
    }

    static String dump(List<Op> ops) {
        StringBuilder sb = new StringBuilder();
        for (Op op : ops) {
            sb.append(op.describe()).append('\n');
            switch (op) {
                case Op.AddRule r -> exprs(sb, r.rule().exprs(), r.rule().userdata().encode());
                case Op.ReplaceRule r -> exprs(sb, r.rule().exprs(), r.rule().userdata().encode());
                case Op.AddSet s -> sb.append("  ").append(s.set()).append('\n')
                        .append("  udata ").append(HexFormat.of().formatHex(s.set().userdata().encode())).append('\n');
                case Op.AddElements e -> {
                    for (SetElement el : e.elements().elements()) {
                        sb.append("  element ").append(el.key()).append(el.keyEnd().map(k -> " - " + k).orElse(""))
                                .append(" flags ").append(el.flags()).append(el.data().map(d -> " : " + d).orElse(""))
                                .append(el.userdata().isEmpty() ? "" : " udata " + HexFormat.of().formatHex(
                                        el.userdata().encode())).append('\n');
                    }
                }
                default -> {
                }
            }
        }
        return sb.toString();
    }

    private static void exprs(StringBuilder sb, List<Expr> exprs, byte[] udata) {
        for (Expr e : exprs) {
            sb.append("  ").append(e.debug()).append('\n');
        }
        if (udata.length > 0) {
            sb.append("  userdata ").append(HexFormat.of().formatHex(udata)).append('\n');
        }
    }
}
