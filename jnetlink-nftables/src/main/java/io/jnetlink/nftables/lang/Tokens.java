package io.jnetlink.nftables.lang;

import java.util.List;

/** A cursor over tokens with nft-style error reporting. */
final class Tokens {

    private final List<Token> toks;
    private final SourceInfo info;
    private int pos;

    Tokens(List<Token> toks, SourceInfo info) {
        this.toks = toks;
        this.info = info;
    }

    SourceInfo info() {
        return info;
    }

    int mark() {
        return pos;
    }

    void reset(int mark) {
        pos = mark;
    }

    Token peek() {
        return toks.get(pos);
    }

    Token peek(int ahead) {
        int i = Math.min(pos + ahead, toks.size() - 1);
        return toks.get(i);
    }

    /** The last token consumed (the first token when nothing was). */
    Token prev() {
        return toks.get(Math.max(0, pos - 1));
    }

    Token next() {
        Token t = toks.get(pos);
        if (t.kind() != Token.Kind.EOF) {
            pos++;
        }
        return t;
    }

    boolean at(String s) {
        return peek().is(s);
    }

    boolean accept(String s) {
        if (at(s)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(String s) {
        Token t = peek();
        if (!t.is(s)) {
            throw error(t, "syntax error, unexpected " + t.describe() + ", expecting '" + s + "'");
        }
        return next();
    }

    /** A name: a word or a quoted string. */
    Token name(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.STRING) {
            throw error(t, "syntax error, unexpected " + t.describe() + ", expecting " + what);
        }
        return next();
    }

    Token word(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.WORD) {
            throw error(t, "syntax error, unexpected " + t.describe() + ", expecting " + what);
        }
        return next();
    }

    Token string(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.STRING && t.kind() != Token.Kind.WORD) {
            throw error(t, "syntax error, unexpected " + t.describe() + ", expecting " + what);
        }
        return next();
    }

    /** A comment string: nft allows at most 128 characters (NFT_USERDATA_MAXLEN comments). */
    Token comment() {
        Token c = string("comment");
        if (c.text().length() > 128) {
            throw error(c, "comment too long, 128 characters maximum allowed");
        }
        return c;
    }

    long number(String what) {
        Token t = word(what);
        try {
            String s = t.text();
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(t, "invalid " + what + " '" + t.text() + "'");
        }
    }

    void skipNewlines() {
        while (peek().kind() == Token.Kind.NEWLINE) {
            next();
        }
    }

    /** Skips newlines and semicolons. */
    void skipSeparators() {
        while (peek().kind() == Token.Kind.NEWLINE || peek().is(";")) {
            next();
        }
    }

    /** Ends a statement: a newline, ';', or (without consuming it) '}' or end of file. */
    void endOfStatement() {
        Token t = peek();
        if (t.kind() == Token.Kind.NEWLINE || t.is(";")) {
            next();
        } else if (!t.is("}") && t.kind() != Token.Kind.EOF) {
            throw error(t, "syntax error, unexpected " + t.describe() + ", expecting newline or semicolon");
        }
    }

    CompileException error(Token t, String reason) {
        return info.error(t, reason);
    }
}
