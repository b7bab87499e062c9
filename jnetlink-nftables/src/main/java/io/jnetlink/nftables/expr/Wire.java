package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.MessageWriter;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Encoding and libnftnl-style printing helpers shared by the expression records. */
final class Wire {

    // linux/netfilter.h: the netfilter verdicts Data.Verdict has no constant for
    private static final int NF_STOLEN = 2;
    private static final int NF_REPEAT = 4;
    private static final int NF_STOP = 5;

    private Wire() {
    }

    /** An nft_data nest: NFTA_DATA_VALUE, or NFTA_DATA_VERDICT {NFTA_VERDICT_CODE, NFTA_VERDICT_CHAIN}. */
    static void data(MessageWriter w, int type, Data d) {
        w.nested(type, n -> {
            switch (d) {
                case Data.Value v -> n.bytes(Fields.NFTA_DATA_VALUE, v.bytes());
                case Data.Verdict v -> n.nested(Fields.NFTA_DATA_VERDICT, vn -> {
                    vn.u32be(Fields.NFTA_VERDICT_CODE, v.code());
                    v.chain().ifPresent(c -> vn.string(Fields.NFTA_VERDICT_CHAIN, c));
                });
            }
        });
    }

    /** A string attribute without the terminating NUL, as libnftnl's mnl_attr_put_str writes some names. */
    static void stringNoNul(MessageWriter w, int type, String s) {
        w.bytes(type, s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * libnftnl's nftnl_data_reg_snprintf for a value: the bytes as host-order (little-endian) 32-bit words,
     * zero-padded, each printed {@code 0x%08x } (with the trailing space).
     */
    static String words(Data.Value v) {
        byte[] b = v.bytes();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i += 4) {
            int word = 0;
            for (int j = 3; j >= 0; j--) {
                word = (word << 8) | (i + j < b.length ? b[i + j] & 0xff : 0);
            }
            sb.append(String.format(Locale.ROOT, "0x%08x ", word));
        }
        return sb.toString();
    }

    /** libnftnl's verdict printing: the verdict name, then {@code -> chain} for jump and goto. */
    static String verdict(Data.Verdict v) {
        String name = switch (v.code()) {
            case Data.Verdict.ACCEPT -> "accept";
            case Data.Verdict.DROP -> "drop";
            case NF_STOLEN -> "stolen";
            case Data.Verdict.QUEUE -> "queue";
            case NF_REPEAT -> "repeat";
            case NF_STOP -> "stop";
            case Data.Verdict.RETURN -> "return";
            case Data.Verdict.JUMP -> "jump";
            case Data.Verdict.GOTO -> "goto";
            case Data.Verdict.CONTINUE -> "continue";
            case Data.Verdict.BREAK -> "break";
            default -> "unknown";
        };
        return name + " " + v.chain().map(c -> "-> " + c + " ").orElse("");
    }

    static String data(Data d) {
        return switch (d) {
            case Data.Value v -> words(v);
            case Data.Verdict v -> verdict(v);
        };
    }

    /**
     * A register number as the kernel numbers them: NFT_REG_VERDICT 0, NFT_REG_1..4 (1..4, 16 bytes each),
     * NFT_REG32_00..15 (8..23, 4 bytes each); enum nft_registers in linux/netfilter/nf_tables.h.
     */
    static void checkReg(String what, int reg) {
        if (reg < 0 || reg > 23 || (reg > 4 && reg < 8)) {
            throw new IllegalArgumentException(what + ": register " + reg + " is not one of 0..4, 8..23");
        }
    }

    static void checkNonNegative(String what, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(what + ": " + v + " is negative");
        }
    }

    static String line(String name, String body) {
        return "[ " + name + " " + body + "]";
    }
}
