package io.jnetlink.testkit;

import io.jnetlink.core.ns.NetNs;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates a named namespace before each test and deletes it afterwards (see {@link NetnsTest}).
 * Namespaces left behind by a test JVM that died are removed when the next one starts.
 */
public final class NetnsExtension implements ExecutionCondition, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

    /** Prefix of every namespace the testkit creates: {@code jnlt-<pid>-<n>}. */
    public static final String PREFIX = "jnlt-";

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(NetnsExtension.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Object SWEEP_LOCK = new Object();
    private static boolean swept;

    /** Created by JUnit through {@link NetnsTest}'s {@code @ExtendWith}. */
    public NetnsExtension() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Privileges.whyKernelTestsCannotRun()
                .map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("can create network namespaces"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sweepStale();
        String name = PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        NetNs ns = NetNs.create(name);
        context.getStore(STORE).put(TestNamespace.class, new TestNamespace(name, ns));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        TestNamespace t = context.getStore(STORE).remove(TestNamespace.class, TestNamespace.class);
        if (t != null) {
            try {
                t.close();
            } finally {
                NetNs.delete(t.name());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        TestNamespace t = e.getStore(STORE).get(TestNamespace.class, TestNamespace.class);
        if (t == null) {
            throw new IllegalStateException("TestNamespace is available in test methods only (not in @BeforeAll)");
        }
        return t;
    }

    /** Deletes jnlt-PID-N namespaces whose PID no longer runs. */
    private static void sweepStale() {
        synchronized (SWEEP_LOCK) {
            if (swept) {
                return;
            }
            swept = true;
            for (String n : NetNs.list()) {
                if (!n.startsWith(PREFIX)) {
                    continue;
                }
                String[] parts = n.substring(PREFIX.length()).split("-");
                Optional<Long> pid = parseLong(parts[0]);
                if (pid.isPresent() && ProcessHandle.of(pid.get()).isEmpty()) {
                    try {
                        NetNs.delete(n);
                    } catch (RuntimeException ignored) {
                        // another JVM may be sweeping too
                    }
                }
            }
        }
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether this process can run kernel tests, from /proc/self/status. */
    static final class Privileges {
        private static final long CAP_NET_ADMIN = 1L << 12;
        private static final long CAP_SYS_ADMIN = 1L << 21;

        private Privileges() {
        }

        static Optional<String> whyKernelTestsCannotRun() {
            if ("false".equalsIgnoreCase(System.getProperty("jnetlink.kernelTests"))) {
                return Optional.of("kernel tests switched off with -Djnetlink.kernelTests=false");
            }
            if (!Files.exists(Path.of("/proc/self/ns/net"))) {
                return Optional.of("no network namespace support: /proc/self/ns/net is missing");
            }
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("CapEff:")) {
                        long caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                        if ((caps & CAP_NET_ADMIN) == 0 || (caps & CAP_SYS_ADMIN) == 0) {
                            return Optional.of("kernel tests need CAP_NET_ADMIN and CAP_SYS_ADMIN (run as root);"
                                    + " effective capabilities are " + Long.toHexString(caps));
                        }
                        return Optional.empty();
                    }
                }
            } catch (IOException e) {
                return Optional.of("cannot read /proc/self/status: " + e.getMessage());
            }
            return Optional.of("no CapEff line in /proc/self/status");
        }
    }
}
