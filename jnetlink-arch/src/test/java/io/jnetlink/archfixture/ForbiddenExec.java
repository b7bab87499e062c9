package io.jnetlink.archfixture;

import java.io.IOException;

/** Fixture: what the no-exec rule must catch. Never called. */
public final class ForbiddenExec {
    private ForbiddenExec() {
    }

    static Process start() throws IOException {
        return Runtime.getRuntime().exec(new String[]{"ip", "link"});
    }
}
