package dev.switchboard.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.adapter.out.tcp.metrics.MetricsClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Long admin answers come in pages: {@code limit}, an opaque {@code cursor}, {@code next} while more remain. */
class AdminPagingTest {

    private static final int KEYS = 2_500;

    @Test
    void twoThousandFiveHundredMetricKeysComeBackAcrossPagesEachExactlyOnce() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            try (MetricsClient client = new MetricsClient("127.0.0.1", serve.metricsPort(), Duration.ofSeconds(10))) {
                for (int i = 0; i < KEYS; i++) {
                    client.put("page.key" + i, i, 1_000 + i);
                }
            }
            List<JsonObject> pages = pages(serve, "/api/metrics?key=*");
            // default limit 1000: 1000 + 1000 + 500
            assertThat(pages).extracting(p -> p.getAsJsonObject("metrics").size()).containsExactly(1000, 1000, 500);
            List<String> keys = new ArrayList<>();
            pages.forEach(p -> keys.addAll(p.getAsJsonObject("metrics").keySet()));
            assertThat(keys).hasSize(KEYS).doesNotHaveDuplicates();
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < KEYS; i++) {
                expected.add("page.key" + i);
            }
            assertThat(new HashSet<>(keys)).isEqualTo(expected);
            assertThat(keys).isSorted();
            assertThat(pages.get(0).get("count").getAsLong()).isEqualTo(KEYS);
            assertThat(pages.get(2).getAsJsonObject("metrics").getAsJsonArray("page.key999").get(0)
                    .getAsJsonObject().get("value").getAsDouble()).isEqualTo(999.0);
        }
    }

    @Test
    void sinkReceiptsAndTokenHandlersPageByLimit() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            for (int i = 0; i < 25; i++) {
                assertThat(serve.postToSink((26_593_100 + i) + ".dat", "1 " + i + "\n").statusCode()).isEqualTo(200);
            }
            List<JsonObject> sink = pages(serve, "/api/sink?limit=10");
            assertThat(sink).extracting(p -> p.getAsJsonArray("receipts").size()).containsExactly(10, 10, 5);
            List<String> batches = collect(sink, p -> p.getAsJsonArray("receipts"), r -> r.getAsJsonObject().get("batchId").getAsString());
            assertThat(batches).hasSize(25).doesNotHaveDuplicates().first().isEqualTo("26593100.dat");
            assertThat(sink.get(0).get("count").getAsInt()).isEqualTo(25);

            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                tokens.add("tok" + i);
            }
            Traffic.sendTokens(serve, "c1", tokens);
            List<JsonObject> handlers = pages(serve, "/api/tokens?limit=3");
            assertThat(handlers).extracting(p -> p.getAsJsonArray("handlers").size()).containsExactly(3, 3, 1);
            assertThat(collect(handlers, p -> p.getAsJsonArray("handlers"), h -> h.getAsJsonObject().get("token").getAsString()))
                    .containsExactlyElementsOf(tokens);
        }
    }

    @Test
    void aBadLimitOrCursorIsA400() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            for (String query : List.of("limit=0", "limit=10001", "limit=ten", "cursor=%21%21", "cursor=bm9wZQ")) {
                HttpResponse<String> response = serve.get("/api/sink?" + query);
                assertThat(response.statusCode()).as(query).isEqualTo(400);
                assertThat(JsonParser.parseString(response.body()).getAsJsonObject().get("error").getAsString()).isNotBlank();
            }
            assertThat(serve.get("/api/sink?limit=10000").statusCode()).isEqualTo(200);
        }
    }

    /** Follows {@code next} from the first page to the last; the last has no {@code next}. */
    private static List<JsonObject> pages(ServeFixture serve, String first) throws Exception {
        List<JsonObject> pages = new ArrayList<>();
        String path = first;
        while (true) {
            HttpResponse<String> response = serve.get(path);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            JsonObject page = JsonParser.parseString(response.body()).getAsJsonObject();
            pages.add(page);
            assertThat(pages).as("pages of " + first).hasSizeLessThan(100);
            if (!page.has("next")) {
                return pages;
            }
            String next = page.get("next").getAsString();
            path = first + (first.contains("?") ? "&" : "?") + "cursor=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        }
    }

    private static List<String> collect(List<JsonObject> pages, Function<JsonObject, Iterable<JsonElement>> items,
                                        Function<JsonElement, String> id) {
        List<String> all = new ArrayList<>();
        pages.forEach(p -> items.apply(p).forEach(e -> all.add(id.apply(e))));
        return all;
    }
}
