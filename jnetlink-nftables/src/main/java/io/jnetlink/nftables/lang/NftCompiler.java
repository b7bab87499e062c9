package io.jnetlink.nftables.lang;

import io.jnetlink.nftables.model.Ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles nft's own language, in process, into transaction operations: ruleset files ({@code flush ruleset},
 * {@code table inet filter { chain input { type filter hook input priority 0; policy drop; ... } }},
 * {@code define}s and {@code $variables}) and commands ({@code add rule inet filter input tcp dport 22 accept},
 * {@code delete rule ... handle 5}, {@code add element ...}). The operations carry the same expressions
 * nft 1.0.6 sends, so that {@code nft list ruleset} prints the same after applying them as after
 * {@code nft -f} of the same text.
 *
 * <p>Equivalent to: {@code nft -f FILE} (compilation only; apply the {@link Script#ops()} with
 * {@code Nftables.apply}).
 */
public final class NftCompiler {

    private NftCompiler() {
    }

    /**
     * Compiles a script that refers only to what it declares itself (or to kernel objects whose types it does
     * not need).
     *
     * @param sourceName how errors name the source ("ruleset.nft", "stdin")
     * @throws CompileException with line and column of the offending token
     */
    public static Script compile(String text, String sourceName) {
        return compile(text, sourceName, null);
    }

    /**
     * Compiles a script against the current ruleset: commands like {@code add rule ... ip saddr @blocklist}
     * or {@code add element} take key types from existing sets, {@code index N} resolves to a rule handle,
     * and jumps are checked against existing chains.
     *
     * @param existing the kernel's ruleset (may be null: nothing known)
     * @throws CompileException with line and column of the offending token
     */
    public static Script compile(String text, String sourceName, Ruleset existing) {
        return compile(text, sourceName, existing, Interfaces.ofProcess());
    }

    /**
     * Compiles a script for the network namespace whose interface names {@code interfaces} resolves (for
     * {@code iif}/{@code oif} and ifindex-typed elements): pass {@code netns::interfaceIndex} when the rules
     * are for another namespace than the process's own.
     *
     * @param existing the kernel's ruleset (may be null: nothing known)
     * @throws CompileException with line and column of the offending token
     */
    public static Script compile(String text, String sourceName, Ruleset existing, Interfaces interfaces) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(interfaces, "interfaces");
        Objects.requireNonNull(sourceName, "sourceName");
        SourceInfo info = SourceInfo.of(sourceName, text);
        List<Token> tokens = expandDefines(Lexer.tokenize(text, info), info);
        Tokens t = new Tokens(tokens, info);
        return new Script(new ScriptCompiler(t, existing, interfaces).compile());
    }

    /** Lookups through every enclosing scope; definitions go to the innermost. */
    private static final class ScopedDefs extends java.util.AbstractMap<String, List<Token>> {
        private final java.util.ArrayDeque<Map<String, List<Token>>> scopes;

        ScopedDefs(java.util.ArrayDeque<Map<String, List<Token>>> scopes) {
            this.scopes = scopes;
        }

        @Override
        public List<Token> get(Object key) {
            for (Map<String, List<Token>> m : scopes) {
                List<Token> v = m.get(key);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            return scopes.peek().containsKey(key);
        }

        @Override
        public List<Token> put(String key, List<Token> value) {
            return scopes.peek().put(key, value);
        }

        @Override
        public List<Token> remove(Object key) {
            for (Map<String, List<Token>> m : scopes) {
                if (m.containsKey(key)) {
                    return m.remove(key);
                }
            }
            return null;
        }

        @Override
        public java.util.Set<Entry<String, List<Token>>> entrySet() {
            java.util.Set<Entry<String, List<Token>>> all = new java.util.HashSet<>();
            scopes.forEach(m -> all.addAll(m.entrySet()));
            return all;
        }
    }

    /**
     * Applies {@code define NAME = value}, {@code redefine}, {@code undefine} and replaces {@code $NAME} with
     * the value's tokens (positioned at the use, so errors point there).
     */
    static List<Token> expandDefines(List<Token> in, SourceInfo info) {
        // defines are scoped by braces as in nft: one made inside a chain block ends with the block
        java.util.ArrayDeque<Map<String, List<Token>>> scopes = new java.util.ArrayDeque<>();
        scopes.push(new HashMap<>());
        Map<String, List<Token>> defs = new ScopedDefs(scopes);
        List<Token> out = new ArrayList<>();
        boolean stmtStart = true;
        for (int i = 0; i < in.size(); i++) {
            Token tok = in.get(i);
            if (stmtStart && (tok.is("define") || tok.is("redefine")) && i + 2 < in.size()
                    && in.get(i + 1).kind() == Token.Kind.WORD && in.get(i + 2).is("=")) {
                String name = in.get(i + 1).text();
                if (tok.is("define") && defs.containsKey(name)) {
                    throw info.error(in.get(i + 1), "redefinition of symbol '" + name + "'");
                }
                List<Token> value = new ArrayList<>();
                int depth = 0;
                int j = i + 3;
                for (; j < in.size(); j++) {
                    Token v = in.get(j);
                    if (v.kind() == Token.Kind.EOF) {
                        break;
                    }
                    if (depth == 0 && (v.kind() == Token.Kind.NEWLINE || v.is(";"))) {
                        break;
                    }
                    if (v.is("{")) {
                        depth++;
                    } else if (v.is("}")) {
                        depth--;
                    }
                    if (v.is("$") && j + 1 < in.size()) {
                        Token ref = in.get(j + 1);
                        List<Token> sub = defs.get(ref.text());
                        if (sub == null) {
                            throw info.error(ref, "unknown identifier '" + ref.text() + "'");
                        }
                        for (Token s : sub) {
                            value.add(s.at(ref));
                        }
                        j++;
                        continue;
                    }
                    if (v.kind() == Token.Kind.NEWLINE) {
                        continue;
                    }
                    value.add(v);
                }
                if (value.isEmpty()) {
                    throw info.error(tok, "define '" + name + "' has no value");
                }
                Token v0 = value.getFirst();
                if (v0.isWord() && java.util.Set.of("accept", "drop", "return", "continue", "jump", "goto", "queue")
                        .contains(v0.text())) {
                    // nft 1.0.6's grammar has no verdicts in defines
                    throw info.error(v0, "syntax error, unexpected " + v0.text());
                }
                defs.put(name, value);
                i = j;
                stmtStart = true;
                continue;
            }
            if (stmtStart && tok.is("undefine") && i + 1 < in.size()) {
                Token n = in.get(i + 1);
                if (defs.remove(n.text()) == null) {
                    throw info.error(n, "undefined symbol '" + n.text() + "'");
                }
                i++;
                continue;
            }
            if (tok.is("$") && tok.kind() == Token.Kind.PUNCT) {
                if (i + 1 >= in.size() || in.get(i + 1).kind() != Token.Kind.WORD) {
                    throw info.error(tok, "syntax error, unexpected '$'");
                }
                Token ref = in.get(i + 1);
                List<Token> sub = defs.get(ref.text());
                if (sub == null) {
                    Token span = new Token(Token.Kind.WORD, "$" + ref.text(), tok.line(), tok.col(), ref.endCol());
                    throw info.error(span, "unknown identifier '" + ref.text() + "'");
                }
                Token span = new Token(Token.Kind.WORD, "$" + ref.text(), tok.line(), tok.col(), ref.endCol());
                for (Token s : sub) {
                    out.add(s.at(span));
                }
                i++;
                stmtStart = false;
                continue;
            }
            out.add(tok);
            if (tok.is("{")) {
                scopes.push(new HashMap<>());
            } else if (tok.is("}") && scopes.size() > 1) {
                scopes.pop();
            }
            stmtStart = tok.kind() == Token.Kind.NEWLINE || tok.is(";") || tok.is("{") || tok.is("}");
        }
        return out;
    }
}
