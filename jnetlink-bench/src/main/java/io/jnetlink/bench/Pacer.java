package io.jnetlink.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * The {@code --paced} protocol the bench/ scripts drive the workloads with: after the warm-up rounds the
 * workload prints {@value #READY}, then runs one counted round per line read from standard input, so that the
 * script can interleave it with the other contenders.
 */
final class Pacer {

    static final String READY = "ready";

    private final BufferedReader in;

    /** @param in standard input when paced, null when the rounds run back to back */
    Pacer(BufferedReader in) {
        this.in = in;
    }

    /**
     * Called before each round: waits for the script's go before a counted round (announcing readiness before
     * the first). Returns false when the script closed standard input: the run ends there.
     */
    boolean awaitRound(int round, int warmup, PrintStream out, PrintStream log) {
        if (in == null || round < warmup) {
            return true;
        }
        if (round == warmup) {
            out.println(READY);
            out.flush();
        }
        try {
            if (in.readLine() != null) {
                return true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the pace from stdin", e);
        }
        log.println("# stdin closed after " + (round - warmup) + " counted rounds");
        return false;
    }
}
