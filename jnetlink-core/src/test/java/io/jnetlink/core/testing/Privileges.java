package io.jnetlink.core.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether kernel tests can run here: they need CAP_SYS_ADMIN (setns, mount under /run/netns) and
 * CAP_NET_ADMIN (changing links and addresses), read from CapEff in /proc/self/status, and can be switched
 * off with {@code -Djnetlink.kernelTests=false}.
 */
public final class Privileges {

    /** linux/capability.h */
    static final int CAP_NET_ADMIN = 12;
    static final int CAP_SYS_ADMIN = 21;

    private Privileges() {
    }

    /** Skips the calling test, saying why, unless kernel tests can run. */
    public static void assumeKernelTests() {
        Assumptions.assumeFalse("false".equalsIgnoreCase(System.getProperty("jnetlink.kernelTests")),
                "kernel tests switched off with -Djnetlink.kernelTests=false");
        BigInteger caps = effectiveCapabilities();
        Assumptions.assumeTrue(caps.testBit(CAP_SYS_ADMIN) && caps.testBit(CAP_NET_ADMIN),
                "kernel tests need CAP_SYS_ADMIN and CAP_NET_ADMIN (run as root); CapEff is " + caps.toString(16));
    }

    /** The CapEff mask of this process. */
    public static BigInteger effectiveCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring("CapEff:".length()).strip(), 16);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("read /proc/self/status", e);
        }
        return BigInteger.ZERO;
    }
}
