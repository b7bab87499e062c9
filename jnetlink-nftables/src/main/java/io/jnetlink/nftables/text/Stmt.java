package io.jnetlink.nftables.text;

/**
 * One nft statement of a rule as {@code nft list ruleset} prints it ({@code tcp dport 22}, {@code counter packets
 * 0 bytes 0}, {@code accept}) together with its {@code nft -j} JSON object.
 */
record Stmt(String text, Object json) {

    static Stmt match(NExpr left, String op, NExpr right) {
        String t = op.isEmpty() ? left.text() + " " + right.text() : left.text() + " " + op + " " + right.text();
        // nft -j writes an implicit flag test as "in", any other implicit match as "=="
        String jop = op.isEmpty() ? (right instanceof NExpr.Flags ? "in" : "==") : op;
        return new Stmt(t, Json.obj("match", Json.obj().put("op", jop).put("left", left.json())
                .put("right", right.json())));
    }
}
