package dev.switchboard.adapter.tcp.graphite.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CarbonLineTest {

    private static final long NOW = 1_700_000_000L;

    private static MetricBatch parse(String line) {
        MetricBatch out = new MetricBatch(1);
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        CarbonLine.parse(bytes, 0, bytes.length, NOW, out);
        return out;
    }

    @Test
    void readsAPoint() {
        MetricBatch b = parse("servers.web1.cpu 23.7 1150864247");
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.key(0)).isEqualTo(MetricKey.of("servers.web1.cpu"));
        assertThat(b.value(0)).isEqualTo(23.7);
        assertThat(b.timestamp(0)).isEqualTo(1150864247L);
    }

    @Test
    void toleratesTabsRunsOfSpacesAndACarriageReturn() {
        MetricBatch b = parse("  a.b\t\t-1.5e3   42 \r");
        assertThat(b.value(0)).isEqualTo(-1500.0);
        assertThat(b.timestamp(0)).isEqualTo(42);
    }

    @Test
    void minusOneIsNowAndADecimalTimestampIsCut() {
        assertThat(parse("k 1 -1").timestamp(0)).isEqualTo(NOW);
        assertThat(parse("k 1 -1.0").timestamp(0)).isEqualTo(NOW);
        assertThat(parse("k 1 1700000000.9").timestamp(0)).isEqualTo(1_700_000_000L);
        assertThat(parse("k 1 1e9").timestamp(0)).isEqualTo(1_000_000_000L);
    }

    @Test
    void keepsUtf8Paths() {
        assertThat(parse("temp.zürich 3 10").key(0)).isEqualTo(MetricKey.of("temp.zürich"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "k 1", "k 1 2 3", "k x 10", "k 1 x", "k nan 10", "k NaN 10", "k inf 10",
            "k 1e999 10", "k 1. 1e", "k . 10", "k 1 --1", "k 0x10 10", "k 1_000 10", "k 1 1e20"})
    void refusesAnythingElse(String line) {
        MetricBatch out = new MetricBatch(1);
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        assertThat(CarbonLine.parse(bytes, 0, bytes.length, NOW, out)).isFalse();
        assertThat(out.isEmpty()).isTrue();
    }

    @Test
    void refusesAPathThatIsNotUtf8() {
        byte[] bytes = {'k', (byte) 0xff, ' ', '1', ' ', '2'};
        assertThat(CarbonLine.parse(bytes, 0, bytes.length, NOW, new MetricBatch(1))).isFalse();
    }

    @Test
    void numbersReadExactlyAsJavaReadsThem() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextDouble() * 100;
                case 1 -> random.nextInt(1_000_000) / 1000.0;
                case 2 -> Double.longBitsToDouble(random.nextLong()) ;
                default -> random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L) / 1e4;
            };
            if (!Double.isFinite(d)) {
                continue;
            }
            String text = i % 8 == 3 ? String.format("%.6f", d) : Double.toString(d).replace("E", "e");
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(CarbonLine.number(bytes, 0, bytes.length)).as(text).isEqualTo(Double.parseDouble(text));
        }
    }
}
