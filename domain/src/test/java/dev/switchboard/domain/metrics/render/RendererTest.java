package dev.switchboard.domain.metrics.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.metrics.MetricGlob;
import dev.switchboard.domain.metrics.retention.Aggregation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Every function against answers worked out by hand. The fake store holds four series with a
 * value every 10 s from 0 to 190, as functions of the slot number i = ts / 10:
 * a.x = i; a.y = 10 i, missing at i = 11; b.x = 5; c.wrap = 250, 254, 3, 8 at i = 10..13 (a
 * counter wrapping at 255), 0 elsewhere.
 */
class RendererTest {

    private static final Map<String, LongToDoubleFunction> DATA = new LinkedHashMap<>();

    static {
        DATA.put("a.x", i -> i);
        DATA.put("a.y", i -> i == 11 ? Double.NaN : 10 * i);
        DATA.put("b.x", i -> 5);
        DATA.put("c.wrap", i -> i == 10 ? 250 : i == 11 ? 254 : i == 12 ? 3 : i == 13 ? 8 : 0);
    }

    private final List<String> fetched = new ArrayList<>();
    private final Renderer renderer = new Renderer((pattern, from, until) -> {
        fetched.add(pattern + " " + from + " " + until);
        MetricGlob glob = MetricGlob.of(pattern);
        List<Series> out = new ArrayList<>();
        DATA.forEach((name, f) -> {
            if (glob.matches(name)) {
                long first = Math.max(0, Math.floorDiv(from, 10));
                long last = Math.min(19, Math.floorDiv(until, 10));
                double[] v = new double[(int) Math.max(0, last - first + 1)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = f.applyAsDouble(first + i);
                }
                out.add(new Series(name, pattern, first * 10, 10, v, Aggregation.AVERAGE));
            }
        });
        return out;
    });

    private List<Series> render(String target) {
        return renderer.render(List.of(target), 100, 130, 0);
    }

    private static double[] values(double... v) {
        return v;
    }

    private static final double N = Double.NaN;

    private static void assertSeries(Series s, String name, long start, long step, double... expected) {
        assertThat(s.name()).isEqualTo(name);
        assertThat(s.start()).isEqualTo(start);
        assertThat(s.step()).isEqualTo(step);
        assertThat(Arrays.toString(s.values())).isEqualTo(Arrays.toString(expected));
    }

    @Test
    void aPathFetchesEveryMatchingSeries() {
        List<Series> out = render("a.*");
        assertThat(out).extracting(Series::name).containsExactly("a.x", "a.y");
        assertSeries(out.get(1), "a.y", 100, 10, 100, N, 120, 130);
    }

    @Test
    void sumAndAverageSkipMissingValues() {
        assertSeries(render("sumSeries(a.*)").get(0), "sumSeries(a.*)", 100, 10, 110, 11, 132, 143);
        assertSeries(render("averageSeries(a.*)").get(0), "averageSeries(a.*)", 100, 10, 55, 11, 66, 71.5);
        assertSeries(render("sumSeries(b.x, a.x)").get(0), "sumSeries(a.x,b.x)", 100, 10, 15, 16, 17, 18);
        assertSeries(render("maxSeries(a.x,b.x)").get(0), "maxSeries(a.x,b.x)", 100, 10, 10, 11, 12, 13);
        assertSeries(render("minSeries(a.x,b.x)").get(0), "minSeries(a.x,b.x)", 100, 10, 5, 5, 5, 5);
    }

    @Test
    void seriesOfDifferentStepsAreSummedOnTheCoarserGrid() {
        Series fine = new Series("f", 0, 10, values(1, 2, 3, 4));
        Series coarse = new Series("c", 0, 20, values(10, 20));
        // f averaged to 20 s: 1.5, 3.5
        assertSeries(Renderer.combine(List.of(fine, coarse), Aggregation.SUM, "s"), "s", 0, 20, 11.5, 23.5);
    }

    @Test
    void aliasesNameTheSeries() {
        assertThat(render("alias(a.x, \"cpu\")")).extracting(Series::name).containsExactly("cpu");
        assertThat(render("aliasByNode(a.*, 1)")).extracting(Series::name).containsExactly("x", "y");
        assertThat(render("aliasByNode(scale(a.*,2), 0, -1)")).extracting(Series::name).containsExactly("a.x", "a.y");
        assertSeries(render("aliasByNode(scale(a.x,2),1)").get(0), "x", 100, 10, 20, 22, 24, 26);
    }

    @Test
    void scaleAndOffset() {
        assertSeries(render("scale(a.x,0.5)").get(0), "scale(a.x,0.5)", 100, 10, 5, 5.5, 6, 6.5);
        assertSeries(render("scale(a.y,2)").get(0), "scale(a.y,2)", 100, 10, 200, N, 240, 260);
        assertSeries(render("offset(b.x,-5)").get(0), "offset(b.x,-5)", 100, 10, 0, 0, 0, 0);
        assertSeries(render("absolute(offset(b.x,-6))").get(0), "absolute(offset(b.x,-6))", 100, 10, 1, 1, 1, 1);
    }

    @Test
    void perSecondSpansGapsAndDerivativeRestartsAfterThem() {
        // a.y: 100, -, 120, 130 at 100..130
        assertSeries(render("perSecond(a.y)").get(0), "perSecond(a.y)", 100, 10, N, N, 1.0, 1.0);
        assertSeries(render("nonNegativeDerivative(a.y)").get(0), "nonNegativeDerivative(a.y)", 100, 10, N, N, N, 10);
    }

    @Test
    void aCounterThatWrapsIsMissingUnlessItsMaximumIsGiven() {
        // c.wrap: 250, 254, 3, 8
        assertSeries(render("nonNegativeDerivative(c.wrap)").get(0), "nonNegativeDerivative(c.wrap)", 100, 10,
                N, 4, N, 5);
        // (255 - 254) + 3 + 1 = 5
        assertSeries(render("nonNegativeDerivative(c.wrap, 255)").get(0), "nonNegativeDerivative(c.wrap)", 100, 10,
                N, 4, 5, 5);
        assertSeries(render("perSecond(c.wrap, maxValue=255)").get(0), "perSecond(c.wrap)", 100, 10,
                N, 0.4, 0.5, 0.5);
    }

    @Test
    void summarizeBucketsAlignedToTheEpochOrToFrom() {
        // a.x: 10, 11, 12, 13 at 100..130
        assertSeries(render("summarize(a.x, \"20s\")").get(0), "summarize(a.x, \"20s\", \"sum\")", 100, 20, 21, 25);
        assertSeries(render("summarize(a.x, '20s', 'max')").get(0), "summarize(a.x, \"20s\", \"max\")", 100, 20,
                11, 13);
        assertSeries(render("summarize(a.x, \"30s\", \"sum\")").get(0), "summarize(a.x, \"30s\", \"sum\")", 90, 30,
                21, 25);
        assertSeries(render("summarize(a.x, \"30s\", \"sum\", true)").get(0),
                "summarize(a.x, \"30s\", \"sum\", true)", 100, 30, 33, 13);
        assertSeries(render("summarize(a.y, \"20s\", func=\"avg\")").get(0),
                "summarize(a.y, \"20s\", \"avg\")", 100, 20, 100, 125);
    }

    @Test
    void movingAverageReadsTheWindowBeforeFrom() {
        // a.x at 80, 90 are 8, 9: the first point averages 8, 9, 10
        assertSeries(render("movingAverage(a.x, 3)").get(0), "movingAverage(a.x,3)", 100, 10, 9, 10, 11, 12);
        assertThat(fetched).contains("a.x 100 130", "a.x 70 130");
        // a.y: 90 before from, then 100, -, 120, 130; a 20 s window is two points
        assertSeries(render("movingAverage(a.y, '20s')").get(0), "movingAverage(a.y,'20s')", 100, 10,
                95, 100, 120, 125);
    }

    @Test
    void groupByNodeAggregatesEachGroupInOrderOfFirstAppearance() {
        List<Series> out = render("groupByNode(*.*, 1, \"sum\")");
        assertThat(out).extracting(Series::name).containsExactly("x", "y", "wrap");
        assertSeries(out.get(0), "x", 100, 10, 15, 16, 17, 18);
        assertSeries(render("groupByNode(*.x, 1)").get(0), "x", 100, 10, 7.5, 8, 8.5, 9);
    }

    @Test
    void constantLineSpansTheRange() {
        List<Series> out = renderer.render(List.of("constantLine(100)"), 1000, 4600, 0);
        assertSeries(out.get(0), "100", 1000, 1800, 100, 100, 100);
    }

    @Test
    void maxDataPointsMergesWholeSlotsAlignedToTheEpoch() {
        // 20 values 0..19 into at most 5: four a point, steps of 40 s
        Series s = renderer.render(List.of("a.x"), 0, 190, 5).get(0);
        assertSeries(s, "a.x", 0, 40, 1.5, 5.5, 9.5, 13.5, 17.5);
        // 10 values 10..19 into at most 3: four a point, the first bucket (80..119) holds two
        Series t = renderer.render(List.of("a.x"), 100, 190, 3).get(0);
        assertSeries(t, "a.x", 80, 40, 10.5, 13.5, 17.5);
        Series max = renderer.render(List.of("consolidateBy(a.x,'max')"), 0, 190, 5).get(0);
        assertSeries(max, "consolidateBy(a.x,'max')", 0, 40, 3, 7, 11, 15, 19);
        assertThat(renderer.render(List.of("a.x"), 0, 190, 100).get(0).size()).isEqualTo(20);
    }

    @Test
    void mistakesNameWhatIsWrong() {
        assertThatThrownBy(() -> render("nosuch(a.x)")).hasMessageContaining("unknown function: nosuch");
        assertThatThrownBy(() -> render("sumSeries(a.x")).hasMessageContaining("')' is missing");
        assertThatThrownBy(() -> render("scale(a.x)")).hasMessageContaining("factor");
        assertThatThrownBy(() -> render("scale(a.x, \"two\")")).hasMessageContaining("number");
        assertThatThrownBy(() -> render("aliasByNode(a.x, 5)")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> renderer.render(List.of("a.x"), 200, 100, 0)).hasMessageContaining("after");
    }

    @Test
    void aPatternThatMatchesNothingRendersNothing() {
        assertThat(render("nothing.*")).isEmpty();
        assertThat(render("sumSeries(nothing.*)").get(0).size()).isZero();
    }
}
