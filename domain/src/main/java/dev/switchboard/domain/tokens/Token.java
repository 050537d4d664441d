package dev.switchboard.domain.tokens;

import java.util.Objects;

/**
 * Value object: one token a client sends. Any non-empty text without whitespace or control
 * characters (the client splits its file at whitespace, and the table prints a token on a line
 * of its own). Tokens order lexicographically, as the periodic table lists them.
 */
public record Token(String value) implements Comparable<Token> {

    public Token {
        Objects.requireNonNull(value, "'value' must not be null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a token must not be empty");
        }
        if (Text.hasControl(value) || value.codePoints().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a token must not contain whitespace or control characters");
        }
    }

    public static Token of(String value) {
        return new Token(value);
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
