package dev.switchboard.adapter.out.http.collector;

import dev.switchboard.application.port.out.collector.BatchUploadPort;
import dev.switchboard.application.port.out.collector.UploadResult;
import dev.switchboard.domain.collector.BatchId;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP adapter: ships a batch as {@code POST /} with {@code Content-Type: text/plain} and
 * {@code X-Batch-Id}, through the JDK's {@link HttpClient} (HTTP/1.1, connections kept alive
 * between uploads). Only a 2xx answer counts as delivered; a refused connection, a timeout or
 * any other status is a failure described in the result, never an exception.
 */
public final class HttpBatchUploader implements BatchUploadPort, AutoCloseable {

    /** At most this much of an error answer is quoted in the failure detail. */
    private static final int DETAIL_BYTES = 200;

    /** A 2xx answer is read this far (ours is a short line); beyond, the connection is dropped. */
    private static final int DRAIN_BYTES = 64 * 1024;

    private final URI target;
    private final Duration requestTimeout;
    private final ExecutorService executor;
    private final HttpClient client;

    public HttpBatchUploader(URI target, Duration connectTimeout, Duration requestTimeout) {
        this.target = Objects.requireNonNull(target, "'target' must not be null");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "'requestTimeout' must not be null");
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "uploader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Objects.requireNonNull(connectTimeout, "'connectTimeout' must not be null"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
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
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(requestTimeout)
                .header("Content-Type", "text/plain")
                .header("X-Batch-Id", batchId.value())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            try (InputStream answer = response.body()) {
                if (status >= 200 && status < 300) {
                    answer.readNBytes(DRAIN_BYTES); // drain a short answer, so the connection is reused
                    return UploadResult.delivered(status);
                }
                String text = new String(answer.readNBytes(DETAIL_BYTES), StandardCharsets.UTF_8).strip();
                return UploadResult.failed("HTTP " + status + (text.isEmpty() ? "" : " (" + oneLine(text) + ")"));
            }
        } catch (HttpConnectTimeoutException e) {
            return UploadResult.failed("connect to " + target + " timed out");
        } catch (HttpTimeoutException e) {
            return UploadResult.failed("no answer from " + target + " within " + requestTimeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return UploadResult.failed("cannot connect to " + target + " (connection refused)");
        } catch (IOException e) {
            return UploadResult.failed("upload to " + target + " failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UploadResult.failed("upload interrupted (stopping)");
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
