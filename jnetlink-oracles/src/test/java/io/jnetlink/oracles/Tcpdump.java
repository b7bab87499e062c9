package io.jnetlink.oracles;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tcpdump as an independent receiver: captures the first frame matching a filter on an interface of a namespace
 * into a pcap file. tcpdump gives no readiness signal an oracle run can see, so the sender repeats its identical
 * frame until tcpdump has captured one and exited: {@link #firstFrame(Runnable)}.
 *
 * <p>Run no other oracle between {@link #start} and the end of {@link #firstFrame}: {@link Oracle} reads a
 * command's output on the common fork-join pool, and on a two-CPU machine that pool has one thread, which
 * tcpdump's output reader holds until tcpdump exits.
 */
public final class Tcpdump {

    /** Upper bound on tcpdump's life (coreutils timeout), so that a failing test leaves no process behind. */
    private static final String LIFETIME_SECONDS = "60";
    private static final int MAX_SENDS = 1000;
    private static final long PAUSE_MS = 20;

    private final Path file;
    private final CompletableFuture<Oracle.Result> run;

    private Tcpdump(Path file, CompletableFuture<Oracle.Result> run) {
        this.file = file;
        this.run = run;
    }

    /**
     * Starts {@code ip netns exec NS timeout 60 tcpdump --immediate-mode -Z root -U -n -c 1 -i IFACE -w FILE
     * FILTER...}. Immediate mode matters: with libpcap's default TPACKET_V3 ring a lone frame can wait in a
     * block that is never handed to tcpdump.
     */
    public static Tcpdump start(String netns, String iface, Path file, String... filter) {
        assertTrue(Oracle.installed("tcpdump"), "tcpdump is needed as the independent receiver (apt-get install tcpdump)");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns, "timeout", LIFETIME_SECONDS,
                "tcpdump", "--immediate-mode", "-Z", "root", "-U", "-n", "-c", "1", "-i", iface, "-w", file.toString()));
        cmd.addAll(List.of(filter));
        String[] command = cmd.toArray(String[]::new);
        // Its own thread: a pool thread blocked for tcpdump's whole life could starve other work of that pool.
        return new Tcpdump(file, CompletableFuture.supplyAsync(() -> Oracle.run(null, command),
                task -> Thread.ofPlatform().daemon().name("tcpdump-" + iface).start(task)));
    }

    /**
     * Runs {@code sendOnce} until tcpdump has captured a frame and exited, then returns that frame as the pcap
     * file holds it.
     */
    public byte[] firstFrame(Runnable sendOnce) {
        for (int i = 0; i < MAX_SENDS && !run.isDone(); i++) {
            sendOnce.run();
            pause();
        }
        Oracle.Result result = run.join().orThrow();
        List<byte[]> frames = Pcap.frames(file);
        assertEquals(1, frames.size(), "tcpdump -c 1 wrote one frame; stderr: " + result.stderr());
        return frames.getFirst();
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for tcpdump", e);
        }
    }
}
