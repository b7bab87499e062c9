package io.jnetlink.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command line shared by the end-to-end harnesses ({@link RouteWorkload}, {@link L2Workload}):
 * {@code --netns NAME}, {@code --mode batch|single}, {@code --warmup N}, {@code --repeat N}, {@code --paced},
 * plus each harness's own valued options. Every mistake is an IllegalArgumentException naming the option.
 */
final class HarnessOptions {

    private final Map<String, String> values;
    private final boolean paced;

    private HarnessOptions(Map<String, String> values, boolean paced) {
        this.values = values;
        this.paced = paced;
    }

    /** Parses {@code args}; {@code ownOptions} are the harness's valued options beyond the shared ones. */
    static HarnessOptions parse(String[] args, String... ownOptions) {
        List<String> valued = new ArrayList<>(List.of("--netns", "--mode", "--warmup", "--repeat"));
        valued.addAll(List.of(ownOptions));
        Map<String, String> opts = new TreeMap<>();
        boolean paced = false;
        int i = 0;
        while (i < args.length) {
            String key = args[i];
            if (key.equals("--paced")) {
                paced = true;
                i++;
                continue;
            }
            if (!valued.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(key + " needs a value");
            }
            opts.put(key, args[i + 1]);
            i += 2;
        }
        return new HarnessOptions(opts, paced);
    }

    /** The namespace the script created. */
    String netns() {
        String netns = values.get("--netns");
        if (netns == null) {
            throw new IllegalArgumentException("--netns is required (the script creates the namespace)");
        }
        return netns;
    }

    /** {@code --mode batch} (the default) or {@code single}. */
    boolean batch() {
        String mode = values.getOrDefault("--mode", "batch");
        if (!mode.equals("batch") && !mode.equals("single")) {
            throw new IllegalArgumentException("--mode must be batch or single, not '" + mode + "'");
        }
        return mode.equals("batch");
    }

    int warmup() {
        return count("--warmup", 10);
    }

    int repeat() {
        int repeat = count("--repeat", 5);
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1");
        }
        return repeat;
    }

    /** The raw value of an option, or null. */
    String get(String key) {
        return values.get(key);
    }

    /** A non-negative number option. */
    int count(String key, int fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new IllegalArgumentException(key + " must not be negative: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number: '" + v + "'");
        }
    }

    boolean paced() {
        return paced;
    }

    /** With --paced, the script's handshake arrives on standard input; otherwise none. */
    BufferedReader paceReader() {
        return paced ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) : null;
    }
}
