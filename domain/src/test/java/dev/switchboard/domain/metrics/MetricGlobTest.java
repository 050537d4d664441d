package dev.switchboard.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricGlobTest {

    private static final List<String> KEYS = List.of("cpu", "cpu.user", "cpu.system", "cpu.user.max", "web1.load",
            "web2.load", "web10.load", "db.load", "a.b.c", "x[1].y");

    private static List<String> matching(String pattern) {
        MetricGlob glob = MetricGlob.of(pattern);
        return KEYS.stream().filter(glob::matches).toList();
    }

    @Test
    void starStaysWithinOneNode() {
        assertThat(matching("cpu.*")).containsExactly("cpu.user", "cpu.system");
        assertThat(matching("*")).containsExactly("cpu");
        assertThat(matching("*.*.*")).containsExactly("cpu.user.max", "a.b.c");
        assertThat(matching("c*")).containsExactly("cpu");
        assertThat(matching("cpu.*er")).containsExactly("cpu.user");
    }

    @Test
    void classesAndAlternatives() {
        assertThat(matching("web[0-9].load")).containsExactly("web1.load", "web2.load");
        assertThat(matching("web[0-9]*.load")).containsExactly("web1.load", "web2.load", "web10.load");
        assertThat(matching("web[!1].load")).containsExactly("web2.load");
        assertThat(matching("{web1,db}.load")).containsExactly("web1.load", "db.load");
        assertThat(matching("{web*,db}.load")).containsExactly("web1.load", "web2.load", "web10.load", "db.load");
        assertThat(matching("cpu.{user,system}")).containsExactly("cpu.user", "cpu.system");
        assertThat(matching("web?.load")).containsExactly("web1.load", "web2.load");
    }

    @Test
    void literalCharactersAreNotRegex() {
        assertThat(MetricGlob.of("a+b.*").matches("a+b.c")).isTrue();
        assertThat(MetricGlob.of("a+b.*").matches("aab.c")).isFalse();
        // an unclosed bracket is an ordinary character
        assertThat(MetricGlob.of("x[1.*").matches("x[1.y")).isTrue();
        assertThat(MetricGlob.of("a{b.*").matches("a{b.c")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"cpu.*, cpu.", "servers.web1.cpu.*, servers.web1.cpu.", "*.load, ''", "a.b, a.b."})
    void literalPrefixCutsASortedListing(String pattern, String prefix) {
        assertThat(MetricGlob.of(pattern).literalPrefix()).isEqualTo(prefix);
    }

    @Test
    void theClassicProtocolReadsOnlyStarsBracketsAndBracesAsPatterns() {
        assertThat(MetricGlob.isPattern("cpu.*")).isTrue();
        assertThat(MetricGlob.isPattern("{a,b}.load")).isTrue();
        assertThat(MetricGlob.isPattern("web[0-9]")).isTrue();
        assertThat(MetricGlob.isPattern("palm.cpu")).isFalse();
        assertThat(MetricGlob.isPattern("what?")).isFalse();
        assertThat(MetricQuery.parse("*").isAll()).isTrue();
        assertThat(MetricQuery.parse("cpu.*").glob()).isPresent();
        assertThat(MetricQuery.parse("what?").key()).contains(MetricKey.of("what?"));
    }

    @Test
    void rangesAreInclusive() {
        MetricQuery q = MetricQuery.parse("k").between(100, 200);
        assertThat(q.inRange(99)).isFalse();
        assertThat(q.inRange(100)).isTrue();
        assertThat(q.inRange(200)).isTrue();
        assertThat(q.inRange(201)).isFalse();
        assertThat(q.matches(MetricPoint.of("k", 1, 150))).isTrue();
        assertThat(q.matches(MetricPoint.of("j", 1, 150))).isFalse();
    }
}
