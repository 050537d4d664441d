package dev.switchboard.adapter.out.tcp.tokens;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenRequest;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenWire;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Client of the tokens protocol over a blocking socket: greet, then send tokens pipelined (a
 * writer thread sends while the caller reads the answers, which come back in request order), so
 * a long list costs one round trip, not one per token.
 */
public final class TokenClient implements AutoCloseable {

    /** Told about each answer as it arrives, in the order of the tokens. */
    public interface Listener {
        void accepted(int index, String token);

        void refused(int index, String token, String reason);
    }

    /** How a run of tokens went. */
    public record Result(int accepted, int refused) {
    }

    private final Socket socket;
    private final BufferedReader in;
    private final Writer out;
    private final String server;

    /** Connects; {@code timeout} bounds the connect and the wait for each answer. */
    public TokenClient(String host, int port, Duration timeout) throws TokenClientException {
        this.server = host + ":" + port;
        this.socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), 64 * 1024);
        } catch (IOException e) {
            closeQuietly();
            throw new TokenClientException("cannot connect to " + server + ": " + e.getMessage(), e);
        }
    }

    /** Sends the greeting and waits for {@code Ready}. */
    public void greet(String clientId, long tokensExpected) throws TokenClientException {
        try {
            out.write(new TokenRequest.Greeting(clientId, tokensExpected).toLine());
            out.flush();
        } catch (IOException e) {
            throw new TokenClientException("cannot send the greeting to " + server + ": " + e.getMessage(), e);
        }
        JsonObject answer = readAnswer(0, 1);
        String op = op(answer);
        if (TokenWire.ERROR.equals(op)) {
            throw new TokenClientException("greeting refused: " + reason(answer));
        }
        if (!TokenWire.READY.equals(op)) {
            throw new TokenClientException("unexpected answer to the greeting: " + answer);
        }
    }

    /** Sends every token, pipelined, and reads one answer per token, telling the listener of each. */
    public Result send(List<String> tokens, Listener listener) throws TokenClientException {
        Objects.requireNonNull(listener, "'listener' must not be null");
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (String token : tokens) {
                    out.write(new TokenRequest.Submit(token).toLine());
                }
                out.flush();
            } catch (IOException e) {
                writeFailure.set(e);
            }
        }, "token-client-writer");
        writer.setDaemon(true);
        writer.start();
        int accepted = 0;
        int refused = 0;
        try {
            for (int i = 0; i < tokens.size(); i++) {
                JsonObject answer;
                try {
                    answer = readAnswer(i, tokens.size());
                } catch (TokenClientException e) {
                    IOException failed = writeFailure.get();
                    throw failed == null ? e : new TokenClientException(e.getMessage() + " (sending failed: "
                            + failed.getMessage() + ")", e);
                }
                String op = op(answer);
                if (TokenWire.ACCEPTED.equals(op)) {
                    accepted++;
                    listener.accepted(i, tokens.get(i));
                } else if (TokenWire.ERROR.equals(op)) {
                    refused++;
                    listener.refused(i, tokens.get(i), reason(answer));
                } else {
                    throw new TokenClientException("unexpected answer to a token: " + answer);
                }
            }
        } finally {
            try {
                writer.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Result(accepted, refused);
    }

    private JsonObject readAnswer(int index, int of) throws TokenClientException {
        String text;
        try {
            text = in.readLine();
        } catch (SocketTimeoutException e) {
            throw new TokenClientException("no answer from " + server + " in time (" + index + " of " + of + " answered)", e);
        } catch (IOException e) {
            throw new TokenClientException("connection to " + server + " failed: " + e.getMessage(), e);
        }
        if (text == null) {
            throw new TokenClientException("the server closed the connection (" + index + " of " + of + " answered)");
        }
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (parsed.isJsonObject()) {
                return parsed.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            // reported below
        }
        throw new TokenClientException("the server sent something that is not a message: " + text);
    }

    private static String op(JsonObject answer) {
        JsonElement op = answer.get(TokenWire.OP);
        return op != null && op.isJsonPrimitive() ? op.getAsString() : "";
    }

    private static String reason(JsonObject answer) {
        JsonElement payload = answer.get(TokenWire.PAYLOAD);
        if (payload != null && payload.isJsonObject()) {
            JsonElement reason = payload.getAsJsonObject().get(TokenWire.REASON);
            if (reason != null && reason.isJsonPrimitive()) {
                return reason.getAsString();
            }
        }
        return "(no reason given)";
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
