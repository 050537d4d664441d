package dev.switchboard.bootstrap.bench;

import java.util.Arrays;
import java.util.Locale;

/** What one load run measured: requests answered, wall time, and round-trip latencies of pipelined rounds. */
public record LoadResult(String service, String target, int conns, int pipeline, long ops, long errors,
                         double seconds, long[] roundNanos) {

    public double opsPerSecond() {
        return seconds > 0 ? ops / seconds : 0;
    }

    private double percentileMillis(double p) {
        if (roundNanos.length == 0) {
            return 0;
        }
        long[] sorted = roundNanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** The final line: one run's figures, key=value, for people and scripts. */
    public String line() {
        return String.format(Locale.ROOT,
                "bench %s target=%s conns=%d pipeline=%d ops=%d errors=%d secs=%.3f ops_per_sec=%.0f"
                        + " round_p50_ms=%.3f round_p99_ms=%.3f",
                service, target, conns, pipeline, ops, errors, seconds, opsPerSecond(),
                percentileMillis(50), percentileMillis(99));
    }
}
