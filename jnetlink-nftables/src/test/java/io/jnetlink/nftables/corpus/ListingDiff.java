package io.jnetlink.nftables.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified-style line diff of two listings, for failure messages: hunks with three lines of context,
 * {@code -} for lines only the expected listing has, {@code +} for lines only the actual one has.
 */
final class ListingDiff {

    private static final int CONTEXT = 3;

    private ListingDiff() {
    }

    /** The diff of {@code expected} against {@code actual}; empty when they are equal. */
    static String unified(String expectedName, String expected, String actualName, String actual) {
        if (expected.equals(actual)) {
            return "";
        }
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(expectedName).append('\n');
        out.append("+++ ").append(actualName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).kind == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            // One hunk runs on while the next change is at most 2 * CONTEXT unchanged lines away.
            int lastChange = i;
            for (int j = i; j < edits.size() && j - lastChange <= 2 * CONTEXT; j++) {
                if (edits.get(j).kind != ' ') {
                    lastChange = j;
                }
            }
            int end = Math.min(edits.size() - 1, lastChange + CONTEXT);
            Edit first = edits.get(start);
            int aLen = 0;
            int bLen = 0;
            for (int j = start; j <= end; j++) {
                char k = edits.get(j).kind;
                if (k != '+') {
                    aLen++;
                }
                if (k != '-') {
                    bLen++;
                }
            }
            out.append("@@ -").append(first.aLine + 1).append(',').append(aLen)
                    .append(" +").append(first.bLine + 1).append(',').append(bLen).append(" @@\n");
            for (int j = start; j <= end; j++) {
                Edit e = edits.get(j);
                out.append(e.kind).append(e.text).append('\n');
            }
            i = end + 1;
        }
        return out.toString();
    }

    private record Edit(char kind, String text, int aLine, int bLine) {
    }

    private static List<String> lines(String s) {
        return List.of(s.split("\n", -1));
    }

    /** Longest common subsequence on lines; listings are a few thousand lines at most. */
    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(new Edit(' ', a.get(i), i, j));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Edit('-', a.get(i), i, j));
                i++;
            } else {
                out.add(new Edit('+', b.get(j), i, j));
                j++;
            }
        }
        return out;
    }
}
