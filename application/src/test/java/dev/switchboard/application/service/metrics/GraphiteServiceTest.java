package dev.switchboard.application.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.port.in.metrics.RenderMetricsUseCase.RenderRequest;
import dev.switchboard.domain.metrics.MetricNode;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.render.Series;
import dev.switchboard.domain.metrics.retention.Aggregation;
import dev.switchboard.domain.metrics.retention.Retention;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GraphiteServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(10_000), ZoneOffset.UTC);

    private final TreeStore store = new TreeStore()
            .with("servers.web1.cpu", 1, 9_000).with("servers.web1.cpu", 3, 9_010).with("servers.web1.cpu", 5, 9_020)
            .with("servers.web2.cpu", 10, 9_000).with("servers.web2.cpu", 30, 9_020)
            .with("servers.web1", 7, 9_000)
            .with("db.load", 2, 9_005)
            .with("other", 1, 1);

    @Test
    void findListsOneLevelBranchesBeforeLeaves() {
        GraphiteService service = new GraphiteService(store, Optional.empty(), CLOCK);
        assertThat(service.find("*")).containsExactly(new MetricNode("db", "db", false),
                new MetricNode("other", "other", true), new MetricNode("servers", "servers", false));
        // servers.web1 is a key and has keys below it: listed as both
        assertThat(service.find("servers.*")).containsExactly(new MetricNode("servers.web1", "web1", false),
                new MetricNode("servers.web1", "web1", true), new MetricNode("servers.web2", "web2", false));
        assertThat(service.find("servers.web[2-9].*")).containsExactly(
                new MetricNode("servers.web2.cpu", "cpu", true));
        assertThat(service.find("nothing.*")).isEmpty();
    }

    @Test
    void renderReadsEachKeyAtItsFeedInterval() {
        GraphiteService service = new GraphiteService(store, Optional.empty(), CLOCK);
        List<Series> out = service.render(new RenderRequest(List.of("servers.*.cpu"), "-1000s", "9029", 0));
        assertThat(out).extracting(Series::name).containsExactly("servers.web1.cpu", "servers.web2.cpu");
        // web1 every 10 s; web2 every 20 s: from 9000 to 9029
        assertThat(out.get(0).step()).isEqualTo(10);
        assertThat(Arrays.toString(out.get(0).values())).isEqualTo("[1.0, 3.0, 5.0]");
        assertThat(out.get(1).step()).isEqualTo(20);
        assertThat(Arrays.toString(out.get(1).values())).isEqualTo("[10.0, 30.0]");
        // summed on the 20 s grid: web1 averaged to 2.0, 5.0
        Series sum = service.render(new RenderRequest(List.of("sumSeries(servers.*.cpu)"), "9000", "9029", 0)).get(0);
        assertThat(sum.step()).isEqualTo(20);
        assertThat(Arrays.toString(sum.values())).isEqualTo("[12.0, 35.0]");
    }

    @Test
    void withARetentionSlotsAreItsPrecisionAndMergedByItsAggregation() {
        Retention retention = Retention.parse("30s:1h,5m:1d", Aggregation.SUM);
        GraphiteService service = new GraphiteService(store, Optional.of(retention), CLOCK);
        Series s = service.render(new RenderRequest(List.of("servers.web1.cpu"), "9000", "9059", 0)).get(0);
        assertThat(s.step()).isEqualTo(30);
        assertThat(Arrays.toString(s.values())).isEqualTo("[9.0, NaN]");
        // older than an hour: the 5-minute archive
        assertThat(service.render(new RenderRequest(List.of("other"), "-2h", "now", 0)).get(0).step()).isEqualTo(300);
    }

    @Test
    void grafanasHealthCheckRenders() {
        GraphiteService service = new GraphiteService(store, Optional.empty(), CLOCK);
        Series line = service.render(new RenderRequest(List.of("constantLine(100)"), "-1h", "now", 300)).get(0);
        assertThat(line.name()).isEqualTo("100");
        assertThat(line.start()).isEqualTo(10_000 - 3600);
        assertThat(Arrays.toString(line.values())).isEqualTo("[100.0, 100.0, 100.0]");
        assertThat(service.functions()).extracting(f -> f.name()).contains("sumSeries", "constantLine", "groupByNode");
    }

    @Test
    void mistakesAreNamed() {
        GraphiteService service = new GraphiteService(store, Optional.empty(), CLOCK);
        assertThatThrownBy(() -> service.render(new RenderRequest(List.of("a.b"), "yesterday", "now", 0)))
                .hasMessageContaining("yesterday");
        assertThatThrownBy(() -> service.render(new RenderRequest(List.of("nope(a.b)"), "-1h", "now", 0)))
                .hasMessageContaining("nope");
    }

    @Test
    void theClassicGetAnswersPatternsAndRangesFromKeysAndRanges() {
        MetricsService service = new MetricsService(store);
        assertThat(service.get(MetricQuery.parse("servers.*.cpu").between(9_010, 9_020))).containsExactly(
                MetricPoint.of("servers.web1.cpu", 3, 9_010), MetricPoint.of("servers.web1.cpu", 5, 9_020),
                MetricPoint.of("servers.web2.cpu", 30, 9_020));
        assertThat(service.get(MetricQuery.parse("{db,other}.*"))).containsExactly(MetricPoint.of("db.load", 2, 9_005));
        assertThat(service.get(MetricQuery.parse("*").between(0, 10))).containsExactly(MetricPoint.of("other", 1, 1));
        assertThat(service.get(MetricQuery.parse("servers.web1").between(9_000, 9_000)))
                .containsExactly(MetricPoint.of("servers.web1", 7, 9_000));
    }

    @Test
    void retentionRunsAtTheClocksNow() {
        RetentionService retention = new RetentionService(store, Retention.parse("10s:1h", Aggregation.AVERAGE), CLOCK);
        // before 6400 dropped: "other" at 1
        assertThat(retention.applyRetention()).isEqualTo(1);
        assertThat(retention.periodSeconds()).isEqualTo(10);
        assertThat(store.keys()).extracting(k -> k.value()).doesNotContain("other");
    }
}
