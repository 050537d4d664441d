package dev.switchboard.domain.metrics.retention;

import java.util.Locale;

/**
 * How the points that fall into one slot become one value: when a retention archive rolls points
 * up, when a render fetch puts several points into one step, and when {@code maxDataPoints}
 * consolidates. Every method ignores missing values ({@code NaN}) and answers {@code NaN} when
 * none is left.
 */
public enum Aggregation {
    AVERAGE, SUM, MIN, MAX, LAST;

    /** Reads {@code average|avg|sum|total|min|max|last} (case-insensitive). */
    public static Aggregation parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "average", "avg", "mean" -> AVERAGE;
            case "sum", "total" -> SUM;
            case "min" -> MIN;
            case "max" -> MAX;
            case "last" -> LAST;
            default -> throw new IllegalArgumentException(
                    "unknown aggregation '" + text + "' (average, sum, min, max or last)");
        };
    }

    /** The aggregate of {@code values[from, to)}, missing values skipped. */
    public double apply(double[] values, int from, int to) {
        double acc = Double.NaN;
        int n = 0;
        for (int i = from; i < to; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            if (n == 0) {
                acc = v;
            } else {
                acc = switch (this) {
                    case AVERAGE, SUM -> acc + v;
                    case MIN -> Math.min(acc, v);
                    case MAX -> Math.max(acc, v);
                    case LAST -> v;
                };
            }
            n++;
        }
        return this == AVERAGE && n > 0 ? acc / n : acc;
    }

    public double apply(double[] values) {
        return apply(values, 0, values.length);
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
