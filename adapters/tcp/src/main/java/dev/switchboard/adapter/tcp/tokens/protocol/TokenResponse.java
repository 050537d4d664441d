package dev.switchboard.adapter.tcp.tokens.protocol;

import com.google.gson.JsonObject;

/** An answer of the tokens protocol; {@link #toLine()} is the compact JSON line on the wire. */
public sealed interface TokenResponse {

    /** {@code {"op":"Ready","payload":{}}}: the greeting was taken. */
    record Ready() implements TokenResponse {
    }

    /** {@code {"op":"Accepted","payload":{"token":"abc"}}}: the token was processed and stored. */
    record Accepted(String token) implements TokenResponse {
    }

    /** {@code {"op":"Error","payload":{"reason":"..."}}}. */
    record Error(String reason) implements TokenResponse {
    }

    TokenResponse READY = new Ready();

    /** The answer as one compact JSON line, ending with {@code \n}. */
    default String toLine() {
        JsonObject payload = new JsonObject();
        String op;
        if (this instanceof Accepted accepted) {
            op = TokenWire.ACCEPTED;
            payload.addProperty(TokenWire.TOKEN_FIELD, accepted.token());
        } else if (this instanceof Error error) {
            op = TokenWire.ERROR;
            payload.addProperty(TokenWire.REASON, error.reason());
        } else {
            op = TokenWire.READY;
        }
        return TokenWire.line(op, payload);
    }
}
