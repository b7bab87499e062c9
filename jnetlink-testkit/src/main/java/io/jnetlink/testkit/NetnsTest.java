package io.jnetlink.testkit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs each test of the annotated class (or the annotated test) inside a fresh named network namespace,
 * deleted afterwards. Declare a {@link TestNamespace} parameter to get it:
 * <pre>{@code
 * @NetnsTest
 * class LinkTest {
 *     @Test
 *     void addsVeth(TestNamespace ns) {
 *         try (var rt = ns.openSocket(NetlinkProtocol.ROUTE)) { ... }
 *         // check with an independent oracle: ip -n <ns.name()> -j link
 *     }
 * }
 * }</pre>
 * Without the privileges to create namespaces (root, or CAP_SYS_ADMIN and CAP_NET_ADMIN), the tests are
 * reported as skipped with that reason; set {@code -Djnetlink.kernelTests=false} to skip them deliberately.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NetnsExtension.class)
@Tag("kernel")
public @interface NetnsTest {
}
