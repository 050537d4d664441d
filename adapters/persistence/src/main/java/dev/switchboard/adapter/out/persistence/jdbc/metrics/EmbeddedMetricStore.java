package dev.switchboard.adapter.out.persistence.jdbc.metrics;

import dev.switchboard.adapter.out.persistence.inmemory.metrics.InMemoryMetricStore;
import dev.switchboard.adapter.out.persistence.jdbc.GroupCommitter;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
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
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persistence adapter for a database only this process uses (the embedded H2 file of
 * {@code --storage h2}): the points are kept in memory as the copy every read is served from
 * ({@link InMemoryMetricStore}), and made durable as an append-only log in the table
 * {@code metric_log}, one row per group commit ({@link MetricLogCodec}): one insert at the
 * end of one B-tree and one commit for a whole group, instead of an upsert per point.
 *
 * <p>A save is acknowledged after its group's commit; the points are taken into the served copy
 * after the commit and before the answer, so a read sees exactly what is acknowledged. A
 * roll-up is a log entry too, applied to the served copy at its place in the order of writes,
 * so replaying the log at start-up gives the same points back. When the log holds far more
 * points than the store (overwrites, rolled-up and expired points), it is compacted: one
 * transaction replaces it with the current points.
 *
 * <p>Rows of {@code metric_point} (what older versions and {@code --storage jdbc} keep) are read
 * at start-up before the log, and moved into the log there, in one transaction.
 */
public final class EmbeddedMetricStore implements MetricStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMetricStore.class);

    /** The log is compacted once it holds this many points more than twice the live ones. */
    public static final long DEFAULT_COMPACT_SLACK = 4_000_000;
    /** Points per entry of a compacted log. */
    static final int SNAPSHOT_ENTRY_POINTS = 8_192;

    private static final String INSERT = "INSERT INTO metric_log (seq, entry) VALUES (?, ?)";
    private static final String SELECT_LOG = "SELECT seq, entry FROM metric_log ORDER BY seq";
    private static final String SELECT_POINTS = "SELECT metric_key, ts, val FROM metric_point ORDER BY metric_key, ts";

    sealed interface Write permits Points, RollUp {
    }

    record Points(MetricBatch batch) implements Write {
    }

    static final class RollUp implements Write {
        final Retention retention;
        final long now;
        long removed;

        RollUp(Retention retention, long now) {
            this.retention = retention;
            this.now = now;
        }
    }

    private final InMemoryMetricStore served = new InMemoryMetricStore();
    private final long compactSlack;
    private final GroupCommitter<Write> writes;
    // the writer thread's own (after the constructor): the next entry's seq, points in the log
    private long nextSeq;
    private long pendingSeq;
    private long loggedPoints;
    private long pendingPoints;

    public EmbeddedMetricStore(JdbcDatabase database) {
        this(database, DEFAULT_COMPACT_SLACK);
    }

    /** @param compactSlack how many points more than twice the live ones the log may hold */
    public EmbeddedMetricStore(JdbcDatabase database, long compactSlack) {
        this.compactSlack = compactSlack;
        load(database);
        this.writes = new GroupCommitter<>("metrics", database, this::write, 1024, new GroupCommitter.Hooks<>() {
            @Override
            public void committed(List<Write> items) {
                apply(items);
            }

            @Override
            public void afterGroup(Connection connection) throws SQLException {
                compactIfLarge(connection);
            }
        });
    }

    private void load(JdbcDatabase database) {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            long legacy = 0;
            try (ResultSet rs = s.executeQuery(SELECT_POINTS)) {
                MetricBatch batch = new MetricBatch(1024);
                while (rs.next()) {
                    batch.add(MetricKey.of(rs.getString(1)), rs.getDouble(3), rs.getLong(2));
                    if (batch.size() == 1024) {
                        served.save(batch);
                        batch = new MetricBatch(1024);
                    }
                    legacy++;
                }
                served.save(batch);
            }
            long entries = 0;
            try (ResultSet rs = s.executeQuery(SELECT_LOG)) {
                while (rs.next()) {
                    nextSeq = rs.getLong(1) + 1;
                    MetricLogCodec.decode(rs.getBytes(2), new MetricLogCodec.Replay() {
                        @Override
                        public void points(MetricBatch batch) {
                            served.save(batch);
                            loggedPoints += batch.size();
                        }

                        @Override
                        public void rollUp(Retention retention, long now) {
                            served.rollUp(retention, now);
                        }
                    });
                    entries++;
                }
            }
            if (legacy + entries > 0) {
                log.info("metrics: {} points loaded ({} log entries, {} older rows)", served.count(), entries, legacy);
            }
            if (legacy > 0) {
                // once: the rows of metric_point move into the log, in one transaction
                c.setAutoCommit(false);
                compact(c);
                c.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            throw new StorageException("metrics: could not load the stored points: " + JdbcDatabase.rootMessage(e), e);
        }
    }

    /** One group: its points as one entry (a roll-up between them cuts it), inserted in one JDBC batch. */
    private void write(Connection c, List<Write> group) throws SQLException {
        long seq = nextSeq;
        long points = 0;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            MetricLogCodec.PointsWriter entry = new MetricLogCodec.PointsWriter();
            for (Write w : group) {
                if (w instanceof Points p) {
                    entry.add(p.batch());
                } else if (w instanceof RollUp r) {
                    if (!entry.isEmpty()) {
                        points += entry.points();
                        add(ps, seq++, entry.finish());
                    }
                    add(ps, seq++, MetricLogCodec.rollUp(r.retention, r.now));
                }
            }
            if (!entry.isEmpty()) {
                points += entry.points();
                add(ps, seq++, entry.finish());
            }
            ps.executeBatch();
        }
        pendingSeq = seq;
        pendingPoints = points;
    }

    private static void add(PreparedStatement ps, long seq, byte[] entry) throws SQLException {
        ps.setLong(1, seq);
        ps.setBytes(2, entry);
        ps.addBatch();
    }

    /** After the commit of {@link #write}: the same writes, in order, into the served copy. */
    private void apply(List<Write> items) {
        nextSeq = pendingSeq;
        loggedPoints += pendingPoints;
        for (Write w : items) {
            if (w instanceof Points p) {
                served.save(p.batch());
            } else if (w instanceof RollUp r) {
                r.removed = served.rollUp(r.retention, r.now);
            }
        }
    }

    private void compactIfLarge(Connection c) throws SQLException {
        if (loggedPoints > 2 * served.count() + compactSlack) {
            compact(c);
        }
    }

    /** Replaces the log (and any metric_point rows) with the served points, and commits. */
    private void compact(Connection c) throws SQLException {
        long started = System.nanoTime();
        long seq = nextSeq;
        long points = 0;
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM metric_log");
            s.executeUpdate("DELETE FROM metric_point");
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            MetricLogCodec.PointsWriter entry = new MetricLogCodec.PointsWriter();
            for (MetricKey key : served.keys()) {
                MetricSeries series = served.range(key, Long.MIN_VALUE, Long.MAX_VALUE);
                long[] ts = timestamps(series);
                double[] vals = values(series);
                for (int from = 0; from < ts.length; ) {
                    int to = Math.min(ts.length, from + SNAPSHOT_ENTRY_POINTS - entry.points());
                    entry.add(key, ts, vals, from, to);
                    from = to;
                    if (entry.points() >= SNAPSHOT_ENTRY_POINTS) {
                        points += entry.points();
                        add(ps, seq++, entry.finish());
                        ps.executeBatch();
                    }
                }
            }
            if (!entry.isEmpty()) {
                points += entry.points();
                add(ps, seq++, entry.finish());
            }
            ps.executeBatch();
        }
        c.commit();
        log.info("metrics: log compacted from {} to {} points in {} ms", loggedPoints, points,
                (System.nanoTime() - started) / 1_000_000);
        nextSeq = seq;
        loggedPoints = points;
    }

    private static long[] timestamps(MetricSeries s) {
        long[] out = new long[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.timestamp(i);
        }
        return out;
    }

    private static double[] values(MetricSeries s) {
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.value(i);
        }
        return out;
    }

    @Override
    public CompletionStage<Void> save(MetricBatch batch) {
        return writes.submit(new Points(batch));
    }

    @Override
    public List<MetricSeries> read(MetricQuery query) {
        return served.read(query);
    }

    @Override
    public MetricSeries range(MetricKey key, long from, long until) {
        return served.range(key, from, until);
    }

    @Override
    public List<MetricKey> keys() {
        return served.keys();
    }

    @Override
    public long count() {
        return served.count();
    }

    /** Logged like a save and applied at its place among them; answers once committed. */
    @Override
    public long rollUp(Retention retention, long now) {
        RollUp r = new RollUp(retention, now);
        CompletableFuture<Void> done = writes.submit(r);
        try {
            done.join();
        } catch (CompletionException e) {
            throw new StorageException("metrics: roll-up failed: " + JdbcDatabase.rootMessage(e), e);
        }
        return r.removed;
    }

    /** Commits what is queued, then stops the writer. */
    @Override
    public void close() {
        writes.close();
    }
}
