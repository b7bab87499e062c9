package io.jnetlink.oracles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent tools (ip, bridge, nft) that kernel tests compare jnetlink against. Test scope
 * only: no shipped module executes a program.
 */
public final class Oracle {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Oracle() {
    }

    /** The outcome of one command. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public Result orThrow() {
            if (exitCode != 0) {
                throw new AssertionError("oracle command failed (exit " + exitCode + "): "
                        + String.join(" ", command) + "\n" + stderr.strip());
            }
            return this;
        }
    }

    /** Runs a command with optional standard input, waiting up to two minutes. */
    public static Result run(String stdin, String... command) {
        List<String> cmd = Arrays.asList(command);
        try {
            Process p = new ProcessBuilder(cmd).start();
            CompletableFuture<String> out = readAsync(p.getInputStream());
            CompletableFuture<String> err = readAsync(p.getErrorStream());
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("oracle command timed out: " + String.join(" ", cmd));
            }
            return new Result(List.copyOf(cmd), p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", cmd), e);
        }
    }

    /** Runs a command and returns its standard output; fails the test when it exits non-zero. */
    public static String stdout(String... command) {
        return run(null, command).orThrow().stdout();
    }

    /** Runs a command and parses its standard output as JSON (empty output: an empty array). */
    public static JsonNode json(String... command) {
        String out = stdout(command);
        try {
            return out.isBlank() ? JSON.createArrayNode() : JSON.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("oracle output is not JSON: " + String.join(" ", command) + "\n" + out, e);
        }
    }

    /** Whether a program is installed. */
    public static boolean installed(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (new java.io.File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }

    static List<String> prefixed(String ns, String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        if (ns != null) {
            cmd.add("-n");
            cmd.add(ns);
        }
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /**
     * Drains a stream on its own thread: the common pool has one thread on a 2-CPU machine, so one
     * long-running command (a background tcpdump) would otherwise starve every other oracle call.
     */
    private static CompletableFuture<String> readAsync(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().name("oracle-reader").start(() -> {
            try (in) {
                result.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return result;
    }
}
