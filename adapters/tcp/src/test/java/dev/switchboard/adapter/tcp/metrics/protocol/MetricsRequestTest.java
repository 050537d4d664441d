package dev.switchboard.adapter.tcp.metrics.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsRequestTest {

    @Test
    void putParsesKeyValueAndTimestamp() {
        assertThat(MetricsRequest.parse("put palm.cpu 23.7 1150864247"))
                .isEqualTo(new MetricsRequest.Put(MetricPoint.of("palm.cpu", 23.7, 1150864247L)));
    }

    @Test
    void getParsesAKeyOrStar() {
        assertThat(MetricsRequest.parse("get palm.cpu")).isEqualTo(new MetricsRequest.Get(MetricQuery.parse("palm.cpu")));
        assertThat(MetricsRequest.parse("get *")).isEqualTo(new MetricsRequest.Get(MetricQuery.all()));
    }

    @Test
    void getTakesAPatternAndAnInclusiveRange() {
        assertThat(MetricsRequest.parse("get cpu.*")).isEqualTo(new MetricsRequest.Get(MetricQuery.parse("cpu.*")));
        assertThat(MetricsRequest.parse("get {a,b}.load 100 200"))
                .isEqualTo(new MetricsRequest.Get(MetricQuery.parse("{a,b}.load").between(100, 200)));
        assertThat(MetricsRequest.parse("get * 5 5")).isEqualTo(new MetricsRequest.Get(MetricQuery.all().between(5, 5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "malformed command test", "put", "put k", "put k 1", "put k 1 2 3",
            "put k x 1", "put k 1 x", "put k 1 1.5", "put k nan 1", "get", "get a b", "get a 1", "get a 1 x", "get a 2 1", "get a 1 2 3", "GET *", "PUT k 1 2",
            "delete k", "put k 1 99999999999999999999"})
    void everyWrongFormIsWrong(String line) {
        assertThat(MetricsRequest.parse(line)).isInstanceOf(MetricsRequest.Wrong.class);
    }

    @Test
    void pointsAnswerInTheClassicLayout() {
        assertThat(MetricsResponse.points(List.of())).isEqualTo("ok\n\n");
        assertThat(MetricsResponse.points(List.of(MetricPoint.of("k", 10, 1), MetricPoint.of("k", 1e16, 2))))
                .isEqualTo("ok\nk 10.0 1\nk 1e+16 2\n\n");
    }
}
