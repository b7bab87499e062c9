package io.jnetlink.nftables.lang;

import java.util.List;

/**
 * The nft source could not be compiled. The message is formatted like nft's own errors:
 * {@code FILE:LINE:COL-COL: Error: what}, then the source line and a {@code ^^^} marker under the
 * offending token.
 */
public final class CompileException extends RuntimeException {

    private final String source;
    private final int line;
    private final int column;
    private final int endColumn;
    private final String reason;

    CompileException(String source, List<String> lines, int line, int column, int endColumn, String reason) {
        super(format(source, lines, line, column, endColumn, reason));
        this.source = source;
        this.line = line;
        this.column = column;
        this.endColumn = endColumn;
        this.reason = reason;
    }

    private static String format(String source, List<String> lines, int line, int column, int endColumn,
                                 String reason) {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(':').append(line).append(':').append(column).append('-').append(endColumn)
                .append(": Error: ").append(reason);
        if (line >= 1 && line <= lines.size()) {
            String text = lines.get(line - 1);
            sb.append('\n').append(text).append('\n');
            for (int i = 1; i < column; i++) {
                sb.append(i - 1 < text.length() && text.charAt(i - 1) == '\t' ? '\t' : ' ');
            }
            sb.append("^".repeat(Math.max(1, endColumn - column + 1)));
        }
        return sb.toString();
    }

    /** The name the source was given (a file name, or "stdin"). */
    public String sourceName() {
        return source;
    }

    /** 1-based line of the offending token. */
    public int line() {
        return line;
    }

    /** 1-based first column of the offending token. */
    public int column() {
        return column;
    }

    /** 1-based last column (inclusive) of the offending token. */
    public int endColumn() {
        return endColumn;
    }

    /** The error alone, without position and source excerpt. */
    public String reason() {
        return reason;
    }
}
