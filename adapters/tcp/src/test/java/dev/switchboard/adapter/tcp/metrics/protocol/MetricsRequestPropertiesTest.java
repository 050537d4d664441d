package dev.switchboard.adapter.tcp.metrics.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the metrics request parser (what the pipeline falls back to for any line its
 * fast reader does not take): any text gets an answer, never an exception, and a well-formed
 * put is read exactly.
 */
class MetricsRequestPropertiesTest {

    /** The request parser answers any text without an exception. */
    @Test
    void theParserAnswersAnyLine() {
        String[] words = {"put", "get", "*", "nan", "NaN", "inf", "-inf", "Infinity", "1e308", "1e309", "-0", "0x10",
            "1_000", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1.5e-400", "١٢٣", "+", "-",
            ".", "e", "\u00a0", "\u2028", "\t", "", "1" + "0".repeat(400)};
        String[] spaces = {" ", "  ", "\t", " \u000b ", "\u3000", "\u0085", "\u001c", "\u00a0"};
        Fuzz.forAll(3000, r -> {
            List<String> line = Gen.listOf(r, 6, w -> switch (w.nextInt(4)) {
                case 0 -> String.valueOf(w.nextLong());
                case 1 -> String.valueOf(Double.longBitsToDouble(w.nextLong()));
                case 2 -> Gen.text(w, 12, "\n");
                default -> Gen.oneOf(w, words);
            });
            return String.join(Gen.oneOf(r, spaces), line);
        }, line -> assertThat(MetricsRequest.parse(line)).isNotNull());
    }

    record Put(String key, long timestamp, int value) {
    }

    @Test
    void aWellFormedPutIsReadExactly() {
        Fuzz.forAll(1000, r -> new Put(key(r), r.nextLong(), r.nextInt(2_000_001) - 1_000_000), in -> {
            MetricsRequest request = MetricsRequest.parse("put " + in.key() + " " + in.value() + " " + in.timestamp());

            assertThat(request).isInstanceOf(MetricsRequest.Put.class);
            MetricsRequest.Put put = (MetricsRequest.Put) request;
            assertThat(put.point().key().value()).isEqualTo(in.key());
            assertThat(put.point().timestamp()).isEqualTo(in.timestamp());
            assertThat(put.point().value()).isEqualTo(in.value());
        });
    }

    private static String key(Random random) {
        String key = Gen.text(random, 40, "").codePoints().filter(cp -> !Character.isWhitespace(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return key.isEmpty() || key.equals("*") ? "k" + key : key;
    }
}
