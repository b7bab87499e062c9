package io.jnetlink.oracles;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The `nft` oracle inside one named network namespace (ip netns exec NAME nft ...). */
public final class Nft {

    private final String netns;

    private Nft(String netns) {
        this.netns = netns;
    }

    public static Nft in(String netns) {
        return new Nft(netns);
    }

    /** `nft ARGS`; fails the test on a non-zero exit. */
    public String run(String... args) {
        return Oracle.stdout(cmd(args).toArray(String[]::new));
    }

    /** `nft ARGS` whatever the outcome. */
    public Oracle.Result attempt(String... args) {
        return Oracle.run(null, cmd(args).toArray(String[]::new));
    }

    /** `nft -f -` with {@code script} on standard input; fails the test on a non-zero exit. */
    public String apply(String script) {
        return Oracle.run(script, cmd("-f", "-").toArray(String[]::new)).orThrow().stdout();
    }

    /** `nft -f -` whatever the outcome. */
    public Oracle.Result attemptApply(String script) {
        return Oracle.run(script, cmd("-f", "-").toArray(String[]::new));
    }

    /** `nft list ruleset` text. */
    public String listRuleset() {
        return run("list", "ruleset");
    }

    /** `nft -j list ruleset`. */
    public JsonNode jsonRuleset() {
        List<String> cmd = new ArrayList<>(cmd("-j", "list", "ruleset"));
        return Oracle.json(cmd.toArray(String[]::new));
    }

    /** `nft --debug=netlink ARGS`: the expressions nft sends, in libnftnl's debug notation. */
    public String debugNetlink(String... args) {
        List<String> a = new ArrayList<>(List.of("--debug=netlink"));
        a.addAll(List.of(args));
        return run(a.toArray(String[]::new));
    }

    /** Counter values replaced by 0 ("packets N bytes M"), the one difference corpus comparisons ignore. */
    public static String withoutCounters(String listing) {
        return listing.replaceAll("packets \\d+ bytes \\d+", "packets 0 bytes 0");
    }

    private List<String> cmd(String... args) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", netns, "nft"));
        c.addAll(List.of(args));
        return c;
    }

    public String netns() {
        return netns;
    }
}
