/** JUnit 5 support for tests that need a fresh network namespace. */
module io.jnetlink.testkit {
    requires transitive io.jnetlink.core;
    requires transitive org.junit.jupiter.api;

    exports io.jnetlink.testkit;
}
