package dev.switchboard.domain.metrics.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A render target, parsed: a path pattern ({@code servers.*.cpu}), a number, a quoted string, a
 * boolean, or a function call whose arguments are targets again, positional or
 * {@code name=value}: {@code summarize(sumSeries(a.{b,c}), "1h", func="max")}. Commas inside
 * <code>{…}</code> belong to the pattern. Every node keeps its source text, which names series.
 */
public sealed interface Target {

    /** The source text of this node, as written. */
    String text();

    record Path(String text) implements Target {
    }

    record Number(double value, String text) implements Target {
    }

    record Text(String value, String text) implements Target {
    }

    record Bool(boolean value, String text) implements Target {
    }

    record Call(String name, List<Target> args, Map<String, Target> keywords, String text) implements Target {

        public Call {
            args = List.copyOf(args);
            keywords = Map.copyOf(keywords);
        }
    }

    /**
     * Parses a whole target.
     *
     * @throws IllegalArgumentException with the position of the first thing that is wrong
     */
    static Target parse(String text) {
        Objects.requireNonNull(text, "'text' must not be null");
        Parser p = new Parser(text);
        Target t = p.expression();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return t;
    }

    /** Recursive descent over the text; positions are kept for the nodes' source text. */
    final class Parser {

        private static final int MAX_DEPTH = 64;
        private final String s;
        private int pos;
        private int depth;

        Parser(String s) {
            this.s = s;
        }

        Target expression() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("a target is missing");
            }
            int begin = pos;
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                int close = s.indexOf(c, pos + 1);
                if (close < 0) {
                    throw error("a string is not closed");
                }
                pos = close + 1;
                return new Text(s.substring(begin + 1, close), s.substring(begin, pos));
            }
            String word = word();
            if (word.isEmpty()) {
                throw error("unexpected '" + c + "'");
            }
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '(') {
                return call(word, begin);
            }
            if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
                return new Bool(Boolean.parseBoolean(word.toLowerCase(java.util.Locale.ROOT)), word);
            }
            if (word.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                return new Number(Double.parseDouble(word), word);
            }
            return new Path(word);
        }

        private Target call(String name, int begin) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw error("not a function name: " + name);
            }
            if (++depth > MAX_DEPTH) {
                throw error("functions nested too deep");
            }
            pos++; // (
            List<Target> args = new ArrayList<>();
            Map<String, Target> keywords = new LinkedHashMap<>();
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ')') {
                pos++;
            } else {
                while (true) {
                    skipSpace();
                    int save = pos;
                    String key = word();
                    skipSpace();
                    if (!key.isEmpty() && pos < s.length() && s.charAt(pos) == '='
                            && key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        pos++;
                        keywords.put(key, expression());
                    } else {
                        pos = save;
                        if (!keywords.isEmpty()) {
                            throw error("a positional argument after a keyword argument");
                        }
                        args.add(expression());
                    }
                    skipSpace();
                    if (pos >= s.length()) {
                        throw error("')' is missing");
                    }
                    char c = s.charAt(pos++);
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw error("expected ',' or ')'");
                    }
                }
            }
            depth--;
            return new Call(name, args, keywords, s.substring(begin, pos));
        }

        /** A bare word: up to a parenthesis, a comma outside braces, '=', or whitespace. */
        private String word() {
            int begin = pos;
            int braces = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '{') {
                    braces++;
                } else if (c == '}' && braces > 0) {
                    braces--;
                } else if (braces == 0 && (c == '(' || c == ')' || c == ',' || c == '=' || c == '"' || c == '\''
                        || Character.isWhitespace(c))) {
                    break;
                }
                pos++;
            }
            return s.substring(begin, pos);
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at position " + pos + " of: " + s);
        }
    }
}
