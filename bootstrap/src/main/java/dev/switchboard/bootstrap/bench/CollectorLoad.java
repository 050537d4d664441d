package dev.switchboard.bootstrap.bench;

import dev.switchboard.adapter.in.web.collector.SinkConfig;
import dev.switchboard.adapter.out.http.collector.HttpBatchUploader;
import dev.switchboard.application.port.out.collector.UploadResult;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.collector.CollectorAssembly;
import dev.switchboard.bootstrap.collector.SinkComponent;
import dev.switchboard.domain.collector.BatchId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Load for the collector's HTTP sink: each connection is a sender with its own JDK HttpClient
 * (the collector's own uploader), POSTing bodies of {@code pipeline} KiB of samples one after
 * another, each with a batch id never used before, so every post is a new receipt.
 */
final class CollectorLoad implements ServiceLoad {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String service() {
        return "collector";
    }

    @Override
    public Supplier<InetSocketAddress> install(ServerRuntime runtime, LoadSettings settings) {
        // the sink prints every payload it receives: in the bench that goes nowhere
        SinkComponent sink = CollectorAssembly.installSink(runtime,
                SinkConfig.of(LOOPBACK, 0).withMaxBodyBytes(Math.max(SinkConfig.DEFAULT_MAX_BODY, bodyBytes(settings))),
                new PrintStream(OutputStream.nullOutputStream()));
        return sink::localAddress;
    }

    @Override
    public LoadResult run(InetSocketAddress server, String target, LoadSettings settings) throws InterruptedException {
        byte[] body = body(bodyBytes(settings));
        // a run's ids differ from every other run's: a sink that keeps receipts would take repeats as duplicates
        String run = "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36) + "-";
        LoadDriver.Measured measured = LoadDriver.run(settings, 1, index -> new Sender(
                new HttpBatchUploader(HttpBatchUploader.sinkUri(server.getHostString(), server.getPort()),
                        CONNECT_TIMEOUT, REQUEST_TIMEOUT), run + index + "-", body));
        return new LoadResult(service(), target, settings, measured, List.of(
                LoadResult.figure("files_per_sec", "%.0f", measured.perSecond(measured.ops())),
                LoadResult.figure("mib_per_sec", "%.1f", measured.perSecond(measured.ops() * (double) body.length)
                        / (1024 * 1024))));
    }

    private static int bodyBytes(LoadSettings settings) {
        return settings.pipeline() * 1024;
    }

    /** Sample lines as the collector writes them ({@code <value> <epoch-ns>}), cut to {@code size} bytes. */
    static byte[] body(int size) {
        StringBuilder text = new StringBuilder(size + 32);
        long nanos = 1_600_000_000_000_000_000L;
        for (int i = 0; text.length() < size; i++) {
            text.append(i % 10).append(' ').append(nanos + i * 1_000_000_000L).append('\n');
        }
        byte[] bytes = text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
        bytes[size - 1] = '\n';
        return bytes;
    }

    /** One sender: one post per request. */
    private static final class Sender implements LoadDriver.Connection {
        private final HttpBatchUploader uploader;
        private final String idPrefix;
        private final byte[] body;
        private long sequence;

        Sender(HttpBatchUploader uploader, String idPrefix, byte[] body) {
            this.uploader = uploader;
            this.idPrefix = idPrefix;
            this.body = body;
        }

        @Override
        public int round(int n) throws IOException {
            for (int i = 0; i < n; i++) {
                UploadResult result = uploader.upload(BatchId.of(idPrefix + sequence++), body);
                if (!result.delivered()) {
                    throw new IOException(result.detail());
                }
            }
            return 0;
        }

        @Override
        public void close() {
            uploader.close();
        }
    }
}
