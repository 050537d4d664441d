package dev.switchboard.adapter.in.tcp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.tcp.metrics.protocol.MetricsRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte parser reads every line exactly as the general {@link MetricsRequest#parse} does. */
class MetricsLineParserTest {

    private final MetricsLineParser parser = new MetricsLineParser();

    /** Parses {@code line} both ways and checks they agree; returns what the byte parser read. */
    private MetricsLineParser.Kind agree(String line) {
        byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        int length = line.getBytes(StandardCharsets.UTF_8).length;
        MetricsLineParser.Kind kind = parser.parse(bytes, 2, length);
        MetricsRequest general = MetricsRequest.parse(new String(bytes, 2, length, StandardCharsets.UTF_8));
        switch (kind) {
            case PUT -> {
                assertThat(general).as(line).isInstanceOf(MetricsRequest.Put.class);
                MetricsRequest.Put put = (MetricsRequest.Put) general;
                assertThat(parser.key()).as(line).isEqualTo(put.point().key());
                assertThat(Double.doubleToLongBits(parser.value() == 0.0 ? 0.0 : parser.value())).as(line)
                        .isEqualTo(Double.doubleToLongBits(put.point().value()));
                assertThat(parser.timestamp()).as(line).isEqualTo(put.point().timestamp());
            }
            case GET -> {
                assertThat(general).as(line).isInstanceOf(MetricsRequest.Get.class);
                assertThat(parser.query()).as(line).isEqualTo(((MetricsRequest.Get) general).query());
            }
            default -> assertThat(general).as(line).isInstanceOf(MetricsRequest.Wrong.class);
        }
        return kind;
    }

    @Test
    void theBenchLineIsAPutReadInPlace() {
        assertThat(agree("put bench.c12.k3 123.5 1764626000000123")).isEqualTo(MetricsLineParser.Kind.PUT);
        assertThat(parser.value()).isEqualTo(123.5);
        assertThat(parser.timestamp()).isEqualTo(1764626000000123L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"put k 1 1", "put k 23.7 1150864247", "put  k\t0.5\t  -3  ", "put k +.5 +1", "put k -0.0 0",
            "put k 5. 1", "put k .5 1", "put k . 1", "put k 1e5 1", "put k 1E-5 1", "put k 1_000.5 1", "put k 1 1_0",
            "put k 0x10 1", "put k inf 1", "put k nan 1", "put k 1e999 1", "put k 123456789012345 1",
            "put k 1234567890123456 1", "put k 0.1234567890123456789 1", "put k 1 99999999999999999999",
            "put k 1 9223372036854775807", "put k 1 -9223372036854775808", "put k 1 9223372036854775808",
            "put k 1 1.0", "put k 1 --1", "put k -- 1", "put k 1 +", "put k 1", "put k 1 2 3", "put", "",
            "   ", "get *", "get k", "get k k", "get", "GET k", "got k", "put é 1 1", "put k\u00a01 1 1",
            "put k\u001c1 1", "put\u000bk 1 1", "get \u00e9t\u00e9", "put k 1 1\r", "put k 00012.50 0007"})
    void agreesWithTheGeneralParser(String line) {
        agree(line);
    }

    @Test
    void invalidUtf8IsWrong() {
        byte[] bytes = {'p', 'u', 't', ' ', (byte) 0xFF, ' ', '1', ' ', '1'};
        assertThat(parser.parse(bytes, 0, bytes.length)).isEqualTo(MetricsLineParser.Kind.WRONG);
    }

    @Test
    void randomNumbersAgree() {
        Random random = new Random(42);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            if (random.nextInt(4) == 0) {
                value.append(random.nextBoolean() ? '-' : '+');
            }
            int intDigits = random.nextInt(10);
            for (int d = 0; d < intDigits; d++) {
                value.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(3) > 0) {
                value.append('.');
                int fraction = random.nextInt(12);
                for (int d = 0; d < fraction; d++) {
                    value.append((char) ('0' + random.nextInt(10)));
                }
            }
            lines.add("put k" + random.nextInt(100) + " " + value + " " + (random.nextLong() >> random.nextInt(64)));
        }
        lines.forEach(this::agree);
    }

    @Test
    void keysComeFromTheCacheOnceSeen() {
        agree("put a.b 1 1");
        var first = parser.key();
        agree("put a.b 2 2");
        assertThat(parser.key()).isSameAs(first);
        agree("put a.c 2 2");
        assertThat(parser.key()).isNotSameAs(first).hasToString("a.c");
    }
}
