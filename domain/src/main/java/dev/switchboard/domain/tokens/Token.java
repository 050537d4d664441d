package dev.switchboard.domain.tokens;

import java.util.Objects;

/**
 * Value object: one token a client sends. Any non-empty text but U+0000, as the original C++
 * server takes any JSON string (no SQL database keeps a U+0000, so that one is refused). Tokens
 * order lexicographically, as the periodic table lists them; the table prints a token with
 * {@link #printable()}, so a tab or a newline in it cannot break the layout.
 */
public record Token(String value) implements Comparable<Token> {

    public Token {
        Objects.requireNonNull(value, "'value' must not be null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a token must not be empty");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("a token must not contain U+0000");
        }
    }

    public static Token of(String value) {
        return new Token(value);
    }

    /**
     * The token as one line of text: control characters and the Unicode line and paragraph
     * separators written as JSON writes them ({@code \t}, {@code \n}, {@code \r}, {@code \b},
     * {@code \f}, else {@code \}{@code uXXXX}); everything else, a backslash included, as it is.
     */
    public String printable() {
        if (!Text.hasControl(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    @Override
    public int compareTo(Token other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
