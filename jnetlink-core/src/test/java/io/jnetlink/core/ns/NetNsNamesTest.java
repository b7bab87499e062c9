package io.jnetlink.core.ns;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names are validated before anything touches /run/netns (no privileges needed). */
class NetNsNamesTest {

    static Stream<String> invalidNames() {
        return Stream.of("a/b", "..", ".", "", "../etc", "with space", "tab\there", "x".repeat(256));
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void invalidNamesAreRejectedNamingTheValue(String name) {
        for (Runnable op : new Runnable[]{
                () -> NetNs.create(name), () -> NetNs.open(name), () -> NetNs.delete(name), () -> NetNs.exists(name)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, op::run);
            assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blue", "a.b", "x_y-z", "ns:1@2+3", "..."})
    void validNamesPassValidation(String name) {
        // exists() only validates and stats: a valid name that is not there is simply absent.
        assertTrue(!NetNs.exists(name + "-jnlc-absent-" + ProcessHandle.current().pid()));
    }
}
