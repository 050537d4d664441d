package dev.switchboard.adapter.in.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.adapter.in.web.admin.graphite.GraphiteApi;
import dev.switchboard.application.port.in.metrics.FindMetricsUseCase;
import dev.switchboard.application.port.in.metrics.RenderMetricsUseCase;
import dev.switchboard.domain.metrics.MetricNode;
import dev.switchboard.domain.metrics.render.RenderFunction;
import dev.switchboard.domain.metrics.render.Renderer;
import dev.switchboard.domain.metrics.render.Series;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The /graphite routes over a real admin server, with the use cases faked at their port. */
class GraphiteRoutesTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<RenderMetricsUseCase.RenderRequest> asked = new ArrayList<>();
    private AdminServer server;
    private URI base;

    private final RenderMetricsUseCase render = new RenderMetricsUseCase() {
        @Override
        public List<Series> render(RenderRequest request) {
            asked.add(request);
            if (request.targets().contains("bad(")) {
                throw new IllegalArgumentException("')' is missing at position 4 of: bad(");
            }
            List<Series> out = new ArrayList<>();
            for (String t : request.targets()) {
                out.add(new Series(t, 100, 10, new double[] {1, Double.NaN, 2.5}));
            }
            return out;
        }

        @Override
        public List<RenderFunction> functions() {
            return Renderer.functions();
        }
    };
    private final FindMetricsUseCase find = pattern -> List.of(new MetricNode("servers", "servers", false),
            new MetricNode("load", "load", true));

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Optional<String> token) throws Exception {
        server = new AdminServer("127.0.0.1", 0, token, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.graphite(new GraphiteApi(render, find));
        base = server.start();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)));
    }

    @Test
    void grafanasHealthCheckIsAFormPost() throws Exception {
        start(Optional.empty());
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/graphite/render"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "target=constantLine(100)&from=-1h&until=now&format=json&maxDataPoints=300")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(asked).containsExactly(
                new RenderMetricsUseCase.RenderRequest(List.of("constantLine(100)"), "-1h", "now", 300));
        assertThat(r.body()).isEqualTo("[{\"target\":\"constantLine(100)\",\"tags\":{\"name\":\"constantLine(100)\"},"
                + "\"datapoints\":[[1.0,100],[null,110],[2.5,120]]}]");
    }

    @Test
    void renderByGetTakesRepeatedTargetsAndDefaults() throws Exception {
        start(Optional.empty());
        HttpResponse<String> r = get("/graphite/render?target=a.*&target=sumSeries(b.%7Bx,y%7D)&format=json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(asked.get(0)).isEqualTo(
                new RenderMetricsUseCase.RenderRequest(List.of("a.*", "sumSeries(b.{x,y})"), "-24h", "now", 0));
        JsonArray body = JsonParser.parseString(r.body()).getAsJsonArray();
        assertThat(body).hasSize(2);
        assertThat(body.get(1).getAsJsonObject().get("target").getAsString()).isEqualTo("sumSeries(b.{x,y})");
    }

    @Test
    void aBadTargetIsA400NamingIt() throws Exception {
        start(Optional.empty());
        HttpResponse<String> r = get("/graphite/render?target=bad(");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JsonParser.parseString(r.body()).getAsJsonObject().get("error").getAsString())
                .contains("')' is missing");
        assertThat(get("/graphite/render?target=a&format=png").statusCode()).isEqualTo(400);
        assertThat(get("/graphite/render?target=a&maxDataPoints=lots").statusCode()).isEqualTo(400);
        assertThat(get("/graphite/nothing").statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(base.resolve("/graphite/render")).DELETE()).statusCode())
                .isEqualTo(405);
    }

    @Test
    void findAnswersTreeJson() throws Exception {
        start(Optional.empty());
        HttpResponse<String> r = get("/graphite/metrics/find?query=*");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonArray nodes = JsonParser.parseString(r.body()).getAsJsonArray();
        JsonObject branch = nodes.get(0).getAsJsonObject();
        assertThat(branch.get("text").getAsString()).isEqualTo("servers");
        assertThat(branch.get("id").getAsString()).isEqualTo("servers");
        assertThat(branch.get("leaf").getAsInt()).isZero();
        assertThat(branch.get("expandable").getAsInt()).isEqualTo(1);
        assertThat(branch.get("allowChildren").getAsInt()).isEqualTo(1);
        assertThat(nodes.get(1).getAsJsonObject().get("leaf").getAsInt()).isEqualTo(1);
        assertThat(get("/graphite/metrics/find").statusCode()).isEqualTo(400);
    }

    @Test
    void functionsDescribeEveryFunctionForTheQueryEditor() throws Exception {
        start(Optional.empty());
        JsonObject all = JsonParser.parseString(get("/graphite/functions").body()).getAsJsonObject();
        assertThat(all.keySet()).contains("sumSeries", "averageSeries", "alias", "aliasByNode", "scale", "perSecond",
                "nonNegativeDerivative", "summarize", "movingAverage", "groupByNode", "constantLine");
        JsonObject sum = all.getAsJsonObject("sumSeries");
        assertThat(sum.get("group").getAsString()).isEqualTo("Combine");
        JsonObject param = sum.getAsJsonArray("params").get(0).getAsJsonObject();
        assertThat(param.get("type").getAsString()).isEqualTo("seriesList");
        assertThat(param.get("multiple").getAsBoolean()).isTrue();
        assertThat(get("/graphite/version").body().strip()).isEqualTo("1.1.10");
    }

    @Test
    void theTokenGuardsGraphiteToo() throws Exception {
        start(Optional.of("t0k"));
        assertThat(get("/graphite/render?target=a").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = send(HttpRequest.newBuilder(base.resolve("/graphite/metrics/find?query=*"))
                .header("Authorization", "Bearer t0k"));
        assertThat(ok.statusCode()).isEqualTo(200);
    }
}
