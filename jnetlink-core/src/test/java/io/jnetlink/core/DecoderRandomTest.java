package io.jnetlink.core;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fuzz property of {@link DecoderFuzzTest} on 20,000 seeded inputs (half random bytes, half damaged
 * valid messages), so that it is exercised in every build even without a fuzzing corpus. The seed is
 * fixed: a failure names the input index and its bytes and reproduces.
 */
class DecoderRandomTest {

    private static final long SEED = 0x6A6E6C_2025L;
    private static final int INPUTS = 20_000;

    @Test
    void validCorpusDecodesWithoutErrorsAtTheRightHeaderLength() {
        for (byte[] valid : DecoderCorpus.valid()) {
            DecoderProperty.Stats stats = new DecoderProperty.Stats();
            DecoderProperty.parseAll(valid, stats);
            assertTrue(stats.messages >= 1 && stats.attributes >= 3, "valid input must decode: " + HexFormat.of().formatHex(valid));
        }
    }

    @Test
    void onlyDecodeExceptionEverEscapes() {
        Random rnd = new Random(SEED);
        List<byte[]> valid = DecoderCorpus.valid();
        DecoderProperty.Stats stats = new DecoderProperty.Stats();
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = i % 2 == 0 ? DecoderCorpus.random(rnd) : DecoderCorpus.mutate(rnd, valid.get(rnd.nextInt(valid.size())));
            try {
                DecoderProperty.parseAll(input, stats);
                DecoderProperty.attributes(input, stats);
            } catch (RuntimeException | AssertionError | StackOverflowError e) {
                throw new AssertionError("input #" + i + " (seed " + SEED + ") escaped with " + e + ": "
                        + HexFormat.of().formatHex(input), e);
            }
        }
        // Not vacuous: the inputs reached deep into the decoders, and damage was detected as such.
        assertTrue(stats.messages > 5_000, "messages decoded: " + stats.messages);
        assertTrue(stats.attributes > 100_000, "attributes visited: " + stats.attributes);
        assertTrue(stats.decodeErrors > 10_000, "DecodeExceptions seen: " + stats.decodeErrors);
        assertTrue(stats.families > 10, "generic netlink families decoded: " + stats.families);
    }
}
