package io.jnetlink.archfixture;

import java.io.IOException;

/** Fixture: what the no-exec rule must catch. Never called. */
public final class ForbiddenProcessBuilder {
    private ForbiddenProcessBuilder() {
    }

    static Process start() throws IOException {
        return new ProcessBuilder("ip", "link").start();
    }
}
