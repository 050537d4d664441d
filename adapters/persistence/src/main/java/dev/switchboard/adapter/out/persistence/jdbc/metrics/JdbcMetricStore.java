package dev.switchboard.adapter.out.persistence.jdbc.metrics;

import dev.switchboard.adapter.out.persistence.jdbc.GroupCommitter;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.ReadConnection;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.MetricSeries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Persistence adapter: points in the table {@code metric_point}. Saves go through a
 * {@link GroupCommitter}, so the batches of every connection share commits; the upsert is
 * the dialect's ({@link dev.switchboard.adapter.out.persistence.jdbc.SqlDialect#upsertMetricPoint}). Every
 * read goes to the database, so a node holds no points of its own: several nodes on one
 * database all see every node's acknowledged puts.
 */
public final class JdbcMetricStore implements MetricStore, AutoCloseable {

    private static final String SELECT_ALL =
            "SELECT metric_key, ts, val FROM metric_point ORDER BY metric_key, ts";
    private static final String SELECT_KEY =
            "SELECT metric_key, ts, val FROM metric_point WHERE metric_key = ? ORDER BY ts";
    private static final String SELECT_RANGE =
            "SELECT metric_key, ts, val FROM metric_point WHERE metric_key = ? AND ts >= ? AND ts <= ? ORDER BY ts";
    private static final String SELECT_KEYS = "SELECT DISTINCT metric_key FROM metric_point ORDER BY metric_key";
    private static final String COUNT = "SELECT COUNT(*) FROM metric_point";

    private final GroupCommitter<MetricBatch> writes;
    private final ReadConnection reads;

    public JdbcMetricStore(JdbcDatabase database) {
        String upsert = database.dialect().upsertMetricPoint();
        this.writes = new GroupCommitter<>("metrics", database, (c, batches) -> upsert(c, upsert, batches), 1024);
        this.reads = new ReadConnection(database, "metrics");
    }

    private static void upsert(Connection c, String upsert, List<MetricBatch> batches) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(upsert)) {
            for (MetricBatch batch : batches) {
                for (int i = 0, n = batch.size(); i < n; i++) {
                    ps.setString(1, batch.key(i).value());
                    ps.setLong(2, batch.timestamp(i));
                    ps.setDouble(3, batch.value(i));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    @Override
    public CompletionStage<Void> save(MetricBatch batch) {
        return writes.submit(batch);
    }

    @Override
    public List<MetricSeries> read(MetricQuery query) {
        return reads.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(query.isAll() ? SELECT_ALL : SELECT_KEY)) {
                if (query.key().isPresent()) {
                    ps.setString(1, query.key().get().value());
                }
                return series(ps);
            }
        });
    }

    @Override
    public MetricSeries range(MetricKey key, long from, long until) {
        List<MetricSeries> found = reads.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_RANGE)) {
                ps.setString(1, key.value());
                ps.setLong(2, from);
                ps.setLong(3, until);
                return series(ps);
            }
        });
        return found.isEmpty() ? MetricSeries.empty(key) : found.get(0);
    }

    /** Groups rows ordered by key, then timestamp, into one series per key. */
    private static List<MetricSeries> series(PreparedStatement ps) throws SQLException {
        List<MetricSeries> out = new ArrayList<>();
        String current = null;
        long[] ts = new long[16];
        double[] vals = new double[16];
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String key = rs.getString(1);
                if (!key.equals(current)) {
                    if (current != null) {
                        out.add(new MetricSeries(MetricKey.of(current), Arrays.copyOf(ts, n), Arrays.copyOf(vals, n)));
                    }
                    current = key;
                    n = 0;
                }
                if (n == ts.length) {
                    ts = Arrays.copyOf(ts, n * 2);
                    vals = Arrays.copyOf(vals, n * 2);
                }
                ts[n] = rs.getLong(2);
                vals[n] = rs.getDouble(3);
                n++;
            }
        }
        if (current != null) {
            out.add(new MetricSeries(MetricKey.of(current), Arrays.copyOf(ts, n), Arrays.copyOf(vals, n)));
        }
        return out;
    }

    @Override
    public List<MetricKey> keys() {
        return reads.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_KEYS); ResultSet rs = ps.executeQuery()) {
                List<MetricKey> keys = new ArrayList<>();
                while (rs.next()) {
                    keys.add(MetricKey.of(rs.getString(1)));
                }
                return keys;
            }
        });
    }

    @Override
    public long count() {
        return reads.number(COUNT);
    }

    /** Commits what is queued, then releases the connections. */
    @Override
    public void close() {
        writes.close();
        reads.close();
    }
}
