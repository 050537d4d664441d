package dev.switchboard.adapter.tcp.tokens.protocol;

import com.google.gson.JsonObject;
import java.util.regex.Pattern;

/**
 * One request line of the tokens protocol, read: {@code {"op":"<name>","payload":{...}}}.
 *
 * <p>The original C++ peers write every JSON value as a string, so {@code tokens_expected} may be
 * a number or a string of digits, and an empty payload may be {@code {}} or {@code ""}.
 *
 * <p>Read by {@link TokenRequestReader}: a streaming read of the line (no tree per message),
 * with a fast path for the exact shape clients write for a token.
 */
public sealed interface TokenRequest {

    /** {@code Greeting}: who the client is and how many tokens it will send. */
    record Greeting(String clientId, long tokensExpected) implements TokenRequest {

        /** The greeting as a client writes it. */
        public String toLine() {
            JsonObject payload = new JsonObject();
            payload.addProperty(TokenWire.CLIENT_ID, clientId);
            payload.addProperty(TokenWire.TOKENS_EXPECTED, tokensExpected);
            return TokenWire.line(TokenWire.GREETING, payload);
        }
    }

    /** {@code Token}: one token (not yet checked against the domain's rules). */
    record Submit(String token) implements TokenRequest {

        /** The token as a client writes it. */
        public String toLine() {
            JsonObject payload = new JsonObject();
            payload.addProperty(TokenWire.TOKEN_FIELD, token);
            return TokenWire.line(TokenWire.TOKEN, payload);
        }
    }

    /** A line that is not a request of this protocol; answered with an error, the connection stays. */
    record Invalid(String reason) implements TokenRequest {
    }

    /** A line over the limit; answered with an error, then the connection closes. */
    record TooLong(int limit) implements TokenRequest {
    }

    Pattern DIGITS = Pattern.compile("[0-9]+");
    /** Longest op name quoted back in an error. */
    int MAX_QUOTED = 64;

    /** Reads one line (without its {@code \n}). Never throws: anything wrong becomes {@link Invalid}. */
    static TokenRequest parse(String line) {
        return TokenRequestReader.read(line);
    }

    /** Reads one line of UTF-8 bytes (without its line end). Never throws: anything wrong becomes {@link Invalid}. */
    static TokenRequest parse(byte[] bytes, int from, int length) {
        return TokenRequestReader.read(bytes, from, length);
    }
}
