package dev.switchboard.adapter.out.persistence.jdbc.collector;

import dev.switchboard.adapter.out.persistence.jdbc.GroupCommitter;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.ReadConnection;
import dev.switchboard.application.port.out.collector.ReceiptStore;
import dev.switchboard.domain.collector.BatchId;
import dev.switchboard.domain.collector.Receipt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Persistence adapter: receipts in the table {@code collector_receipt}, one row per batch id.
 * Adds go through a {@link GroupCommitter}, so an add completes only after its commit; the
 * insert (the dialect's) does nothing for an id already there, also when another node stored it, and its row
 * count tells a new receipt from a duplicate. A duplicate is counted on its receipt's row
 * ({@code duplicates}, migration V2) in the same transaction, so the count survives a restart.
 */
public final class JdbcReceiptStore implements ReceiptStore, AutoCloseable {

    private static final String COUNT_DUPLICATE =
            "UPDATE collector_receipt SET duplicates = duplicates + 1 WHERE batch_id = ?";
    private static final String SUM_DUPLICATES = "SELECT COALESCE(SUM(duplicates), 0) FROM collector_receipt";
    private static final String SELECT_ALL =
            "SELECT batch_id, bytes, received_at_ms FROM collector_receipt ORDER BY seq";
    private static final String COUNT = "SELECT COUNT(*) FROM collector_receipt";
    private static final String MAX_SEQ = "SELECT COALESCE(MAX(seq), 0) FROM collector_receipt";

    /**
     * One add: the receipt, its place in the order, whether a duplicate is counted, and what the
     * (last, committed) write found.
     */
    private static final class Pending {
        final Receipt receipt;
        final long seq;
        final boolean countDuplicate;
        volatile boolean inserted;

        Pending(Receipt receipt, long seq, boolean countDuplicate) {
            this.receipt = receipt;
            this.seq = seq;
            this.countDuplicate = countDuplicate;
        }
    }

    private final GroupCommitter<Pending> writes;
    private final ReadConnection reads;
    private long nextSeq;

    public JdbcReceiptStore(JdbcDatabase database) {
        this.reads = new ReadConnection(database, "receipts");
        this.nextSeq = reads.number(MAX_SEQ) + 1;
        String insertNew = database.dialect().insertReceiptIfNew();
        this.writes = new GroupCommitter<>("receipts", database, (c, group) -> insert(c, insertNew, group), 256);
    }

    private static void insert(Connection c, String insertNew, List<Pending> group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertNew);
             PreparedStatement duplicate = c.prepareStatement(COUNT_DUPLICATE)) {
            for (Pending p : group) {
                ps.setString(1, p.receipt.batchId().value());
                ps.setLong(2, p.receipt.bytes());
                ps.setLong(3, p.receipt.receivedAt().toEpochMilli());
                ps.setLong(4, p.seq);
                // one statement at a time: its row count says whether this id was new
                p.inserted = ps.executeUpdate() == 1;
                if (!p.inserted && p.countDuplicate) {
                    duplicate.setString(1, p.receipt.batchId().value());
                    duplicate.executeUpdate();
                }
            }
        }
    }

    @Override
    public CompletionStage<Boolean> add(Receipt receipt) {
        return submit(receipt, true);
    }

    @Override
    public CompletionStage<Boolean> addIfAbsent(Receipt receipt) {
        return submit(receipt, false);
    }

    private CompletionStage<Boolean> submit(Receipt receipt, boolean countDuplicate) {
        Pending pending;
        synchronized (this) {
            pending = new Pending(receipt, nextSeq++, countDuplicate);
        }
        return writes.submit(pending).thenApply(done -> pending.inserted);
    }

    @Override
    public List<Receipt> findAll() {
        return reads.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_ALL); ResultSet rs = ps.executeQuery()) {
                List<Receipt> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(new Receipt(BatchId.of(rs.getString(1)), rs.getLong(2),
                            Instant.ofEpochMilli(rs.getLong(3))));
                }
                return result;
            }
        });
    }

    @Override
    public long count() {
        return reads.number(COUNT);
    }

    @Override
    public long duplicates() {
        return reads.number(SUM_DUPLICATES);
    }

    /** Commits what is queued, then releases the connections. */
    @Override
    public void close() {
        writes.close();
        reads.close();
    }
}
