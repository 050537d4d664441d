package dev.switchboard.domain.metrics.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.metrics.retention.Aggregation;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void parsesNestedCallsKeywordsAndBraces() {
        Target t = Target.parse("summarize(sumSeries(a.{b,c}.*), \"1h\", func='max', alignToFrom=true)");
        assertThat(t).isInstanceOf(Target.Call.class);
        Target.Call c = (Target.Call) t;
        assertThat(c.name()).isEqualTo("summarize");
        assertThat(c.args()).hasSize(2);
        Target.Call inner = (Target.Call) c.args().get(0);
        assertThat(inner.args()).containsExactly(new Target.Path("a.{b,c}.*"));
        assertThat(inner.text()).isEqualTo("sumSeries(a.{b,c}.*)");
        assertThat(c.args().get(1)).isEqualTo(new Target.Text("1h", "\"1h\""));
        assertThat(c.keywords().get("func")).isEqualTo(new Target.Text("max", "'max'"));
        assertThat(c.keywords().get("alignToFrom")).isEqualTo(new Target.Bool(true, "true"));
        assertThat(Target.parse("constantLine(100)")).isEqualTo(
                new Target.Call("constantLine", java.util.List.of(new Target.Number(100, "100")),
                        java.util.Map.of(), "constantLine(100)"));
    }

    @Test
    void refusesBrokenTargets() {
        assertThatThrownBy(() -> Target.parse("")).hasMessageContaining("missing");
        assertThatThrownBy(() -> Target.parse("a.b)")).hasMessageContaining("unexpected ')'");
        assertThatThrownBy(() -> Target.parse("f(\"x)")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> Target.parse("f(a=1, b)")).hasMessageContaining("positional");
        assertThatThrownBy(() -> Target.parse("f(".repeat(100) + "a" + ")".repeat(100)))
                .hasMessageContaining("too deep");
    }

    @Test
    void storedPointsFallIntoSlotsAggregatedByTheRule() {
        long[] ts = {95, 100, 105, 112, 130, 140};
        double[] v = {9, 1, 3, 5, 7, 9};
        Series s = Series.ofPoints("k", ts, v, ts.length, 100, 139, 10, Aggregation.AVERAGE);
        assertThat(s.start()).isEqualTo(100);
        assertThat(Arrays.toString(s.values())).isEqualTo("[2.0, 5.0, NaN, 7.0]");
        Series sum = Series.ofPoints("k", ts, v, ts.length, 100, 139, 10, Aggregation.SUM);
        assertThat(sum.value(0)).isEqualTo(4.0);
    }

    @Test
    void theStepOfAFeedIsItsMedianGap() {
        long[] ts = {0, 10, 19, 30, 40, 51, 60};
        assertThat(Series.inferStep(ts, ts.length, 0, 60, 1000)).isEqualTo(10);
        assertThat(Series.inferStep(ts, 1, 0, 60, 1000)).isEqualTo(60);
        // never more slots than asked for
        assertThat(Series.inferStep(ts, ts.length, 0, 99_999, 1000)).isEqualTo(100);
    }
}
