package dev.switchboard.adapter.in.web.admin.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A render's point values as JSON: short decimals written fast, every value read back exactly. */
class RenderValueTest {

    private static String write(double v) {
        StringBuilder out = new StringBuilder();
        GraphiteApi.appendValue(out, v);
        return out.toString();
    }

    @Test
    void commonValuesAreWrittenAsGraphiteUsersSeeThem() {
        assertThat(write(993.9)).isEqualTo("993.9");
        assertThat(write(-0.42)).isEqualTo("-0.42");
        assertThat(write(0.001)).isEqualTo("0.001");
        assertThat(write(0.0015)).isEqualTo("0.0015");
        assertThat(write(1234567.5)).isEqualTo("1234567.5");
        assertThat(write(12.25)).isEqualTo("12.25");
        assertThat(write(5.0)).isEqualTo("5.0");
        assertThat(write(-3.0)).isEqualTo("-3.0");
        assertThat(write(0.0)).isEqualTo("0.0");
        assertThat(write(Double.NaN)).isEqualTo("null");
        assertThat(write(Double.POSITIVE_INFINITY)).isEqualTo("null");
        assertThat(write(Double.NEGATIVE_INFINITY)).isEqualTo("null");
    }

    @Test
    void valuesWithoutAShortDecimalKeepJavasOwnForm() {
        assertThat(write(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(write(1e-5)).isEqualTo("1.0E-5");
        assertThat(write(2.5e20)).isEqualTo("2.5E20");
        assertThat(write(Math.PI)).isEqualTo(Double.toString(Math.PI));
    }

    @Test
    void everyValueReadsBackExactlyAndAFractionNoLongerThanJavaWritesIt() {
        SplittableRandom random = new SplittableRandom(20261202L);
        double[] tens = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
        for (int i = 0; i < 200_000; i++) {
            double v;
            switch (i % 3) {
                case 0 -> v = random.nextLong(-10_000_000_000L, 10_000_000_000L) / tens[random.nextInt(tens.length)];
                case 1 -> v = random.nextDouble(-1e7, 1e7);
                default -> v = Double.longBitsToDouble(random.nextLong());
            }
            String written = write(v);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                assertThat(written).isEqualTo("null");
                continue;
            }
            assertThat(Double.doubleToLongBits(Double.parseDouble(written)))
                    .as("%s read back from %s", Double.toString(v), written)
                    .isEqualTo(Double.doubleToLongBits(v == 0 ? 0.0 : v));
            if (v != Math.rint(v)) { // whole numbers are written out in full, as Graphite's JSON does
                assertThat(written.length()).as("%s against %s", written, Double.toString(v))
                        .isLessThanOrEqualTo(Double.toString(v).length());
            }
        }
    }
}
