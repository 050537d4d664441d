package dev.switchboard.adapter.out.persistence.jdbc.metrics;

import dev.switchboard.adapter.out.persistence.jdbc.GroupCommitter;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.ReadConnection;
import dev.switchboard.adapter.out.persistence.jdbc.StorageException;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.MetricSeries;
import dev.switchboard.domain.metrics.retention.Retention;
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

    private static final String DELETE_OLD = "DELETE FROM metric_point WHERE ts < ?";
    // keys with a slot of the window that holds several points, or one off the slot's start
    private static final String KEYS_TO_ROLL = """
            SELECT DISTINCT metric_key FROM (
                SELECT metric_key, COUNT(*) AS n, MIN(MOD(ts, CAST(? AS BIGINT))) AS off
                FROM metric_point WHERE ts >= ? AND ts < ?
                GROUP BY metric_key, ts / CAST(? AS BIGINT)) g
            WHERE n > 1 OR off <> 0""";
    private static final String LOCK_RANGE =
            "SELECT ts, val FROM metric_point WHERE metric_key = ? AND ts >= ? AND ts < ? ORDER BY ts FOR UPDATE";
    private static final String DELETE_POINT = "DELETE FROM metric_point WHERE metric_key = ? AND ts = ?";

    private final JdbcDatabase database;
    private final String upsert;
    private final GroupCommitter<MetricBatch> writes;
    private final ReadConnection reads;

    public JdbcMetricStore(JdbcDatabase database) {
        this.database = database;
        this.upsert = database.dialect().upsertMetricPoint();
        String upsertSql = this.upsert;
        this.writes = new GroupCommitter<>("metrics", database, (c, batches) -> upsert(c, upsertSql, batches), 1024);
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

    /**
     * One transaction: drops what is older than the retention, then, for each key with a slot to
     * merge, locks its points in the windows ({@code SELECT ... FOR UPDATE}), rolls them up with
     * the domain's rule and replaces exactly the rows it read, so a point saved meanwhile stays.
     */
    @Override
    public long rollUp(Retention retention, long now) {
        List<Retention.Window> windows = retention.windows(now);
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try {
                long removed;
                try (PreparedStatement ps = c.prepareStatement(DELETE_OLD)) {
                    ps.setLong(1, retention.horizon(now));
                    removed = ps.executeUpdate();
                }
                if (!windows.isEmpty()) {
                    long from = windows.get(0).from();
                    long until = windows.get(windows.size() - 1).until();
                    for (String key : keysToRoll(c, windows)) {
                        removed += rollUpKey(c, upsert, key, from, until, retention, now);
                    }
                }
                c.commit();
                return removed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("metrics: roll-up failed: " + e.getMessage(), e);
        }
    }

    private static java.util.Set<String> keysToRoll(Connection c, List<Retention.Window> windows) throws SQLException {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(KEYS_TO_ROLL)) {
            for (Retention.Window w : windows) {
                ps.setLong(1, w.precision());
                ps.setLong(2, w.from());
                ps.setLong(3, w.until());
                ps.setLong(4, w.precision());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
            }
        }
        return keys;
    }

    private static int rollUpKey(Connection c, String upsert, String key, long from, long until, Retention retention,
                                 long now)
            throws SQLException {
        long[] ts = new long[16];
        double[] vals = new double[16];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(LOCK_RANGE)) {
            ps.setString(1, key);
            ps.setLong(2, from);
            ps.setLong(3, until);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == ts.length) {
                        ts = Arrays.copyOf(ts, n * 2);
                        vals = Arrays.copyOf(vals, n * 2);
                    }
                    ts[n] = rs.getLong(1);
                    vals[n] = rs.getDouble(2);
                    n++;
                }
            }
        }
        long[] read = Arrays.copyOf(ts, n);
        int kept = retention.rollUp(ts, vals, n, now);
        try (PreparedStatement ps = c.prepareStatement(DELETE_POINT)) {
            for (long t : read) {
                ps.setString(1, key);
                ps.setLong(2, t);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(upsert)) {
            for (int i = 0; i < kept; i++) {
                ps.setString(1, key);
                ps.setLong(2, ts[i]);
                ps.setDouble(3, vals[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return n - kept;
    }

    /** Commits what is queued, then releases the connections. */
    @Override
    public void close() {
        writes.close();
        reads.close();
    }
}
