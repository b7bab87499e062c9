package io.jnetlink.nftables.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits nft source into tokens. nft's scanner recognises addresses, prefixes and ranges as single
 * tokens; here they are one {@link Token.Kind#WORD} that the compiler interprets once it knows the datatype
 * expected at that place. {@code #} starts a comment, a backslash before a line end continues the line.
 */
final class Lexer {

    private final String src;
    private final SourceInfo info;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String src, SourceInfo info) {
        this.src = src;
        this.info = info;
    }

    static List<Token> tokenize(String src, SourceInfo info) {
        return new Lexer(src, info).run();
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '/' || c == '-'
                || c == '*' || c == '%';
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            int col = pos - lineStart + 1;
            if (c == '\n') {
                out.add(new Token(Token.Kind.NEWLINE, "\n", line, col, col));
                pos++;
                line++;
                lineStart = pos;
            } else if (c == '\\' && pos + 1 < src.length() && (src.charAt(pos + 1) == '\n'
                    || (src.charAt(pos + 1) == '\r' && pos + 2 < src.length() && src.charAt(pos + 2) == '\n'))) {
                pos += src.charAt(pos + 1) == '\r' ? 3 : 2;
                line++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
                if (pos >= src.length()) {
                    // nft's scanner only ends a comment at a newline
                    throw info.error(line, col, col, "syntax error, unexpected junk");
                }
            } else if (c == '"') {
                int end = src.indexOf('"', pos + 1);
                int nl = src.indexOf('\n', pos + 1);
                if (end < 0 || (nl >= 0 && nl < end)) {
                    throw info.error(line, col, col, "unterminated string");
                }
                String s = src.substring(pos + 1, end);
                out.add(new Token(Token.Kind.STRING, s, line, col, col + s.length() + 1));
                pos = end + 1;
            } else if (wordChar(c)) {
                int start = pos;
                while (pos < src.length() && wordChar(src.charAt(pos))) {
                    pos++;
                }
                String w = src.substring(start, pos);
                if (w.length() > 1 && w.endsWith(":") && !w.endsWith("::")) {
                    // "22: accept" in a map: the colon separates key and value
                    String k = w.substring(0, w.length() - 1);
                    out.add(new Token(Token.Kind.WORD, k, line, col, col + k.length() - 1));
                    out.add(new Token(Token.Kind.PUNCT, ":", line, col + k.length(), col + k.length()));
                } else if (w.equals(".") || w.equals(":") || w.equals("-") || w.equals("/") || w.equals("*")) {
                    out.add(new Token(Token.Kind.PUNCT, w, line, col, col));
                } else {
                    out.add(new Token(Token.Kind.WORD, w, line, col, col + w.length() - 1));
                }
            } else {
                String two = pos + 1 < src.length() ? src.substring(pos, pos + 2) : "";
                if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=")
                        || two.equals("<<") || two.equals(">>")) {
                    out.add(new Token(Token.Kind.PUNCT, two, line, col, col + 1));
                    pos += 2;
                } else if ("{}()[],;=<>&|^!@$+".indexOf(c) >= 0) {
                    out.add(new Token(Token.Kind.PUNCT, String.valueOf(c), line, col, col));
                    pos++;
                } else {
                    // nft's scanner calls anything it has no rule for (\r, quotes other than ") junk
                    throw info.error(line, col, col, "syntax error, unexpected junk");
                }
            }
        }
        int col = pos - lineStart + 1;
        out.add(new Token(Token.Kind.EOF, "", line, col, col));
        return out;
    }
}
