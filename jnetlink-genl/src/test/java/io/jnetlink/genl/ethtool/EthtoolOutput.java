package io.jnetlink.genl.ethtool;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The text of {@code ethtool -k DEV} and of the "Actual changes" of {@code ethtool -K}, parsed, and compared
 * with what jnetlink decoded: ethtool is the independent oracle for features.
 */
final class EthtoolOutput {

    private EthtoolOutput() {
    }

    /** One line: {@code [\t]name: on|off[ [fixed]| [requested on]|...]}. */
    record Line(String name, boolean on, String suffix) {
    }

    private static final Pattern LINE = Pattern.compile("^\\t?([^:\\s]+): (on|off)( \\[[a-z ]+])?$");

    /** Feature lines by name, in ethtool's order (headers such as "Features for v0:" skipped). */
    static Map<String, Line> parse(String text) {
        Map<String, Line> out = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            Matcher m = LINE.matcher(raw);
            if (m.matches()) {
                String suffix = m.group(3) == null ? "" : m.group(3).strip();
                out.put(m.group(1), new Line(m.group(1), m.group(2).equals("on"), suffix));
            }
        }
        return out;
    }

    /** ethtool's suffix for a feature: dump_feature in ethtool's netlink/features.c. */
    static String suffix(Feature f) {
        if (f.fixed()) {
            return "[fixed]";
        }
        if (f.active() != f.wanted()) {
            return f.wanted() ? "[requested on]" : "[requested off]";
        }
        return "";
    }

    /**
     * Every line of {@code ethtool -k} agrees with {@code features}: state and suffix of each kernel feature, the
     * state of each alias line; and every named feature jnetlink decoded appears in ethtool's output.
     */
    static void assertMatches(Features features, String ethtoolK) {
        Map<String, Line> lines = parse(ethtoolK);
        assertTrue(lines.size() > 20, "ethtool -k printed too few feature lines:\n" + ethtoolK);
        for (Line line : lines.values()) {
            var alias = FeatureAlias.byName(line.name());
            if (alias.isPresent()) {
                List<Feature> matching = features.features().stream().filter(f -> alias.get().matches(f.name())).toList();
                assertEquals(line.on(), features.isActive(line.name()), "ethtool: " + line);
                if (matching.size() == 1) {
                    assertEquals(line.suffix(), suffix(matching.getFirst()), "ethtool: " + line);
                } else {
                    assertEquals("", line.suffix(), "ethtool: " + line);
                }
                continue;
            }
            Feature f = features.feature(line.name())
                    .orElseGet(() -> fail("ethtool -k lists '" + line.name() + "', jnetlink decoded no such feature"));
            assertEquals(line.on(), f.active(), "active state of " + f + ", ethtool: " + line);
            assertEquals(line.suffix(), suffix(f), "suffix of " + f + ", ethtool: " + line);
        }
        for (Feature f : features.features()) {
            boolean listed = lines.containsKey(f.name());
            for (FeatureAlias a : FeatureAlias.values()) {
                long n = features.features().stream().filter(g -> a.matches(g.name())).count();
                listed |= a.matches(f.name()) && n == 1 && lines.containsKey(a.longName());
            }
            assertTrue(listed, "jnetlink decoded " + f + ", which ethtool -k does not list");
        }
    }

    /** The "Actual changes" of {@code ethtool -K} agree with what jnetlink decoded from the same reply. */
    static void assertMatches(FeatureChanges changes, String ethtoolKOutput) {
        Map<String, Line> lines = parse(ethtoolKOutput);
        Set<String> names = new HashSet<>(changes.changed().keySet());
        names.addAll(changes.notApplied().keySet());
        assertEquals(names, lines.keySet(), "features ethtool reports as changed or not applied");
        for (Line line : lines.values()) {
            if (line.suffix().startsWith("[requested ")) {
                boolean requested = line.suffix().equals("[requested on]");
                assertEquals(requested, changes.notApplied().get(line.name()), "ethtool: " + line);
            } else {
                assertEquals(line.on(), changes.changed().get(line.name()), "ethtool: " + line);
            }
        }
    }
}
