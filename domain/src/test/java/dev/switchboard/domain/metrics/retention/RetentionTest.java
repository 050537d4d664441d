package dev.switchboard.domain.metrics.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionTest {

    private static final long[] TS = {650, 720, 730, 779, 880, 890, 900, 940, 945, 995, 1000, 1003};
    private static final double[] VALUES = {1, 2, 4, 6, 3, 5, 1, 10, 20, 7, 8, 9};

    private static List<String> rolled(Aggregation how, long now) {
        long[] ts = TS.clone();
        double[] values = VALUES.clone();
        int n = Retention.parse("10s:1m,1m:5m", how).rollUp(ts, values, ts.length, now);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ts[i] + "=" + values[i]);
        }
        return out;
    }

    @Test
    void readsWhisperForms() {
        assertThat(Retention.parse("10s:6h,1m:7d", Aggregation.AVERAGE).archives())
                .containsExactly(new Archive(10, 21_600), new Archive(60, 604_800));
        assertThat(Retention.parse("60:1440", Aggregation.SUM).archives()).containsExactly(new Archive(60, 86_400));
        assertThat(Retention.parse("1h:1y", Aggregation.MAX).maxRetention()).isEqualTo(365 * 86_400L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1m:7d,10s:6h", "10s:6h,15s:7d", "10s:6h,1m:1h", "abc", "10s", "0s:1h", "10x:1h", ""})
    void refusesRetentionsWhisperWouldRefuse(String text) {
        assertThatThrownBy(() -> Retention.parse(text, Aggregation.AVERAGE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rollsUpByAgeDropsWhatIsTooOldAndLeavesTheOpenSlot() {
        // now 1000, archives 10s for 60s then 1m for 5m: before 700 dropped; 1-minute slots wholly
        // before 940 are one point each; finished 10 s slots are one point each; 1000.. is open
        assertThat(rolled(Aggregation.AVERAGE, 1000)).containsExactly(
                "720=4.0", "840=4.0", "900=1.0", "940=15.0", "990=7.0", "1000=8.0", "1003=9.0");
    }

    @ParameterizedTest
    @CsvSource({"SUM, 720=12.0, 940=30.0", "MIN, 720=2.0, 940=10.0", "MAX, 720=6.0, 940=20.0",
            "LAST, 720=6.0, 940=20.0"})
    void duplicatePointsInOneSlotFollowTheAggregation(Aggregation how, String minute, String tenSeconds) {
        assertThat(rolled(how, 1000)).contains(minute, tenSeconds);
    }

    @Test
    void windowsSayWhereARollUpMergesPoints() {
        // now 1000: 1-minute slots that end by 940 (the finer archive's reach) start before 900
        assertThat(Retention.parse("10s:1m,1m:5m", Aggregation.AVERAGE).windows(1000)).containsExactly(
                new Retention.Window(700, 900, 60), new Retention.Window(900, 1000, 10));
    }

    @Test
    void rollingUpTwiceChangesNothing() {
        long[] ts = TS.clone();
        double[] values = VALUES.clone();
        Retention r = Retention.parse("10s:1m,1m:5m", Aggregation.AVERAGE);
        int n = r.rollUp(ts, values, ts.length, 1000);
        long[] again = ts.clone();
        double[] againValues = values.clone();
        assertThat(r.rollUp(again, againValues, n, 1000)).isEqualTo(n);
        assertThat(again).isEqualTo(ts);
        assertThat(againValues).isEqualTo(values);
    }

    @Test
    void anEndlessFeedStaysBounded() {
        Retention r = Retention.parse("10s:1m,1m:5m", Aggregation.AVERAGE);
        long[] ts = new long[1000];
        double[] values = new double[1000];
        int n = 0;
        int most = 0;
        for (long now = 0; now < 200_000; now++) {
            ts[n] = now;
            values[n++] = now % 7;
            if (now % 100 == 99) {
                n = r.rollUp(ts, values, n, now + 1);
                most = Math.max(most, n);
            }
        }
        // 6 ten-second slots, 4-5 minute slots, the open slot: never more than a few dozen points
        assertThat(most).isLessThanOrEqualTo(6 + 6 + 10);
        for (int i = 1; i < n; i++) {
            assertThat(ts[i]).isGreaterThan(ts[i - 1]);
        }
    }

    @Test
    void readsUseTheFinestArchiveThatCoversTheStart() {
        Retention r = Retention.parse("10s:6h,1m:7d", Aggregation.AVERAGE);
        assertThat(r.precisionFor(1_000_000 - 3600, 1_000_000)).isEqualTo(10);
        assertThat(r.precisionFor(1_000_000 - 86_400, 1_000_000)).isEqualTo(60);
        assertThat(r.precisionFor(0, 1_000_000)).isEqualTo(60);
    }

    @Test
    void aggregationsSkipMissingValues() {
        double[] v = {1, Double.NaN, 3};
        assertThat(Aggregation.AVERAGE.apply(v)).isEqualTo(2.0);
        assertThat(Aggregation.SUM.apply(v)).isEqualTo(4.0);
        assertThat(Aggregation.LAST.apply(v)).isEqualTo(3.0);
        assertThat(Aggregation.MAX.apply(new double[] {Double.NaN})).isNaN();
        assertThat(Aggregation.parse("avg")).isEqualTo(Aggregation.AVERAGE);
        assertThatThrownBy(() -> Aggregation.parse("median")).hasMessageContaining("median");
    }
}
