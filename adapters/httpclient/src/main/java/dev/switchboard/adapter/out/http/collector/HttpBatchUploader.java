package dev.switchboard.adapter.out.http.collector;

import dev.switchboard.application.port.out.collector.BatchUploadPort;
import dev.switchboard.application.port.out.collector.UploadResult;
import dev.switchboard.domain.collector.BatchId;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * HTTP adapter: ships a batch as {@code POST /} with {@code Content-Type: text/plain} and
 * {@code X-Batch-Id}, HTTP/1.1 over plain blocking sockets kept alive between uploads (one
 * connection per upload in flight, idle ones reused). A request is one write of its head and one
 * of its body, and its answer one blocking read: no thread hand-offs, which on a busy machine
 * cost more than the transfer. Only a 2xx answer counts as delivered; a 413 is a refusal for
 * good; a refused connection, a timeout or any other status is a failure described in the
 * result, never an exception. Safe to call from several threads at once.
 *
 * <p>The whole upload (connect, send, answer) is bounded by the request timeout: a watchdog
 * closes the socket when it passes, so a sink that stops reading cannot hold a sender.
 */
public final class HttpBatchUploader implements BatchUploadPort, AutoCloseable {

    /** At most this much of an error answer is quoted in the failure detail. */
    private static final int DETAIL_BYTES = 200;

    /** An answer body is read this far (ours is a short line); beyond, the connection is dropped. */
    private static final int DRAIN_BYTES = 64 * 1024;

    /** The longest status or header line read. */
    private static final int MAX_LINE = 8 * 1024;

    /** Idle connections kept for reuse. */
    private static final int MAX_IDLE = 16;

    private final URI target;
    private final InetSocketAddress address;
    private final String hostHeader;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final ScheduledThreadPoolExecutor watchdog;
    private volatile boolean closed;

    public HttpBatchUploader(URI target, Duration connectTimeout, Duration requestTimeout) {
        this.target = Objects.requireNonNull(target, "'target' must not be null");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "'connectTimeout' must not be null");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "'requestTimeout' must not be null");
        String host = target.getHost();
        int port = target.getPort() < 0 ? 80 : target.getPort();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        this.address = InetSocketAddress.createUnresolved(bare, port);
        this.hostHeader = host + ":" + port;
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "uploader-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setRemoveOnCancelPolicy(true);
    }

    /** {@code http://host:port/}. */
    public static URI sinkUri(String host, int port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port + "/");
    }

    @Override
    public String target() {
        return target.toString();
    }

    @Override
    public UploadResult upload(BatchId batchId, byte[] body) {
        Objects.requireNonNull(batchId, "'batchId' must not be null");
        Objects.requireNonNull(body, "'body' must not be null");
        if (closed) {
            return UploadResult.failed("upload interrupted (stopping)");
        }
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        byte[] head = head(batchId, body.length);
        // a kept-alive connection the sink has closed meanwhile fails at once: then once more on a new one
        Connection reused = idle.pollFirst();
        if (reused != null) {
            Attempt attempt = attempt(reused, head, body, deadline);
            if (!attempt.staleConnection()) {
                return attempt.result();
            }
        }
        Connection fresh;
        try {
            fresh = connect(deadline);
        } catch (SocketTimeoutException e) {
            return UploadResult.failed("connect to " + target + " timed out");
        } catch (ConnectException e) {
            return UploadResult.failed("cannot connect to " + target + " (connection refused)");
        } catch (IOException e) {
            return UploadResult.failed("cannot connect to " + target + ": " + describe(e));
        }
        return attempt(fresh, head, body, deadline).result();
    }

    private byte[] head(BatchId batchId, int length) {
        return ("POST / HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Content-Type: text/plain\r\n"
                + "X-Batch-Id: " + batchId.value() + "\r\n"
                + "Content-Length: " + length + "\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private Connection connect(long deadline) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
            socket.connect(resolved, (int) Math.min(Integer.MAX_VALUE, Math.min(left, connectTimeout.toMillis())));
            return new Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** What one try on one connection gave; {@code staleConnection} when a reused one was dead before any answer. */
    private record Attempt(UploadResult result, boolean staleConnection) {
    }

    private Attempt attempt(Connection connection, byte[] head, byte[] body, long deadline) {
        long before = connection.in.count;
        ScheduledFuture<?> guard = watchdog.schedule(connection::close,
                Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try {
            connection.out.write(head);
            connection.out.write(body);
            connection.out.flush();
            connection.socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            Answer answer = readAnswer(connection.in);
            UploadResult result = judge(answer);
            if (answer.keepAlive() && !closed && guard.cancel(false) && idle.size() < MAX_IDLE) {
                connection.reused = true;
                idle.addFirst(connection);
            } else {
                connection.close();
            }
            return new Attempt(result, false);
        } catch (IOException e) {
            connection.close();
            if (System.nanoTime() - deadline >= 0 || e instanceof SocketTimeoutException) {
                return new Attempt(UploadResult.failed("no answer from " + target + " within "
                        + requestTimeout.toMillis() + " ms"), false);
            }
            if (closed) {
                return new Attempt(UploadResult.failed("upload interrupted (stopping)"), false);
            }
            boolean stale = connection.reused && connection.in.count == before;
            return new Attempt(UploadResult.failed("upload to " + target + " failed: " + describe(e)), stale);
        } finally {
            guard.cancel(false);
        }
    }

    private static UploadResult judge(Answer answer) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return UploadResult.delivered(status);
        }
        String text = new String(answer.body(), 0, Math.min(answer.body().length, DETAIL_BYTES),
                StandardCharsets.UTF_8).strip();
        String detail = "HTTP " + status + (text.isEmpty() ? "" : " (" + text.replaceAll("\\s+", " ") + ")");
        // 413: larger than the sink takes; sending it again would be refused again
        return status == 413 ? UploadResult.rejected(detail) : UploadResult.failed(detail);
    }

    /** A whole answer: its status, its body (at most {@link #DRAIN_BYTES}), and whether the connection may be reused. */
    private record Answer(int status, byte[] body, boolean keepAlive) {
    }

    /**
     * Reads one answer: the status line, the headers, then the body by {@code Content-Length},
     * chunked, or up to the end of the connection. 1xx answers are skipped.
     */
    private static Answer readAnswer(CountingInput in) throws IOException {
        while (true) {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + printable(statusLine));
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("bad status line: " + printable(statusLine));
            }
            boolean keepAlive = parts[0].equals("HTTP/1.1");
            long length = -1;
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> {
                        try {
                            length = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new IOException("bad Content-Length: " + printable(value));
                        }
                    }
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> keepAlive = value.contains("keep-alive") || (keepAlive && !value.contains("close"));
                    default -> {
                        // not needed
                    }
                }
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            boolean whole;
            if (status == 204 || status == 304) {
                whole = true; // never a body
            } else if (chunked) {
                whole = readChunked(in, body);
            } else if (length >= 0) {
                whole = copy(in, body, length);
            } else {
                body.write(in.readNBytes(DRAIN_BYTES)); // up to the end of the connection
                whole = false; // which then cannot carry another request
            }
            return new Answer(status, body.toByteArray(), keepAlive && whole);
        }
    }

    /** Reads {@code n} bytes, keeping at most {@link #DRAIN_BYTES}; false (and stops) if there are more than that. */
    private static boolean copy(InputStream in, ByteArrayOutputStream body, long n) throws IOException {
        if (n > DRAIN_BYTES) {
            body.write(in.readNBytes(DETAIL_BYTES));
            return false;
        }
        byte[] bytes = in.readNBytes((int) n);
        body.write(bytes);
        if (bytes.length < n) {
            throw new EOFException("the answer ended early");
        }
        return true;
    }

    private static boolean readChunked(CountingInput in, ByteArrayOutputStream body) throws IOException {
        while (true) {
            String sizeLine = line(in);
            int semi = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + printable(sizeLine));
            }
            if (size == 0) {
                for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not needed
                }
                return true;
            }
            if (body.size() + size > DRAIN_BYTES || !copy(in, body, size)) {
                return false;
            }
            line(in); // the CRLF after the chunk
        }
    }

    /** One line without its CRLF (or LF), at most {@link #MAX_LINE} bytes. */
    private static String line(CountingInput in) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the sink closed the connection before the whole answer");
            }
            if (b == '\n') {
                break;
            }
            if (text.size() >= MAX_LINE) {
                throw new IOException("an answer line longer than " + MAX_LINE + " bytes");
            }
            text.write(b);
        }
        String s = text.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Counts the bytes read, so "closed before any answer" can be told from "closed mid-answer". */
    private static final class CountingInput extends BufferedInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in, 8192);
        }

        @Override
        public synchronized int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** One kept-alive connection to the sink. */
    private static final class Connection {
        final Socket socket;
        final OutputStream out;
        final CountingInput in;
        /** Set once it carried an answer and went back to the idle ones. */
        boolean reused;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new CountingInput(socket.getInputStream());
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            c.close();
        }
        watchdog.shutdownNow();
    }
}
