package dev.switchboard.adapter.in.web.admin.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.web.admin.AdminServer;
import dev.switchboard.application.port.in.tokens.GetTokenTablesUseCase;
import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.HandlerRow;
import dev.switchboard.domain.tokens.HandlerTable;
import dev.switchboard.domain.tokens.Token;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

// one admin server for the class: a Jetty stop waits for the test client's idle connections
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokensApiTest {

    /** The use case over a list the test sets. */
    private static final class Tables implements GetTokenTablesUseCase {
        volatile List<HandlerTable> all = List.of();

        @Override
        public List<HandlerTable> tables() {
            return all;
        }

        @Override
        public Optional<HandlerTable> table(Token token) {
            return all.stream().filter(t -> t.token().equals(token)).findFirst();
        }

        @Override
        public int handlerCount() {
            return all.size();
        }
    }

    private static final HandlerTable ABC = new HandlerTable(Token.of("abc"), List.of(
            new HandlerRow(new ClientId("c1", "127.0.0.1", 50312), 3, 2)));
    private static final HandlerTable XYZ = new HandlerTable(Token.of("xyz"), List.of(
            new HandlerRow(new ClientId("c1", "127.0.0.1", 50312), 3, 2),
            new HandlerRow(new ClientId("c2", "127.0.0.1", 50400), 1, 1)));

    private final Tables tables = new Tables();

    private AdminServer admin;
    private URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        admin = new AdminServer("127.0.0.1", 0, Optional.empty(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        admin.service("tokens", new TokensApi(tables));
        base = admin.start();
    }

    @AfterAll
    void stop() {
        admin.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void allHandlers_inTheDocumentedShape() throws Exception {
        tables.all = List.of(ABC, XYZ);

        HttpResponse<String> response = get("/api/tokens");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"handlers\":["
                + "{\"token\":\"abc\",\"rows\":[{\"id\":\"c1\",\"addr\":\"127.0.0.1:50312\",\"expected\":3,\"received\":2}]},"
                + "{\"token\":\"xyz\",\"rows\":[{\"id\":\"c1\",\"addr\":\"127.0.0.1:50312\",\"expected\":3,\"received\":2},"
                + "{\"id\":\"c2\",\"addr\":\"127.0.0.1:50400\",\"expected\":1,\"received\":1}]}]}");
    }

    @Test
    void noHandlersYet_isAnEmptyList() throws Exception {
        tables.all = List.of();

        assertThat(get("/api/tokens").body()).isEqualTo("{\"handlers\":[]}");
    }

    @Test
    void oneToken_showsThatHandlerOnly() throws Exception {
        tables.all = List.of(ABC, XYZ);

        HttpResponse<String> response = get("/api/tokens?token=xyz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"handlers\":[{\"token\":\"xyz\",").contains("\"c2\"").doesNotContain("abc");
    }

    @Test
    void anUnknownToken_is404WithAJsonError() throws Exception {
        tables.all = List.of(ABC);

        HttpResponse<String> response = get("/api/tokens?token=nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"no handler for token 'nope'\"}");
    }

    @Test
    void anImpossibleToken_is400() throws Exception {
        HttpResponse<String> response = get("/api/tokens?token=a%00b");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("bad token");
    }

    @Test
    void health_listsTheService() throws Exception {
        assertThat(get("/api/health").body()).contains("\"tokens\"");
    }
}
