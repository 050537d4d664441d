package dev.switchboard.adapter.out.tcp.metrics;

import dev.switchboard.adapter.tcp.metrics.protocol.PythonFloat;
import dev.switchboard.domain.metrics.MetricKey;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import dev.switchboard.adapter.out.tcp.ClientSockets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Client library of the metrics protocol, the Java twin of the classic Python client: one
 * connection, {@link #put} and {@link #get}, a {@link ClientError} for an {@code error} answer
 * or a broken connection, and connect/read timeouts. Not thread-safe: one per thread.
 */
public final class MetricsClient implements AutoCloseable {

    /** One point of a series as {@link #get} returns it. */
    public record Point(long timestamp, double value) {
    }

    private static final int MAX_ANSWER_BYTES = 256 * 1024 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MetricsClient(String host, int port, Duration timeout) throws ClientError {
        Objects.requireNonNull(host, "'host' must not be null");
        Objects.requireNonNull(timeout, "'timeout' must not be null");
        ClientSockets.Connected c;
        try {
            c = ClientSockets.connect(new InetSocketAddress(host, port), timeout);
        } catch (IOException e) {
            throw new ClientError("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        this.socket = c.socket();
        this.in = new BufferedInputStream(c.in());
        this.out = c.out();
    }

    /** Stores a value at a timestamp (seconds). */
    public void put(String key, double value, long timestamp) throws ClientError {
        MetricKey.of(key);
        String answer = request("put " + key + " " + PythonFloat.repr(value) + " " + timestamp + "\n");
        if (!answer.equals("ok\n\n")) {
            throw new ClientError("unexpected answer to put: " + answer.strip());
        }
    }

    /** Stores a value now (the current time in seconds). */
    public void put(String key, double value) throws ClientError {
        put(key, value, System.currentTimeMillis() / 1000);
    }

    /**
     * Reads the points of a key, or of every key with {@code *}: key → points sorted by
     * timestamp; keys in the order the server listed them (sorted).
     */
    public Map<String, List<Point>> get(String key) throws ClientError {
        if (!"*".equals(key)) {
            MetricKey.of(key);
        }
        String answer = request("get " + key + "\n");
        String[] lines = answer.split("\n");
        Map<String, List<Point>> result = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(" ");
            if (fields.length != 3) {
                throw new ClientError("cannot read the server's answer line: " + lines[i]);
            }
            try {
                result.computeIfAbsent(fields[0], k -> new ArrayList<>())
                        .add(new Point(PythonFloat.parseLong(fields[2]), PythonFloat.parse(fields[1])));
            } catch (NumberFormatException e) {
                throw new ClientError("cannot read the server's answer line: " + lines[i], e);
            }
        }
        result.values().forEach(points -> points.sort(Comparator.comparingLong(Point::timestamp)));
        return result;
    }

    /** Every point of every key, as a sorted map (a convenience over {@code get("*")}). */
    public Map<String, List<Point>> getAll() throws ClientError {
        return new TreeMap<>(get("*"));
    }

    private String request(String line) throws ClientError {
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = readAnswer();
            if (answer.startsWith("error\n")) {
                throw new ClientError(answer.substring("error\n".length()).strip());
            }
            if (!answer.startsWith("ok\n")) {
                throw new ClientError("unexpected answer: " + answer.strip());
            }
            return answer;
        } catch (IOException e) {
            throw new ClientError("connection failed: " + e.getMessage(), e);
        }
    }

    // An answer ends with an empty line: the first "\n\n" in the stream.
    private String readAnswer() throws IOException, ClientError {
        ByteArrayOutputStream answer = new ByteArrayOutputStream(256);
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new ClientError("the server closed the connection");
            }
            answer.write(b);
            if (b == '\n' && previous == '\n') {
                return answer.toString(StandardCharsets.UTF_8);
            }
            if (answer.size() > MAX_ANSWER_BYTES) {
                throw new ClientError("answer too large");
            }
            previous = b;
        }
    }

    @Override
    public void close() {
        ClientSockets.closeQuietly(socket);
    }
}
