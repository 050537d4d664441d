package dev.switchboard.domain.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a\u0000b", "\u0000"})
    void token_rejectsEmptyAndU0000(String value) {
        assertThatThrownBy(() -> Token.of(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "ñandú", "{\"x\":1}", "123", "a b", "a\tb", "a\nb", "x\u2028y", " ", "\\"})
    void token_acceptsAnyOtherJsonString_asTheOriginalServerDoes(String value) {
        assertThat(Token.of(value).value()).isEqualTo(value);
    }

    @Test
    void token_printable_escapesWhatWouldBreakALine_andKeepsTheRest() {
        assertThat(Token.of("plain ñ \\x").printable()).isEqualTo("plain ñ \\x");
        assertThat(Token.of("a\tb\nc\rd\be\ff").printable()).isEqualTo("a\\tb\\nc\\rd\\be\\ff");
        assertThat(Token.of("x\u0001y\u007fz\u0085\u2028\u2029").printable())
                .isEqualTo("x\\u0001y\\u007fz\\u0085\\u2028\\u2029");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "c\n1", "c\r"})
    void clientId_rejectsEmptyAndControlCharacters(String id) {
        assertThatThrownBy(() -> new ClientId(id, "127.0.0.1", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientId_allowsSpacesInTheIdAndPrintsIpColonPort() {
        assertThat(new ClientId("client one", "10.0.0.1", 9000).addr()).isEqualTo("10.0.0.1:9000");
    }

    @Test
    void processingDelay_drawsWithinTenPercentBothWays() {
        ProcessingDelay delay = ProcessingDelay.ofMillis(200);
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long nanos = delay.drawNanos(random);
            min = Math.min(min, nanos);
            max = Math.max(max, nanos);
        }
        assertThat(min).isBetween(Duration.ofMillis(180).toNanos(), Duration.ofMillis(182).toNanos());
        assertThat(max).isBetween(Duration.ofMillis(218).toNanos(), Duration.ofMillis(220).toNanos());
    }

    @Test
    void processingDelay_ofZero_isNoDelay() {
        assertThat(ProcessingDelay.NONE.drawNanos(new SplittableRandom())).isZero();
        assertThatThrownBy(() -> ProcessingDelay.ofMillis(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
