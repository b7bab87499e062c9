package io.jnetlink.nftables.lang;

import java.util.List;

/** The source name and its lines, to build errors that quote the offending line. */
record SourceInfo(String name, List<String> lines) {

    static SourceInfo of(String name, String text) {
        return new SourceInfo(name, text.lines().toList());
    }

    CompileException error(int line, int col, int endCol, String reason) {
        return new CompileException(name, lines, line, col, endCol, reason);
    }

    CompileException error(Token t, String reason) {
        return error(t.line(), t.col(), Math.max(t.col(), t.endCol()), reason);
    }
}
