package io.jnetlink.core;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz targets for the decoders. In a normal build they run in regression mode: each stored input
 * under src/test/resources/io/jnetlink/core/DecoderFuzzTestInputs/METHOD/ (valid messages of every shape
 * jnetlink reads; add every crash input fuzzing finds) and the empty input. Regression mode needs no
 * instrumentation, so src/test/resources/junit-platform.properties sets {@code jazzer.hooks=false}. To fuzz
 * for real (works on JDK 25; about 4,000 inputs/s for parseAll on a 2-core machine):
 * <pre>{@code JAZZER_FUZZ=1 ./mvnw -o -pl jnetlink-core test -Djazzer.hooks=true -Dtest='DecoderFuzzTest#parseAll'}</pre>
 * A crash is written to the inputs directory above and stays as a regression input; the working corpus goes
 * to jnetlink-core/.cifuzz-corpus/ (not to be committed).
 *
 * <p>The property (only DecodeException may escape) is in {@link DecoderProperty}; {@link DecoderRandomTest}
 * checks the same property on 20,000 seeded inputs in every build.
 */
class DecoderFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parseAll(byte[] data) {
        DecoderProperty.parseAll(data, new DecoderProperty.Stats());
    }

    @FuzzTest(maxDuration = "2m")
    void attributes(byte[] data) {
        DecoderProperty.attributes(data, new DecoderProperty.Stats());
    }
}
