package dev.switchboard.adapter.tcp.tokens.protocol;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads request lines of the tokens protocol without a JSON tree per message.
 *
 * <p>Fast path, from the bytes: the exact line a client writes for a token,
 * {@code {"op":"Token","payload":{"token":"<t>"}}}, with {@code <t>} printable ASCII and no quote
 * or backslash, is a {@link TokenRequest.Submit} of {@code <t>} — what the general path reads from
 * that line too. Any other line is decoded as UTF-8 (strictly) and read by Gson's streaming
 * {@link JsonReader} in strict mode: the whole line is read first (a syntax error anywhere is
 * "malformed JSON"), remembering only the fields the protocol has (for a repeated name the last
 * one counts, as in a tree), and then judged, so every answer is the one the tree-based reader
 * gave.
 */
public final class TokenRequestReader {

    private static final byte[] TOKEN_PREFIX = "{\"op\":\"Token\",\"payload\":{\"token\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOKEN_SUFFIX = "\"}}".getBytes(StandardCharsets.US_ASCII);

    private TokenRequestReader() {
    }

    /**
     * Where the token of a fast-path line starts, or -1 when the line is not of the exact fast
     * shape; its length is then {@code length - TOKEN_PREFIX - TOKEN_SUFFIX}.
     */
    public static int fastTokenStart(byte[] bytes, int from, int length) {
        int tokenLength = length - TOKEN_PREFIX.length - TOKEN_SUFFIX.length;
        if (tokenLength <= 0) {
            return -1;
        }
        for (int i = 0; i < TOKEN_PREFIX.length; i++) {
            if (bytes[from + i] != TOKEN_PREFIX[i]) {
                return -1;
            }
        }
        int start = from + TOKEN_PREFIX.length;
        int end = start + tokenLength;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b < 0x20 || b > 0x7e || b == '"' || b == '\\') {
                return -1;
            }
        }
        for (int i = 0; i < TOKEN_SUFFIX.length; i++) {
            if (bytes[end + i] != TOKEN_SUFFIX[i]) {
                return -1;
            }
        }
        return start;
    }

    /** The length of the token of a fast-path line of {@code length} bytes. */
    public static int fastTokenLength(int length) {
        return length - TOKEN_PREFIX.length - TOKEN_SUFFIX.length;
    }

    /** Reads one line of UTF-8 bytes (no line end). */
    public static TokenRequest read(byte[] bytes, int from, int length) {
        int token = fastTokenStart(bytes, from, length);
        if (token >= 0) {
            return new TokenRequest.Submit(new String(bytes, token, fastTokenLength(length), StandardCharsets.ISO_8859_1));
        }
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, length)).toString();
        } catch (CharacterCodingException e) {
            return new TokenRequest.Invalid("malformed JSON: not valid UTF-8");
        }
        return read(line);
    }

    /** What a value was, for the fields the protocol reads. */
    private enum Kind { ABSENT, NULL, STRING, NUMBER, OBJECT, OTHER }

    /** The fields of one line, as read (the last of a repeated name). */
    private static final class Fields {
        Kind op = Kind.ABSENT;
        String opName;
        Kind payload = Kind.ABSENT;
        boolean payloadEmptyString;
        Kind clientId = Kind.ABSENT;
        String clientIdText;
        Kind expected = Kind.ABSENT;
        String expectedText;
        Kind token = Kind.ABSENT;
        String tokenText;
    }

    /** Reads one line (no line end). Never throws. */
    public static TokenRequest read(String line) {
        if (line.isBlank()) {
            return new TokenRequest.Invalid("malformed JSON: empty line");
        }
        Fields f = new Fields();
        boolean object;
        try {
            JsonReader reader = new JsonReader(new StringReader(line));
            reader.setStrictness(Strictness.STRICT);
            object = reader.peek() == JsonToken.BEGIN_OBJECT;
            if (object) {
                readMessage(reader, f);
            } else {
                skip(reader);
            }
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                return new TokenRequest.Invalid("malformed JSON: more than one value on the line");
            }
        } catch (IOException | IllegalStateException | NumberFormatException | StackOverflowError e) {
            return new TokenRequest.Invalid("malformed JSON");
        }
        if (!object) {
            return new TokenRequest.Invalid("a message must be a JSON object");
        }
        return judge(f);
    }

    private static void readMessage(JsonReader reader, Fields f) throws IOException {
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            switch (name) {
                case TokenWire.OP -> {
                    f.op = kind(reader.peek());
                    f.opName = f.op == Kind.STRING ? reader.nextString() : null;
                    if (f.op != Kind.STRING) {
                        skip(reader);
                    }
                }
                case TokenWire.PAYLOAD -> readPayload(reader, f);
                default -> skip(reader);
            }
        }
        reader.endObject();
    }

    private static void readPayload(JsonReader reader, Fields f) throws IOException {
        // a repeated payload replaces the earlier one whole
        f.clientId = Kind.ABSENT;
        f.expected = Kind.ABSENT;
        f.token = Kind.ABSENT;
        f.payload = kind(reader.peek());
        f.payloadEmptyString = false;
        if (f.payload == Kind.STRING) {
            f.payloadEmptyString = reader.nextString().isEmpty();
            return;
        }
        if (f.payload != Kind.OBJECT) {
            skip(reader);
            return;
        }
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            switch (name) {
                case TokenWire.CLIENT_ID -> {
                    f.clientId = kind(reader.peek());
                    f.clientIdText = scalar(reader, f.clientId);
                }
                case TokenWire.TOKENS_EXPECTED -> {
                    f.expected = kind(reader.peek());
                    f.expectedText = scalar(reader, f.expected);
                }
                case TokenWire.TOKEN_FIELD -> {
                    f.token = kind(reader.peek());
                    f.tokenText = scalar(reader, f.token);
                }
                default -> skip(reader);
            }
        }
        reader.endObject();
    }

    /** The text of a string or number value (reading it); anything else is read and gives null. */
    private static String scalar(JsonReader reader, Kind kind) throws IOException {
        if (kind == Kind.STRING || kind == Kind.NUMBER) {
            return reader.nextString();
        }
        skip(reader);
        return null;
    }

    private static Kind kind(JsonToken token) {
        return switch (token) {
            case NULL -> Kind.NULL;
            case STRING -> Kind.STRING;
            case NUMBER -> Kind.NUMBER;
            case BEGIN_OBJECT -> Kind.OBJECT;
            default -> Kind.OTHER;
        };
    }

    /** Reads one value whole, as a tree would (every string, number and literal read and checked). */
    private static void skip(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_ARRAY -> {
                reader.beginArray();
                while (reader.hasNext()) {
                    skip(reader);
                }
                reader.endArray();
            }
            case BEGIN_OBJECT -> {
                reader.beginObject();
                while (reader.hasNext()) {
                    reader.nextName();
                    skip(reader);
                }
                reader.endObject();
            }
            case STRING, NUMBER -> reader.nextString();
            case BOOLEAN -> reader.nextBoolean();
            case NULL -> reader.nextNull();
            default -> throw new IllegalStateException("unexpected " + reader.peek());
        }
    }

    private static TokenRequest judge(Fields f) {
        if (f.op == Kind.ABSENT || f.op == Kind.NULL) {
            return new TokenRequest.Invalid("missing field 'op'");
        }
        if (f.op != Kind.STRING) {
            return new TokenRequest.Invalid("field 'op' must be a string");
        }
        boolean emptyPayload = f.payload == Kind.ABSENT || f.payload == Kind.NULL
                || (f.payload == Kind.STRING && f.payloadEmptyString);
        if (!emptyPayload && f.payload != Kind.OBJECT) {
            return new TokenRequest.Invalid("field 'payload' must be an object");
        }
        if (emptyPayload) {
            f.clientId = Kind.ABSENT;
            f.expected = Kind.ABSENT;
            f.token = Kind.ABSENT;
        }
        String name = f.opName;
        switch (name) {
            case TokenWire.GREETING -> {
                if (f.clientId == Kind.ABSENT || f.clientId == Kind.NULL) {
                    return new TokenRequest.Invalid("missing field 'client_id'");
                }
                if (f.clientId != Kind.STRING) {
                    return new TokenRequest.Invalid("field 'client_id' must be a string");
                }
                if (f.expected == Kind.ABSENT || f.expected == Kind.NULL) {
                    return new TokenRequest.Invalid("missing field 'tokens_expected'");
                }
                long count = wholeNumber(f.expected, f.expectedText);
                if (count < 0) {
                    return new TokenRequest.Invalid("field 'tokens_expected' must be a non-negative whole number");
                }
                return new TokenRequest.Greeting(f.clientIdText, count);
            }
            case TokenWire.TOKEN -> {
                if (f.token == Kind.ABSENT || f.token == Kind.NULL) {
                    return new TokenRequest.Invalid("missing field 'token'");
                }
                if (f.token != Kind.STRING) {
                    return new TokenRequest.Invalid("field 'token' must be a string");
                }
                return new TokenRequest.Submit(f.tokenText);
            }
            default -> {
                String quoted = name.length() > TokenRequest.MAX_QUOTED
                        ? name.substring(0, TokenRequest.MAX_QUOTED) + "..." : name;
                return new TokenRequest.Invalid("unknown op '" + quoted + "'");
            }
        }
    }

    /** A JSON number or a string of digits, as a non-negative long; -1 if it is neither. */
    private static long wholeNumber(Kind kind, String text) {
        if (kind == Kind.STRING && !TokenRequest.DIGITS.matcher(text).matches()) {
            return -1;
        }
        if (kind != Kind.STRING && kind != Kind.NUMBER) {
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
