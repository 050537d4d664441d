package dev.switchboard.bootstrap.admin;

import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.serve.ServeAssembly;
import dev.switchboard.bootstrap.serve.ServeSettings;
import dev.switchboard.bootstrap.storage.StorageKind;
import dev.switchboard.bootstrap.tokens.TokenOptions;
import dev.switchboard.domain.tokens.ProcessingDelay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code serve} runs, wired in this JVM by the same {@link ServeAssembly} the role calls, every
 * listener on a free loopback port, in-memory storage: tokens, metrics, lottery (both dialects,
 * {@value #AGENCIES} agencies), the collector sink and the admin server; the collector itself
 * only when asked for ({@link #startWithCollector}).
 */
public final class ServeFixture implements AutoCloseable {

    static final int AGENCIES = 2;

    private final ServerRuntime runtime;
    private final ServeAssembly.Installed services;
    // what serve prints on stdout (token tables, sink payloads), kept out of the test output
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServeFixture(Optional<String> token, Optional<ServeSettings.Collector> collector) throws IOException {
        this(new ServerOptions(StorageKind.MEMORY, Path.of(ServerOptions.DEFAULT_DB),
                ServerOptions.ADMIN_ON_FREE_PORT, "127.0.0.1", token), TokenOptions.DEFAULT_PERIOD, collector);
    }

    private ServeFixture(ServerOptions options, Duration printPeriod, Optional<ServeSettings.Collector> collector)
            throws IOException {
        this.token = options.adminToken();
        this.runtime = new ServerRuntime(options);
        try {
            ServeSettings settings = new ServeSettings("127.0.0.1", 0, 0, 0, 0, AGENCIES, 0,
                    new TokenOptions(2, printPeriod, ProcessingDelay.NONE));
            this.services = ServeAssembly.install(runtime, collector.map(settings::withCollector).orElse(settings),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            runtime.start();
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** Without the collector ({@code --collector off}), so the sink holds only what a test posts. */
    static ServeFixture start() throws IOException {
        return new ServeFixture(Optional.empty(), Optional.empty());
    }

    static ServeFixture startWithToken(String token) throws IOException {
        return new ServeFixture(Optional.of(token), Optional.empty());
    }

    /** With the collector as {@code serve} runs it: sampling into its spool, shipping where it says. */
    static ServeFixture startWithCollector(ServeSettings.Collector collector) throws IOException {
        return new ServeFixture(Optional.empty(), Optional.of(collector));
    }

    /**
     * One node of several on a shared database: every service, storage as {@code options} say
     * (jdbc), the token tables printed every {@code printPeriod}.
     */
    public static ServeFixture node(ServerOptions options, Duration printPeriod) throws IOException {
        return new ServeFixture(options, printPeriod, Optional.empty());
    }

    /** What the node printed on stdout so far (token tables, sink payloads). */
    public String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    public URI admin() {
        return runtime.admin().uri();
    }

    ServerRuntime runtime() {
        return runtime;
    }

    public int tokensPort() {
        return services.tokens().orElseThrow().localAddress().getPort();
    }

    public int metricsPort() {
        return services.metrics().orElseThrow().localAddress().getPort();
    }

    public int lotteryTextPort() {
        return services.lotteryText().orElseThrow().localAddress().getPort();
    }

    public int lotteryBinaryPort() {
        return services.lotteryBinary().orElseThrow().localAddress().getPort();
    }

    public int sinkPort() {
        return services.sink().orElseThrow().localAddress().getPort();
    }

    /** POSTs a batch to the sink as the collector does: the body, text/plain, and its X-Batch-Id. */
    public HttpResponse<String> postToSink(String batchId, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sinkPort() + "/"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "text/plain")
                        .header("X-Batch-Id", batchId)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET on the admin server, with the bearer token when the fixture has one. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(admin().resolve(path)).timeout(Duration.ofSeconds(10));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET without any Authorization header. */
    HttpResponse<String> getAnonymously(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(admin().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        runtime.close();
    }
}
