package dev.switchboard.bootstrap.admin;

import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.metrics.MetricsAssembly;
import dev.switchboard.bootstrap.storage.StorageKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code serve} runs, wired in this JVM the way ServeRole wires it, every listener on a
 * free loopback port: the services merged so far plus the admin server.
 */
final class ServeFixture implements AutoCloseable {

    private final ServerRuntime runtime;
    private final TcpComponent metrics;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServeFixture(Optional<String> token) throws IOException {
        this.token = token;
        this.runtime = new ServerRuntime(new ServerOptions(StorageKind.MEMORY, Path.of(ServerOptions.DEFAULT_DB),
                ServerOptions.ADMIN_ON_FREE_PORT, "127.0.0.1", token));
        try {
            this.metrics = MetricsAssembly.install(runtime, "127.0.0.1", 0);
            runtime.start();
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    static ServeFixture start() throws IOException {
        return new ServeFixture(Optional.empty());
    }

    static ServeFixture startWithToken(String token) throws IOException {
        return new ServeFixture(Optional.of(token));
    }

    URI admin() {
        return runtime.admin().uri();
    }

    ServerRuntime runtime() {
        return runtime;
    }

    int metricsPort() {
        return metrics.localAddress().getPort();
    }

    /** GET on the admin server, with the bearer token when the fixture has one. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
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
