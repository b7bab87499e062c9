package io.jnetlink.nftables.expr;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * nft_data: NFTA_DATA_VALUE (bytes, in the byte order the key's datatype uses) or NFTA_DATA_VERDICT.
 * Used by immediate, cmp-style comparisons of maps, and set elements.
 */
public sealed interface Data {

    /** Raw value bytes (at most 64, NFT_DATA_VALUE_MAXLEN). */
    record Value(byte[] bytes) implements Data {
        public Value {
            if (bytes.length > 64) {
                throw new IllegalArgumentException("data value: " + bytes.length + " bytes exceeds 64");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Value v && Arrays.equals(v.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
    }

    /**
     * A verdict: NFTA_VERDICT_CODE (NF_DROP 0, NF_ACCEPT 1, NF_QUEUE 3, NFT_CONTINUE -1, NFT_BREAK -2,
     * NFT_JUMP -3, NFT_GOTO -4, NFT_RETURN -5) and, for jump and goto, the chain's name.
     */
    record Verdict(int code, Optional<String> chain) implements Data {
        public static final int DROP = 0;
        public static final int ACCEPT = 1;
        public static final int QUEUE = 3;
        public static final int CONTINUE = -1;
        public static final int BREAK = -2;
        public static final int JUMP = -3;
        public static final int GOTO = -4;
        public static final int RETURN = -5;

        public Verdict {
            if ((code == JUMP || code == GOTO) != chain.isPresent()) {
                throw new IllegalArgumentException("verdict: jump and goto need a chain, other verdicts none (code "
                        + code + ", chain " + chain.orElse("none") + ")");
            }
        }

        public static Verdict accept() {
            return new Verdict(ACCEPT, Optional.empty());
        }

        public static Verdict drop() {
            return new Verdict(DROP, Optional.empty());
        }

        public static Verdict ret() {
            return new Verdict(RETURN, Optional.empty());
        }

        public static Verdict cont() {
            return new Verdict(CONTINUE, Optional.empty());
        }

        public static Verdict jump(String chain) {
            return new Verdict(JUMP, Optional.of(chain));
        }

        public static Verdict goTo(String chain) {
            return new Verdict(GOTO, Optional.of(chain));
        }
    }
}
