package dev.switchboard.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a\tb", "a\nb"})
    void rejectsEmptyKeysAndWhitespace(String key) {
        assertThatThrownBy(() -> MetricKey.of(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> MetricKey.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void pointsOrderByKeyThenTimestamp() {
        List<MetricPoint> points = new ArrayList<>(List.of(
                MetricPoint.of("k2", 1, 5), MetricPoint.of("k1", 1, 3), MetricPoint.of("k2", 1, 4),
                MetricPoint.of("k1", 1, 1)));
        points.sort(MetricPoint.ORDER);
        assertThat(points).extracting(p -> p.key().value() + "@" + p.timestamp())
                .containsExactly("k1@1", "k1@3", "k2@4", "k2@5");
    }

    @Test
    void pointsRefuseNonFiniteValues() {
        assertThatThrownBy(() -> MetricPoint.of("k", Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricPoint.of("k", Double.POSITIVE_INFINITY, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queryParsesStarAsAll() {
        assertThat(MetricQuery.parse("*").isAll()).isTrue();
        assertThat(MetricQuery.parse("cpu").key()).contains(MetricKey.of("cpu"));
        assertThat(MetricQuery.parse("cpu").matches(MetricKey.of("cpu"))).isTrue();
        assertThat(MetricQuery.parse("cpu").matches(MetricKey.of("mem"))).isFalse();
    }

    @Test
    void negativeZeroIsStoredAsZero() {
        assertThat(Double.doubleToRawLongBits(MetricPoint.of("k", -0.0, 1).value())).isZero();
    }
}
