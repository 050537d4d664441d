package dev.switchboard.adapter.tcp.metrics.protocol;

import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricSeries;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The answers of the metrics protocol, byte for byte as the classic server writes them. */
public final class MetricsResponse {

    public static final String OK = "ok\n\n";
    public static final String WRONG_COMMAND = "error\nwrong command\n\n";
    public static final String STORAGE_FAILED = "error\nstorage failed\n\n";

    private MetricsResponse() {
    }

    /** {@code ok\n}, one {@code key value timestamp\n} line per point, then an empty line. */
    public static String points(List<MetricPoint> points) {
        StringBuilder out = new StringBuilder(16 + points.size() * 32);
        out.append("ok\n");
        for (MetricPoint p : points) {
            out.append(p.key().value()).append(' ')
                    .append(PythonFloat.repr(p.value())).append(' ')
                    .append(p.timestamp()).append('\n');
        }
        return out.append('\n').toString();
    }

    /** The same answer as {@link #points}, from one series per key, as UTF-8 bytes. */
    public static byte[] series(List<MetricSeries> series) {
        int points = 0;
        for (MetricSeries one : series) {
            points += one.size();
        }
        StringBuilder out = new StringBuilder(16 + points * 32);
        out.append("ok\n");
        for (MetricSeries one : series) {
            String key = one.key().value();
            for (int i = 0; i < one.size(); i++) {
                out.append(key).append(' ').append(PythonFloat.repr(one.value(i))).append(' ')
                        .append(one.timestamp(i)).append('\n');
            }
        }
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
