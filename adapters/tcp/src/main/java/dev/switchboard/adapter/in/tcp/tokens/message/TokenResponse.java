package dev.switchboard.adapter.in.tcp.tokens.message;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/** An answer of the tokens protocol; {@link #toLine()} is the compact JSON line on the wire. */
public sealed interface TokenResponse {

    Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

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
            op = "Accepted";
            payload.addProperty("token", accepted.token());
        } else if (this instanceof Error error) {
            op = "Error";
            payload.addProperty("reason", error.reason());
        } else {
            op = "Ready";
        }
        JsonObject message = new JsonObject();
        message.addProperty("op", op);
        message.add("payload", payload);
        return GSON.toJson(message) + "\n";
    }
}
