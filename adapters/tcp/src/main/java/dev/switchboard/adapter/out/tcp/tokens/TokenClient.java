package dev.switchboard.adapter.out.tcp.tokens;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenRequest;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenWire;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import dev.switchboard.adapter.out.tcp.ClientSockets;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Client of the tokens protocol over a blocking socket: greet, then send tokens pipelined (a
 * writer thread sends while the caller reads the answers, which come back in request order), at
 * most {@code window} tokens ahead of the answers. With a window of 1 a token is written, in one
 * write of its own, only after the previous one was answered: the original C++ server takes one
 * TCP read as exactly one message and aborts when a read holds two.
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

    /**
     * The server's {@code Ready}: {@code classic} when it had the original C++ server's form
     * ({@code "payload":""}), which cannot take two messages in one read.
     */
    public record Ready(boolean classic) {
    }

    /** The most bytes written in one go while the window is open. */
    private static final int WRITE_CHUNK = 64 * 1024;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String server;

    /** Connects; {@code timeout} bounds the connect and the wait for each answer. */
    public TokenClient(String host, int port, Duration timeout) throws TokenClientException {
        this.server = host + ":" + port;
        ClientSockets.Connected c;
        try {
            c = ClientSockets.connect(new InetSocketAddress(host, port), timeout);
        } catch (IOException e) {
            throw new TokenClientException("cannot connect to " + server + ": " + e.getMessage(), e);
        }
        this.socket = c.socket();
        this.in = new BufferedReader(new InputStreamReader(c.in(), StandardCharsets.UTF_8));
        this.out = c.out();
    }

    /** Sends the greeting and waits for {@code Ready}. */
    public Ready greet(String clientId, long tokensExpected) throws TokenClientException {
        try {
            out.write(bytes(new TokenRequest.Greeting(clientId, tokensExpected).toLine()));
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
        JsonElement readyPayload = answer.get(TokenWire.PAYLOAD);
        return new Ready(readyPayload != null && readyPayload.isJsonPrimitive());
    }

    /**
     * Sends every token, at most {@code window} ahead of the answers, and reads one answer per
     * token, telling the listener of each.
     */
    public Result send(List<String> tokens, int window, Listener listener) throws TokenClientException {
        Objects.requireNonNull(listener, "'listener' must not be null");
        if (window < 1) {
            throw new IllegalArgumentException("the window holds at least one token");
        }
        Semaphore room = new Semaphore(window);
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> write(tokens, room, writeFailure), "token-client-writer");
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
                room.release();
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
            writer.interrupt();
            try {
                writer.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Result(accepted, refused);
    }

    /**
     * The writer thread: gathers tokens while the window has room and writes them in one go when
     * it is full (or the gathered bytes reach {@link #WRITE_CHUNK}), then waits for an answer.
     */
    private void write(List<String> tokens, Semaphore room, AtomicReference<IOException> failure) {
        ByteArrayOutputStream pending = new ByteArrayOutputStream(8192);
        try {
            for (String token : tokens) {
                if (!room.tryAcquire()) {
                    flush(pending);
                    room.acquire();
                }
                pending.write(bytes(new TokenRequest.Submit(token).toLine()));
                if (pending.size() >= WRITE_CHUNK) {
                    flush(pending);
                }
            }
            flush(pending);
        } catch (IOException e) {
            failure.set(e);
        } catch (InterruptedException e) {
            // the reader is done (or gave up): nothing more to send
        }
    }

    private void flush(ByteArrayOutputStream pending) throws IOException {
        if (pending.size() > 0) {
            pending.writeTo(out);
            out.flush();
            pending.reset();
        }
    }

    private static byte[] bytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
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
        ClientSockets.closeQuietly(socket);
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
