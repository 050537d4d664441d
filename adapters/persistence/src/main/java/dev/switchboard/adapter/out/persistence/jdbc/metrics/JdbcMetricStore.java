package dev.switchboard.adapter.out.persistence.jdbc.metrics;

import dev.switchboard.adapter.out.persistence.jdbc.GroupCommitter;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.ReadConnection;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Persistence adapter: points in the table {@code metric_point}. Saves go through a
 * {@link GroupCommitter}, so pipelined puts from every connection share commits; the upsert is
 * the standard SQL {@code MERGE}.
 */
public final class JdbcMetricStore implements MetricStore, AutoCloseable {

    private static final String UPSERT = """
            MERGE INTO metric_point t
            USING (VALUES (CAST(? AS VARCHAR(65536)), CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION)))
                  s (metric_key, ts, val)
            ON t.metric_key = s.metric_key AND t.ts = s.ts
            WHEN MATCHED THEN UPDATE SET val = s.val
            WHEN NOT MATCHED THEN INSERT (metric_key, ts, val) VALUES (s.metric_key, s.ts, s.val)""";
    private static final String SELECT_ALL =
            "SELECT metric_key, ts, val FROM metric_point ORDER BY metric_key, ts";
    private static final String SELECT_KEY =
            "SELECT metric_key, ts, val FROM metric_point WHERE metric_key = ? ORDER BY ts";
    private static final String COUNT = "SELECT COUNT(*) FROM metric_point";

    private final GroupCommitter<MetricPoint> writes;
    private final ReadConnection reads;

    public JdbcMetricStore(JdbcDatabase database) {
        database.execute("""
                CREATE TABLE IF NOT EXISTS metric_point (
                    metric_key VARCHAR(65536) NOT NULL,
                    ts BIGINT NOT NULL,
                    val DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (metric_key, ts))""");
        this.writes = new GroupCommitter<>("metrics", database, JdbcMetricStore::upsert, 1024);
        this.reads = new ReadConnection(database, "metrics");
    }

    private static void upsert(Connection c, List<MetricPoint> points) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (MetricPoint p : points) {
                ps.setString(1, p.key().value());
                ps.setLong(2, p.timestamp());
                ps.setDouble(3, p.value());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public CompletionStage<Void> save(MetricPoint point) {
        return writes.submit(point);
    }

    @Override
    public List<MetricPoint> find(MetricQuery query) {
        return reads.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(query.isAll() ? SELECT_ALL : SELECT_KEY)) {
                if (query.key().isPresent()) {
                    ps.setString(1, query.key().get().value());
                }
                List<MetricPoint> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new MetricPoint(MetricKey.of(rs.getString(1)), rs.getDouble(3), rs.getLong(2)));
                    }
                }
                return result;
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
