package dev.switchboard.adapter.tcp.tokens.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenRequest.Greeting;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenRequest.Invalid;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenRequest.Submit;

/**
 * The tokens request reader as it was before the streaming one: the whole line parsed into a
 * Gson tree, then read. Kept here as the oracle the streaming reader must agree with, line for
 * line, answer for answer.
 */
final class TreeTokenRequest {

    private static final java.util.regex.Pattern DIGITS = TokenRequest.DIGITS;
    private static final int MAX_QUOTED = TokenRequest.MAX_QUOTED;

    private TreeTokenRequest() {
    }

    /** Reads one line (without its {@code \n}). Never throws: anything wrong becomes {@link Invalid}. */
    static TokenRequest parse(String line) {
        if (line.isBlank()) {
            return new Invalid("malformed JSON: empty line");
        }
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(line));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                return new Invalid("malformed JSON: more than one value on the line");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            return new Invalid("malformed JSON");
        }
        if (!root.isJsonObject()) {
            return new Invalid("a message must be a JSON object");
        }
        JsonObject message = root.getAsJsonObject();
        JsonElement op = message.get(TokenWire.OP);
        if (op == null || op.isJsonNull()) {
            return new Invalid("missing field 'op'");
        }
        if (!isString(op)) {
            return new Invalid("field 'op' must be a string");
        }
        JsonObject payload;
        JsonElement rawPayload = message.get(TokenWire.PAYLOAD);
        if (rawPayload == null || rawPayload.isJsonNull() || (isString(rawPayload) && rawPayload.getAsString().isEmpty())) {
            payload = new JsonObject();
        } else if (rawPayload.isJsonObject()) {
            payload = rawPayload.getAsJsonObject();
        } else {
            return new Invalid("field 'payload' must be an object");
        }
        String name = op.getAsString();
        switch (name) {
            case TokenWire.GREETING -> {
                JsonElement id = payload.get(TokenWire.CLIENT_ID);
                if (id == null || id.isJsonNull()) {
                    return new Invalid("missing field 'client_id'");
                }
                if (!isString(id)) {
                    return new Invalid("field 'client_id' must be a string");
                }
                JsonElement expected = payload.get(TokenWire.TOKENS_EXPECTED);
                if (expected == null || expected.isJsonNull()) {
                    return new Invalid("missing field 'tokens_expected'");
                }
                long count = wholeNumber(expected);
                if (count < 0) {
                    return new Invalid("field 'tokens_expected' must be a non-negative whole number");
                }
                return new Greeting(id.getAsString(), count);
            }
            case TokenWire.TOKEN -> {
                JsonElement token = payload.get(TokenWire.TOKEN_FIELD);
                if (token == null || token.isJsonNull()) {
                    return new Invalid("missing field 'token'");
                }
                if (!isString(token)) {
                    return new Invalid("field 'token' must be a string");
                }
                return new Submit(token.getAsString());
            }
            default -> {
                String quoted = name.length() > MAX_QUOTED ? name.substring(0, MAX_QUOTED) + "..." : name;
                return new Invalid("unknown op '" + quoted + "'");
            }
        }
    }

    private static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    /** A JSON number or a string of digits, as a non-negative long; -1 if it is neither. */
    private static long wholeNumber(JsonElement e) {
        if (!e.isJsonPrimitive()) {
            return -1;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        String text;
        if (p.isNumber()) {
            text = p.getAsString();
        } else if (p.isString() && DIGITS.matcher(p.getAsString()).matches()) {
            text = p.getAsString();
        } else {
            return -1;
        }
        try {
            long value = new BigDecimal(text).longValueExact();
            return value < 0 ? -1 : value;
        } catch (ArithmeticException | NumberFormatException ex) {
            return -1;
        }
    }
}
