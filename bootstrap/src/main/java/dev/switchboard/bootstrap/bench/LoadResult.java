package dev.switchboard.bootstrap.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one bench run measured, and its final line.
 *
 * @param figures the service's own figures, each {@code name=value}, appended to the line
 */
public record LoadResult(String service, String target, LoadSettings settings, LoadDriver.Measured measured,
                         List<String> figures) {

    public LoadResult {
        figures = List.copyOf(figures);
    }

    public long ops() {
        return measured.ops();
    }

    public long errors() {
        return measured.errors();
    }

    public double opsPerSecond() {
        return measured.perSecond(measured.ops());
    }

    private double percentileMillis(double p) {
        long[] sorted = measured.roundNanos().clone();
        if (sorted.length == 0) {
            return 0;
        }
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** The final line: one run's figures, key=value, for people and scripts. */
    public String line() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "bench %s target=%s conns=%d pipeline=%d ops=%d errors=%d secs=%.3f ops_per_sec=%.0f"
                        + " round_p50_ms=%.3f round_p99_ms=%.3f",
                service, target, settings.conns(), settings.pipeline(), measured.ops(), measured.errors(),
                measured.seconds(), opsPerSecond(), percentileMillis(50), percentileMillis(99)));
        figures.forEach(f -> line.append(' ').append(f));
        return line.toString();
    }

    /**
     * The same result with the server's CPU time per answered request, {@code server_cpu_us_per_op}
     * (the in-process server: the process's CPU less the load threads'; a running one: its
     * {@code /proc} figures); nothing is added when {@code serverCpuNanos} is negative (unknown).
     */
    public LoadResult withServerCpu(long serverCpuNanos) {
        if (serverCpuNanos < 0 || measured.ops() == 0) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(figures);
        more.add(figure("server_cpu_us_per_op", "%.2f", serverCpuNanos / 1e3 / measured.ops()));
        more.add(figure("client_cpu_us_per_op", "%.2f", measured.clientCpuNanos() / 1e3 / measured.ops()));
        return new LoadResult(service, target, settings, measured, more);
    }

    static String figure(String name, String format, double value) {
        return name + "=" + String.format(Locale.ROOT, format, value);
    }
}
