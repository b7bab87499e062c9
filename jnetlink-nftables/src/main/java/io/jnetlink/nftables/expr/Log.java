package io.jnetlink.nftables.expr;

import io.jnetlink.core.codec.AttributeReader;
import io.jnetlink.core.codec.MessageWriter;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Logs the packet: to the kernel log ({@code level} NFT_LOGLEVEL_*, {@code flags} NF_LOG_* such as TCPSEQ 1,
 * TCPOPT 2, IPOPT 4, UID 8, MACDECODE 0x20) or to an NFLOG {@code group} ({@code snaplen}, {@code qthreshold}).
 * Equivalent to nft's {@code log prefix "x" level warn}: {@code [ log prefix x level 4 ]}.
 */
public record Log(Optional<String> prefix, OptionalInt group, OptionalInt snaplen, OptionalInt qthreshold,
                  OptionalInt level, OptionalInt flags) implements Expr {

    // linux/netfilter/nf_tables.h: enum nft_log_attributes
    static final int NFTA_LOG_GROUP = 1;
    static final int NFTA_LOG_PREFIX = 2;
    static final int NFTA_LOG_SNAPLEN = 3;
    static final int NFTA_LOG_QTHRESHOLD = 4;
    static final int NFTA_LOG_LEVEL = 5;
    static final int NFTA_LOG_FLAGS = 6;

    static final String NAME = "log";

    // linux/netfilter/nf_log.h: NF_LOG_TCPSEQ, NF_LOG_TCPOPT, NF_LOG_IPOPT, NF_LOG_UID, NF_LOG_MACDECODE
    public static final int F_TCPSEQ = 0x01;
    public static final int F_TCPOPT = 0x02;
    public static final int F_IPOPT = 0x04;
    public static final int F_UID = 0x08;
    public static final int F_MACDECODE = 0x20;
    private static final int[] FLAG_BITS = {F_TCPSEQ, F_TCPOPT, F_IPOPT, F_UID, F_MACDECODE};
    private static final String[] FLAG_NAMES = {"tcpseq", "tcpopt", "ipopt", "uid", "macdecode"};

    public Log {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(snaplen, "snaplen");
        Objects.requireNonNull(qthreshold, "qthreshold");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(flags, "flags");
        group.ifPresent(g -> checkU16("log group", g));
        qthreshold.ifPresent(q -> checkU16("log qthreshold", q));
    }

    private static void checkU16(String what, int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + ": " + v + " is outside 0..65535");
        }
    }

    /** {@code log} with nothing set. */
    public static Log plain() {
        return new Log(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void encodeData(MessageWriter w) {
        // libnftnl order: PREFIX, GROUP, SNAPLEN, QTHRESHOLD, LEVEL, FLAGS
        prefix.ifPresent(p -> w.string(NFTA_LOG_PREFIX, p));
        group.ifPresent(g -> w.u16be(NFTA_LOG_GROUP, g));
        snaplen.ifPresent(s -> w.u32be(NFTA_LOG_SNAPLEN, s));
        qthreshold.ifPresent(q -> w.u16be(NFTA_LOG_QTHRESHOLD, q));
        level.ifPresent(l -> w.u32be(NFTA_LOG_LEVEL, l));
        flags.ifPresent(f -> w.u32be(NFTA_LOG_FLAGS, f));
    }

    @Override
    public String debug() {
        StringBuilder sb = new StringBuilder();
        prefix.ifPresent(p -> sb.append("prefix ").append(p).append(' '));
        if (group.isPresent()) {
            sb.append("group ").append(group.getAsInt()).append(" snaplen ")
                    .append(Integer.toUnsignedString(snaplen.orElse(0))).append(" qthreshold ")
                    .append(qthreshold.orElse(0)).append(' ');
        } else {
            level.ifPresent(l -> sb.append("level ").append(Integer.toUnsignedString(l)).append(' '));
            flags.ifPresent(f -> {
                for (int i = 0; i < FLAG_NAMES.length; i++) {
                    if ((f & FLAG_BITS[i]) != 0) {
                        sb.append(FLAG_NAMES[i]).append(' ');
                    }
                }
            });
        }
        return Wire.line(NAME, sb.toString());
    }

    static Log decode(AttributeReader a) {
        Fields f = Fields.read(NAME, a, NFTA_LOG_GROUP, NFTA_LOG_PREFIX, NFTA_LOG_SNAPLEN, NFTA_LOG_QTHRESHOLD,
                NFTA_LOG_LEVEL, NFTA_LOG_FLAGS);
        return new Log(f.optString(NFTA_LOG_PREFIX), f.optU16(NFTA_LOG_GROUP), f.optU32(NFTA_LOG_SNAPLEN),
                f.optU16(NFTA_LOG_QTHRESHOLD), f.optU32(NFTA_LOG_LEVEL), f.optU32(NFTA_LOG_FLAGS));
    }
}
