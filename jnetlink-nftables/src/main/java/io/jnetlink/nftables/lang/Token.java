package io.jnetlink.nftables.lang;

/**
 * One lexical token of the nft language with its position (1-based line and columns, end inclusive) so that
 * errors can point at it the way nft does.
 */
record Token(Kind kind, String text, int line, int col, int endCol) {

    enum Kind {
        /** Identifiers, numbers, addresses, ranges and prefixes: anything nft does not split. */
        WORD,
        /** A double-quoted string, without its quotes. */
        STRING,
        /** Operators and punctuation: { } ( ) [ ] , ; = == != < > <= >= & | ^ ! @ $ . : + - / * << >>. */
        PUNCT,
        /** A line end, which separates statements like ';'. */
        NEWLINE,
        EOF
    }

    boolean is(String s) {
        return (kind == Kind.WORD || kind == Kind.PUNCT) && text.equals(s);
    }

    boolean isWord() {
        return kind == Kind.WORD;
    }

    boolean isEnd() {
        return kind == Kind.NEWLINE || kind == Kind.EOF || (kind == Kind.PUNCT && (text.equals(";")
                || text.equals("}")));
    }

    /** A copy of this token placed where a $variable was used, so errors point at the use. */
    Token at(Token use) {
        return new Token(kind, text, use.line, use.col, use.endCol);
    }

    /** The same position with other text (a part of a comma-joined word). */
    Token withText(String newText) {
        return new Token(kind, newText, line, col, endCol);
    }

    String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case NEWLINE -> "newline";
            case STRING -> "string \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
