package dev.switchboard.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.collector.CollectorAssembly;
import dev.switchboard.bootstrap.collector.CollectorSettings;
import dev.switchboard.domain.collector.Rotation;
import dev.switchboard.domain.collector.SamplePeriod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the {@code collector} role runs (its own process, with its own admin server on a free
 * port), wired by the same assembly: it samples every 50 ms into one-second spool files and ships
 * them every 200 ms to the sink on {@code sinkPort}.
 */
final class CollectorFixture implements AutoCloseable {

    private final ServerRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CollectorFixture(Path spool, int sinkPort) throws IOException {
        runtime = new ServerRuntime(ServerOptions.memory(ServerOptions.ADMIN_ON_FREE_PORT));
        try {
            CollectorAssembly.installCollector(runtime, new CollectorSettings(spool, "127.0.0.1", sinkPort,
                    Duration.ofMillis(200), SamplePeriod.ofMillis(50), Rotation.ofSeconds(1),
                    Duration.ofSeconds(2), Duration.ofSeconds(5)));
            runtime.start();
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    static CollectorFixture start(Path spool, int sinkPort) throws IOException {
        return new CollectorFixture(spool, sinkPort);
    }

    URI admin() {
        return runtime.admin().uri();
    }

    /** {@code GET /api/collector} of this collector's admin server. */
    JsonObject status() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(admin().resolve("/api/collector"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
