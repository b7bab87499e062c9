package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.expr.Expr;
import io.jnetlink.nftables.expr.RawExpr;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Netlink attributes for expressions and objects the expression model keeps raw (tproxy, dup, fwd, synproxy,
 * ct timeout, ct expectation): written here exactly as nft 1.0.6 sends them, so they re-encode byte for byte.
 */
final class RawAttrs {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    RawAttrs u32be(int type, int v) {
        return attr(type, new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    RawAttrs u32host(int type, int v) {
        return attr(type, SetEncoding.u32(v));
    }

    RawAttrs u16be(int type, int v) {
        return attr(type, new byte[]{(byte) (v >>> 8), (byte) v});
    }

    RawAttrs u8(int type, int v) {
        return attr(type, new byte[]{(byte) v});
    }

    RawAttrs string(int type, String s) {
        return attr(type, (s + "\0").getBytes(StandardCharsets.UTF_8));
    }

    /** A nested attribute (NLA_F_NESTED set). */
    RawAttrs nested(int type, RawAttrs inner) {
        return attr(type | 0x8000, inner.bytes());
    }

    RawAttrs attr(int type, byte[] value) {
        int len = 4 + value.length;
        out.write(len & 0xff);
        out.write(len >>> 8);
        out.write(type & 0xff);
        out.write(type >>> 8);
        out.writeBytes(value);
        for (int i = len; i % 4 != 0; i++) {
            out.write(0);
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    Expr expr(String name) {
        return new RawExpr(name, bytes());
    }
}
