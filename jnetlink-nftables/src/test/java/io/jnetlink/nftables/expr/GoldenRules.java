package io.jnetlink.nftables.expr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The rules of {@code nft-1.0.6-golden.txt} (see capture.py next to it): per rule, the NFTA_RULE_EXPRESSIONS
 * payload nft 1.0.6 sent and the expression lines {@code nft --debug=netlink} printed.
 */
record GoldenRules(String family, String table, String chain, String rule, boolean raw, boolean accepted,
                   byte[] bytes, List<String> debug) {

    static final String RESOURCE = "nft-1.0.6-golden.txt";

    @Override
    public String toString() {
        return family + " " + table + " " + chain + " | " + rule;
    }

    static List<GoldenRules> load() {
        List<GoldenRules> out = new ArrayList<>();
        try (InputStream in = GoldenRules.class.getResourceAsStream(RESOURCE);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String where = null;
            String rule = null;
            boolean raw = false;
            boolean ok = false;
            byte[] bytes = null;
            List<String> debug = new ArrayList<>();
            for (String line = r.readLine(); ; line = r.readLine()) {
                if (line == null || line.isBlank()) {
                    if (where != null) {
                        String[] w = where.trim().split("\\s+");
                        out.add(new GoldenRules(w[0], w[1], w[2], rule, raw, ok, bytes, List.copyOf(debug)));
                    }
                    where = null;
                    debug.clear();
                    if (line == null) {
                        break;
                    }
                } else if (line.startsWith("RULE ")) {
                    String spec = line.substring(5);
                    raw = spec.startsWith("raw ");
                    spec = raw ? spec.substring(4) : spec;
                    int bar = spec.indexOf('|');
                    where = spec.substring(0, bar);
                    rule = spec.substring(bar + 1).trim();
                } else if (line.startsWith("STATUS ")) {
                    ok = line.equals("STATUS ok");
                } else if (line.startsWith("BYTES ")) {
                    bytes = HexFormat.of().parseHex(line.substring(6));
                } else if (line.startsWith("[")) {
                    debug.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
