package dev.switchboard.domain.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Value object: a Graphite path pattern. A path is split into nodes at each {@code .}; every
 * node of the pattern matches exactly one node of a key, so no wildcard ever crosses a dot:
 * {@code *} (any run of characters, also none), {@code ?} (one character), {@code [a-z0-9]} and
 * {@code [!...]}/{@code [^...]} (one character of / not of a class), {@code {a,b*}} (one of the
 * alternatives, each itself a pattern). A {@code [} or <code>{</code> without its closing bracket
 * is an ordinary character. {@code cpu.*} matches {@code cpu.user} but not {@code cpu.user.max}.
 */
public final class MetricGlob {

    private final String text;
    private final List<Node> nodes;

    private MetricGlob(String text, List<Node> nodes) {
        this.text = text;
        this.nodes = nodes;
    }

    /** Compiles a pattern; any non-empty text without whitespace is a pattern. */
    public static MetricGlob of(String text) {
        Objects.requireNonNull(text, "'text' must not be null");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a pattern must not be empty");
        }
        List<Node> nodes = new ArrayList<>();
        for (String node : splitNodes(text)) {
            nodes.add(Node.compile(node));
        }
        return new MetricGlob(text, List.copyOf(nodes));
    }

    /**
     * Whether the classic protocol reads this text as a pattern rather than one key: it holds
     * {@code *}, {@code [} or <code>{</code> (SPEC 13; a lone {@code *} stays "every key").
     */
    public static boolean isPattern(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    public String text() {
        return text;
    }

    public int nodeCount() {
        return nodes.size();
    }

    /** Whether the whole key matches: as many nodes as the pattern, each matching its own. */
    public boolean matches(String key) {
        int node = 0;
        int start = 0;
        int n = key.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || key.charAt(i) == '.') {
                if (node >= nodes.size() || !nodes.get(node).matches(key.substring(start, i))) {
                    return false;
                }
                node++;
                start = i + 1;
            }
        }
        return node == nodes.size();
    }

    public boolean matches(MetricKey key) {
        return matches(key.value());
    }

    /** Whether node {@code index} (0-based) of the pattern matches one node text. */
    public boolean matchesNode(int index, String nodeText) {
        return nodes.get(index).matches(nodeText);
    }

    /**
     * The leading nodes that hold no wildcard, joined by dots and followed by a dot
     * ({@code "servers.web1."} for {@code servers.web1.cpu.*}); empty when the first node is a
     * pattern. Every matching key starts with it, so a sorted key listing can be cut to a range.
     */
    public String literalPrefix() {
        StringBuilder prefix = new StringBuilder();
        for (Node node : nodes) {
            if (node.literal == null) {
                break;
            }
            prefix.append(node.literal).append('.');
        }
        return prefix.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricGlob other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** Splits at dots outside braces, so {@code {a,b}} stays one node. */
    private static List<String> splitNodes(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '.') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** One node: a literal compared as text, or a compiled pattern. */
    private static final class Node {

        final String literal;
        final Pattern pattern;

        private Node(String literal, Pattern pattern) {
            this.literal = literal;
            this.pattern = pattern;
        }

        static Node compile(String node) {
            StringBuilder regex = new StringBuilder();
            boolean wild = translate(node, 0, node.length(), regex);
            return wild ? new Node(null, Pattern.compile(regex.toString(), Pattern.DOTALL)) : new Node(node, null);
        }

        boolean matches(String text) {
            return literal != null ? literal.equals(text) : pattern.matcher(text).matches();
        }

        /** Appends the regex of {@code node[from, to)}; answers whether it holds a wildcard. */
        private static boolean translate(String node, int from, int to, StringBuilder out) {
            boolean wild = false;
            int i = from;
            while (i < to) {
                char c = node.charAt(i);
                if (c == '*') {
                    out.append(".*");
                    wild = true;
                    i++;
                } else if (c == '?') {
                    out.append('.');
                    wild = true;
                    i++;
                } else if (c == '[' && closing(node, i, to, '[', ']') > i + 1) {
                    int end = closing(node, i, to, '[', ']');
                    charClass(node, i + 1, end, out);
                    wild = true;
                    i = end + 1;
                } else if (c == '{' && closing(node, i, to, '{', '}') > i) {
                    int end = closing(node, i, to, '{', '}');
                    out.append("(?:");
                    int depth = 0;
                    int altStart = i + 1;
                    for (int j = i + 1; j <= end; j++) {
                        char d = node.charAt(j);
                        if (d == '{') {
                            depth++;
                        } else if (d == '}' && depth > 0) {
                            depth--;
                        } else if ((d == ',' && depth == 0) || j == end) {
                            translate(node, altStart, j, out);
                            out.append(j == end ? ")" : "|");
                            altStart = j + 1;
                        }
                    }
                    wild = true;
                    i = end + 1;
                } else {
                    literal(c, out);
                    i++;
                }
            }
            return wild;
        }

        /** Index of the bracket closing the one at {@code open}, or -1; braces nest, classes do not. */
        private static int closing(String node, int open, int to, char opening, char close) {
            int depth = 0;
            for (int i = open; i < to; i++) {
                char c = node.charAt(i);
                if (c == opening && (opening == '{' || i == open)) {
                    depth++;
                } else if (c == close) {
                    depth--;
                    if (depth == 0) {
                        return i;
                    }
                }
            }
            return -1;
        }

        private static void charClass(String node, int from, int to, StringBuilder out) {
            out.append('[');
            int i = from;
            if (node.charAt(i) == '!' || node.charAt(i) == '^') {
                out.append('^');
                i++;
            }
            for (; i < to; i++) {
                char c = node.charAt(i);
                if (c == '-' && i > from && i < to - 1) {
                    out.append('-');
                } else {
                    literal(c, out);
                }
            }
            out.append(']');
        }

        private static void literal(char c, StringBuilder out) {
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append('\\').append(c);
            }
        }
    }
}
