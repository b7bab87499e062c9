package io.jnetlink.core.testing;

import io.jnetlink.core.ns.NetNs;
import io.jnetlink.oracles.Ip;
import io.jnetlink.oracles.Oracle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base of every kernel test in jnetlink-core: a fresh named namespace per test, {@code jnlc-PID-N},
 * created with {@link NetNs#create(String)} before and deleted after each test, plus the {@code ip}
 * oracle bound to it. Skips, with the reason, where kernel tests cannot run. (The testkit module offers
 * the same for other modules; core cannot depend on it.)
 */
@Tag("kernel")
public abstract class NetNsTestBase {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** The test's namespace, open for the whole test. */
    protected NetNs ns;
    /** Its name under /run/netns. */
    protected String nsName;
    /** {@code ip -n nsName ...}. */
    protected Ip ip;

    /** A name no other test of any concurrent build uses. */
    protected static String uniqueName(String tag) {
        return "jnlc-" + ProcessHandle.current().pid() + "-" + tag + COUNTER.incrementAndGet();
    }

    @BeforeEach
    final void createNamespace() {
        Privileges.assumeKernelTests();
        nsName = uniqueName("");
        ns = NetNs.create(nsName);
        ip = Ip.in(nsName);
    }

    @AfterEach
    final void deleteNamespace() {
        if (ns != null) {
            ns.close();
        }
        if (nsName != null && NetNs.exists(nsName)) {
            try {
                NetNs.delete(nsName);
            } catch (RuntimeException e) {
                // Never leave a namespace behind, even when jnetlink's delete is what broke.
                Oracle.run(null, "ip", "netns", "del", nsName);
                throw e;
            }
        }
    }
}
