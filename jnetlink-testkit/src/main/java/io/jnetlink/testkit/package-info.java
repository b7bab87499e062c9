/**
 * JUnit 5 support for kernel tests: {@link io.jnetlink.testkit.NetnsTest} runs each test in a fresh named
 * network namespace and hands it over as a {@link io.jnetlink.testkit.TestNamespace}.
 */
package io.jnetlink.testkit;
