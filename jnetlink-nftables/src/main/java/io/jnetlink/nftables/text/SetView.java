package io.jnetlink.nftables.text;

import io.jnetlink.nftables.expr.Connlimit;
import io.jnetlink.nftables.expr.Counter;
import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.Limit;
import io.jnetlink.nftables.expr.Quota;
import io.jnetlink.nftables.model.DataSpec;
import io.jnetlink.nftables.model.NftSet;
import io.jnetlink.nftables.model.SetElement;
import io.jnetlink.nftables.proto.Datatype;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A named set or map as nft declares it: keyword, {@code type}/{@code typeof} line, flags, set-level statements,
 * and its elements rebuilt for printing.
 */
record SetView(NftSet set, List<Datatype> keyTypes, List<Datatype> dataTypes, Optional<String> typeofKey,
               Optional<String> typeofData, NExpr.SetLit elements) {

    static SetView of(NftSet s, SetCatalog sets, IntFunction<Optional<String>> ifnames) {
        List<Datatype> specKey = SetCatalog.types(s.key(), s.concat());
        List<Datatype> specData = s.data().filter(d -> d.type() != DataSpec.VERDICT)
                .map(d -> SetCatalog.types(d, List.of())).orElse(List.of());
        Optional<Typeof.Parsed> keyOf = s.userdata().get(NftSet.UDATA_KEY_TYPEOF).flatMap(Typeof::parse);
        Optional<Typeof.Parsed> dataOf = s.userdata().get(NftSet.UDATA_DATA_TYPEOF).flatMap(Typeof::parse);
        Optional<String> typeofKey = keyOf.map(Typeof.Parsed::text);
        Optional<String> typeofData = dataOf.map(Typeof.Parsed::text);
        // with typeof, element values take the types (and sizes) of the expressions, as in nft
        List<Datatype> keyTypes = refine(specKey, keyOf);
        List<Datatype> dataTypes = refine(specData, dataOf);
        boolean interval = (s.flags() & NftSet.F_INTERVAL) != 0;
        Delinearizer dl = new Delinearizer(s.family(), sets, ifnames);
        List<NExpr.Elem> elems = SetCatalog.rebuild(sets.elements(s.name()), keyTypes, interval, e -> data(s, e, dl,
                dataTypes), SetView::elementStmts);
        elems = stringKeys(elems, keyTypes, ifnames);
        Datatype shown = keyTypes.size() == 1 ? keyTypes.getFirst() : Datatype.INVALID;
        return new SetView(s, keyTypes, dataTypes, typeofKey, typeofData, new NExpr.SetLit(elems, false,
                shown.number() == 0 ? Datatype.INVALID : shown));
    }

    private static List<Datatype> refine(List<Datatype> fromSpec, Optional<Typeof.Parsed> of) {
        if (of.isEmpty() || of.get().types().size() != fromSpec.size()) {
            return fromSpec;
        }
        List<Datatype> out = new ArrayList<>();
        for (int i = 0; i < fromSpec.size(); i++) {
            Datatype spec = fromSpec.get(i);
            Datatype t = of.get().types().get(i);
            out.add(spec.kind() == Datatype.Kind.INTEGER || spec.byteLength() == 0 ? t : spec);
        }
        return out;
    }

    static List<NExpr.Elem> stringKeys(List<NExpr.Elem> elems, List<Datatype> keyTypes,
                                       IntFunction<Optional<String>> ifnames) {
        List<NExpr.Elem> out = new ArrayList<>();
        for (NExpr.Elem el : elems) {
            out.add(new NExpr.Elem(display(el.key(), ifnames), el.data(), el.timeoutMs(), el.expiresMs(),
                    el.comment(), el.stmts()));
        }
        return out;
    }

    private static NExpr quoteStrings(NExpr e) {
        return display(e, i -> Optional.empty());
    }

    /** Strings quoted ({@code "eth0"}), interface indexes as names when known, inside concatenations too. */
    static NExpr display(NExpr e, IntFunction<Optional<String>> ifnames) {
        if (e instanceof NExpr.Value v && v.type().kind() == Datatype.Kind.STRING) {
            String s = Datatype.string(v.bytes());
            // a literal trailing '*' is escaped as nft does ("\*"), wildcards come from interval ranges
            String shown = s.endsWith("*") ? s.substring(0, s.length() - 1) + "\\*" : s;
            return new NExpr.Text("\"" + shown + "\"", shown, v.type());
        }
        if (e instanceof NExpr.Value v && v.type().kind() == Datatype.Kind.IFINDEX) {
            long idx = v.type().toLong(v.bytes());
            Optional<String> n = ifnames.apply((int) idx);
            if (n.isPresent()) {
                return new NExpr.Text("\"" + n.get() + "\"", n.get(), v.type());
            }
            return e;
        }
        if (e instanceof NExpr.Concat c) {
            List<NExpr> parts = new ArrayList<>();
            for (NExpr p : c.parts()) {
                parts.add(display(p, ifnames));
            }
            return new NExpr.Concat(parts);
        }
        return e;
    }

    private static Optional<NExpr> data(NftSet s, SetElement e, Delinearizer dl, List<Datatype> dataTypes) {
        if (e.objectRef().isPresent()) {
            String n = e.objectRef().get();
            return Optional.of(new NExpr.Text("\"" + n + "\"", n, Datatype.STRING));
        }
        return e.data().map(d -> quoteStrings(dl.dataExpr(d, dataTypes)));
    }

    static List<Stmt> elementStmts(SetElement e) {
        List<Stmt> out = new ArrayList<>();
        for (Expr x : e.exprs()) {
            out.add(exprStmt(x, false));
        }
        return out;
    }

    static Stmt exprStmt(Expr x, boolean declaration) {
        return switch (x) {
            case Counter c -> declaration ? new Stmt("counter", Json.obj("counter", null))
                    : new Stmt("counter packets " + c.packets() + " bytes " + c.bytes(),
                    Json.obj("counter", Json.obj().put("packets", c.packets()).put("bytes", c.bytes())));
            case Quota q -> Delinearizer.quota(q, false);
            case Limit l -> Delinearizer.limit(l, false);
            case Connlimit c -> new Stmt("ct count " + ((c.flags() & Connlimit.F_INV) != 0 ? "over " : "") + c.count(),
                    Json.obj("ct count", Json.obj("val", c.count())));
            default -> new Stmt("# " + x.name(), Json.obj(x.name(), null));
        };
    }

    String keyword() {
        if (set.isMap() || set.objectType().isPresent()) {
            return "map";
        }
        return "set";
    }

    String typeLine() {
        StringBuilder sb = new StringBuilder();
        if (typeofKey.isPresent()) {
            sb.append("typeof ").append(typeofKey.get());
        } else {
            sb.append("type ").append(names(keyTypes));
        }
        if (set.isMap() && set.data().isPresent()) {
            DataSpec d = set.data().get();
            sb.append(" : ");
            if (d.type() == DataSpec.VERDICT) {
                sb.append("verdict");
            } else if (typeofKey.isPresent() && typeofData.isPresent()) {
                sb.append(typeofData.get());
            } else {
                sb.append(names(dataTypes));
            }
        } else if (set.objectType().isPresent()) {
            sb.append(" : ").append(Delinearizer.objTypeName(set.objectType().getAsInt()));
        }
        return sb.toString();
    }

    private static String names(List<Datatype> types) {
        List<String> n = new ArrayList<>();
        for (Datatype t : types) {
            n.add(t.name());
        }
        return String.join(" . ", n);
    }

    List<String> flags() {
        List<String> out = new ArrayList<>();
        int f = set.flags();
        if ((f & NftSet.F_CONSTANT) != 0) {
            out.add("constant");
        }
        if ((f & NftSet.F_EVAL) != 0) {
            out.add("dynamic");
        }
        if ((f & NftSet.F_INTERVAL) != 0) {
            out.add("interval");
        }
        if ((f & NftSet.F_TIMEOUT) != 0) {
            out.add("timeout");
        }
        return out;
    }

    List<Stmt> exprStmts() {
        List<Stmt> out = new ArrayList<>();
        for (Expr x : set.exprs()) {
            out.add(exprStmt(x, true));
        }
        return out;
    }

}
