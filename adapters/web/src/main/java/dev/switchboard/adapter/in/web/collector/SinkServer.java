package dev.switchboard.adapter.in.web.collector;

import dev.switchboard.adapter.in.web.common.JettyListener;
import dev.switchboard.application.port.Failures;
import dev.switchboard.application.port.in.collector.ReceiveBatchCommand;
import dev.switchboard.application.port.in.collector.ReceiveBatchUseCase;
import dev.switchboard.application.port.out.telemetry.ErrorKind;
import dev.switchboard.application.port.out.telemetry.SinkErrorKind;
import dev.switchboard.application.port.out.telemetry.SinkRequestKind;
import dev.switchboard.application.port.out.telemetry.StorageErrorKind;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import dev.switchboard.domain.collector.BatchId;
import dev.switchboard.domain.collector.ReceiptOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP adapter: the collector's sink on embedded Jetty. {@code POST /} stores a receipt under
 * its {@code X-Batch-Id} (or, without one, as the original C++ collector sends, under an id the
 * sink makes, told back in the answer's {@code X-Batch-Id}) and answers 200
 * {@code Data successfully received} once it is committed; the payload of a new batch is printed
 * on stdout. Other paths 404, other methods 405, a bad batch id 400, a body over the limit 413
 * (judged from Content-Length when there is one, and while reading when there is not), a failed
 * store 503. Every refusal is logged once at WARN with the client's address.
 */
public final class SinkServer implements AutoCloseable {

    public static final String OK_BODY = "Data successfully received";

    private static final Logger log = LoggerFactory.getLogger(SinkServer.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final SinkConfig config;
    private final ReceiveBatchUseCase receiver;
    private final PrintStream echo;
    private final Telemetry telemetry;
    private final JettyListener listener;

    /**
     * @param echo where each new batch's payload is printed (stdout in the sink role)
     */
    public SinkServer(SinkConfig config, ReceiveBatchUseCase receiver, PrintStream echo, Telemetry telemetry) {
        this.config = Objects.requireNonNull(config, "'config' must not be null");
        this.receiver = Objects.requireNonNull(receiver, "'receiver' must not be null");
        this.echo = Objects.requireNonNull(echo, "'echo' must not be null");
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' must not be null");
        this.listener = new JettyListener("sink", 32, config.host(), config.port());
        ServerConnector connector = listener.connector();
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                telemetry.connectionOpened();
            }

            @Override
            public void onClosed(Connection connection) {
                telemetry.connectionClosed();
            }
        });
        Server server = listener.server();
        server.addBean(new NetworkConnectionLimit(config.maxConnections(), server));
        server.setHandler(new SinkHandler());
        server.setStopTimeout(2000);
    }

    /** Binds and starts; returns the bound address (the real port when the config said 0). */
    public InetSocketAddress start() throws IOException {
        return listener.start();
    }

    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    @Override
    public void close() {
        listener.close();
    }

    private final class SinkHandler extends Handler.Abstract.NonBlocking {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long start = System.nanoTime();
            String path = Request.getPathInContext(request);
            if (!path.equals("/")) {
                return refuseUnread(request, response, callback, 404, SinkErrorKind.NOT_FOUND, "not found: only POST / takes batches");
            }
            if (!HttpMethod.POST.is(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                return refuseUnread(request, response, callback, 405, SinkErrorKind.METHOD, "method not allowed: use POST");
            }
            Optional<BatchId> batchId;
            String header = request.getHeaders().get("X-Batch-Id");
            if (header == null || header.isBlank()) {
                // the original C++ collector sends no id: the sink makes one
                batchId = Optional.empty();
            } else {
                try {
                    batchId = Optional.of(BatchId.of(header.strip()));
                } catch (IllegalArgumentException e) {
                    return refuseUnread(request, response, callback, 400, SinkErrorKind.BAD_REQUEST,
                            "bad X-Batch-Id header: " + e.getMessage());
                }
                if (batchId.get().isAnonymousForm()) {
                    return refuseUnread(request, response, callback, 400, SinkErrorKind.BAD_REQUEST, "bad X-Batch-Id header: '"
                            + BatchId.ANONYMOUS_PREFIX + "…' is kept for batches sent without an id");
                }
            }
            long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
            if (declared > config.maxBodyBytes()) {
                return tooLarge(request, response, callback);
            }
            new BodyReader(request, config.maxBodyBytes(), declared, body -> {
                if (body == null) {
                    tooLarge(request, response, callback);
                } else {
                    receive(request, new ReceiveBatchCommand(batchId, body), response, callback, start);
                }
            }, failure -> refuse(request, response, callback, 400, SinkErrorKind.BAD_REQUEST, "incomplete body")).run();
            return true;
        }

        private void receive(Request request, ReceiveBatchCommand command, Response response, Callback callback,
                             long start) {
            receiver.receive(command).whenComplete((received, failure) -> {
                if (failure != null) {
                    refuse(request, response, callback, 503, StorageErrorKind.STORAGE, "storage failed: try again",
                            Failures.rootMessage(failure));
                    return;
                }
                if (received.outcome() == ReceiptOutcome.STORED) {
                    print(received.batchId(), command.payload());
                } else {
                    log.info("sink: batch {} seen before: acknowledged, not stored again", received.batchId());
                    response.getHeaders().put("X-Duplicate", "true");
                }
                if (command.batchId().isEmpty()) {
                    response.getHeaders().put("X-Batch-Id", received.batchId().value());
                }
                telemetry.answered(received.outcome() == ReceiptOutcome.STORED ? SinkRequestKind.BATCH : SinkRequestKind.DUPLICATE, start);
                write(response, callback, 200, OK_BODY + "\n");
            });
        }

        private void print(BatchId batchId, byte[] body) {
            // one batch at a time, so concurrent payloads never interleave on the terminal
            synchronized (echo) {
                echo.write(body, 0, body.length);
                if (body.length > 0 && body[body.length - 1] != '\n') {
                    echo.println();
                }
                echo.flush();
            }
            log.info("sink: received {} ({} bytes)", batchId, body.length);
        }

        private boolean tooLarge(Request request, Response response, Callback callback) {
            return refuseUnread(request, response, callback, 413, SinkErrorKind.TOO_LARGE,
                    "payload too large: the limit is " + config.maxBodyBytes() + " bytes");
        }

        /**
         * Refuses before the body was read: the connection closes after the answer, since the
         * unread body would otherwise be taken for the client's next request.
         */
        private boolean refuseUnread(Request request, Response response, Callback callback, int status, ErrorKind kind,
                                     String message) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            return refuse(request, response, callback, status, kind, message);
        }

        private boolean refuse(Request request, Response response, Callback callback, int status, ErrorKind kind,
                               String message) {
            return refuse(request, response, callback, status, kind, message, null);
        }

        /**
         * Answers a refusal, and logs it once at WARN with the client's address, so an operator
         * sees data being turned away ({@code cause} is logged, never sent).
         */
        private boolean refuse(Request request, Response response, Callback callback, int status, ErrorKind kind,
                               String message, String cause) {
            telemetry.error(kind);
            log.warn("sink: refused {} {} from {}: {} {}{}", request.getMethod(), printable(request.getHttpURI().getPath()),
                    Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request), status, message,
                    cause == null ? "" : " (" + cause + ")");
            write(response, callback, status, message + "\n");
            return true;
        }

        private void write(Response response, Callback callback, int status, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }

    /** A path as it may be logged: at most 200 characters, controls shown as '?'. */
    private static String printable(String path) {
        String p = path == null ? "" : path.length() > 200 ? path.substring(0, 200) + "…" : path;
        return p.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /**
     * Reads a request body without blocking, counting bytes as they come: as soon as the count
     * passes the limit it stops and hands over {@code null}, so an oversized body without a
     * Content-Length is refused without being held in memory. Each chunk is copied once, straight
     * into the array handed over: with a Content-Length that array is allocated once at its size.
     */
    private static final class BodyReader implements Runnable {

        private static final byte[] EMPTY = new byte[0];

        private final Request request;
        private final long limit;
        private final Consumer<byte[]> done;
        private final Consumer<Throwable> broken;
        private byte[] body;
        private int size;

        /** @param expected the declared Content-Length, or -1 */
        BodyReader(Request request, long limit, long expected, Consumer<byte[]> done, Consumer<Throwable> broken) {
            this.request = request;
            this.limit = limit;
            this.body = expected == 0 ? EMPTY : new byte[expected > 0 ? (int) Math.min(expected, limit) : 8192];
            this.done = done;
            this.broken = broken;
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    broken.accept(chunk.getFailure());
                    return;
                }
                ByteBuffer buffer = chunk.getByteBuffer();
                int n = buffer.remaining();
                if (size + (long) n > limit) {
                    chunk.release();
                    done.accept(null);
                    return;
                }
                if (size + n > body.length) {
                    body = Arrays.copyOf(body, (int) Math.min(limit, Math.max(size + (long) n, 2L * body.length)));
                }
                buffer.get(body, size, n);
                size += n;
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    done.accept(size == body.length ? body : Arrays.copyOf(body, size));
                    return;
                }
            }
        }
    }
}
