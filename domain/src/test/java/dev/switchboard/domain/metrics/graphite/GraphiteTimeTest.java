package dev.switchboard.domain.metrics.graphite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GraphiteTimeTest {

    private static final long NOW = 1_700_000_000L;

    @ParameterizedTest
    @CsvSource({
            "now, 1700000000",
            "'', 1700000000",
            "1650000000, 1650000000",
            "-1h, 1699996400",
            "now-1h, 1699996400",
            "-30s, 1699999970",
            "-5min, 1699999700",
            "-5m, 1699999700",
            "-2d, 1699827200",
            "-1w, 1699395200",
            "-1mon, 1697408000",
            "-1y, 1668464000",
            "+10min, 1700000600",
            "20231114, 1699920000",
            "22:13_20231114, 1699999980",
            "100, 100",
    })
    void readsEveryForm(String text, long expected) {
        assertThat(GraphiteTime.parse(text, NOW)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "-1x", "now-", "12:99_20231114"})
    void refusesWhatItCannotRead(String text) {
        assertThatThrownBy(() -> GraphiteTime.parse(text, NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @CsvSource({"1h, 3600", "5min, 300", "30s, 30", "10, 10", "1d, 86400"})
    void readsIntervals(String text, long seconds) {
        assertThat(GraphiteTime.interval(text)).isEqualTo(seconds);
    }
}
