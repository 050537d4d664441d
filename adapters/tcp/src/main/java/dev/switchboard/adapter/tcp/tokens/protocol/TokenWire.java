package dev.switchboard.adapter.tcp.tokens.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * The names the tokens protocol puts on the wire, and the one writer of its lines, so the server
 * ({@link TokenRequest#parse}, {@link TokenResponse#toLine}) and the client read and write the
 * same words: {@code {"op":"<name>","payload":{...}}\n}.
 */
public final class TokenWire {

    /** The longest line a server takes, {@code \n} excluded; a longer one is answered with an error and the connection closes. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    public static final String GREETING = "Greeting";
    public static final String TOKEN = "Token";
    public static final String READY = "Ready";
    public static final String ACCEPTED = "Accepted";
    public static final String ERROR = "Error";

    public static final String OP = "op";
    public static final String PAYLOAD = "payload";
    public static final String CLIENT_ID = "client_id";
    public static final String TOKENS_EXPECTED = "tokens_expected";
    public static final String TOKEN_FIELD = "token";
    public static final String REASON = "reason";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private TokenWire() {
    }

    /** One compact JSON line, ending with {@code \n}. */
    public static String line(String op, JsonObject payload) {
        JsonObject message = new JsonObject();
        message.addProperty(OP, op);
        message.add(PAYLOAD, payload);
        return GSON.toJson(message) + "\n";
    }
}
