package dev.switchboard.adapter.out.persistence.jdbc.lottery;

import dev.switchboard.adapter.out.persistence.jdbc.GroupCommitter;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.ReadConnection;
import dev.switchboard.adapter.out.persistence.jdbc.StorageException;
import dev.switchboard.application.port.out.lottery.BetStore;
import dev.switchboard.application.port.out.lottery.DrawClaim;
import dev.switchboard.application.port.out.lottery.StoredLottery;
import dev.switchboard.application.port.out.lottery.StoredLottery.AgencyTally;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.WinningNumber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Persistence adapter: bets in {@code lottery_bet}, each agency's figures and done flag in
 * {@code lottery_agency}, the draw in {@code lottery_draw}. Every write goes through one
 * {@link GroupCommitter}: a batch is one item, so its bets and its agency row commit in one
 * transaction (all or none), several batches from different agencies share a commit, and writes
 * commit in submission order.
 */
public final class JdbcBetStore implements BetStore, AutoCloseable {

    /** One write, as the group committer queues it. */
    sealed interface Write {
    }

    record SaveBatch(BetBatch batch) implements Write {
    }

    record MarkDone(AgencyId agency) implements Write {
    }

    record SaveDraw(WinningNumber number) implements Write {
    }

    private static final String INSERT_BATCH =
            "INSERT INTO lottery_bet_batch (agency, bets, indexed_number, body) VALUES (?, ?, ?, ?)";
    private static final String INSERT_WINNER = "INSERT INTO lottery_bet "
            + "(agency, first_name, last_name, document, birthdate, bet_number, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** The rows of lottery_bet: the indexed bets of batches, and every bet stored before batches were rows. */
    private static final String SELECT_ROWS = "SELECT agency, first_name, last_name, document, birthdate, bet_number, "
            + "batch_id FROM lottery_bet WHERE bet_number = ? ORDER BY batch_id NULLS FIRST, id";
    /** Batches whose indexed bets are of another number: their bets of this number are only in the body. */
    private static final String SELECT_OTHER_BATCHES_BELOW =
            "SELECT id, agency, body FROM lottery_bet_batch WHERE indexed_number < ? ORDER BY id";
    private static final String SELECT_OTHER_BATCHES_ABOVE =
            "SELECT id, agency, body FROM lottery_bet_batch WHERE indexed_number > ? ORDER BY id";
    private static final String INSERT_NUMBER = "INSERT INTO lottery_batch_number (agency, batch_number) VALUES (?, ?)";
    private static final String SAVE_DRAW = """
            MERGE INTO lottery_draw t
            USING (VALUES (1, CAST(? AS INTEGER))) s (id, winning_number)
            ON t.id = s.id
            WHEN MATCHED THEN UPDATE SET winning_number = s.winning_number
            WHEN NOT MATCHED THEN INSERT (id, winning_number) VALUES (s.id, s.winning_number)""";

    /** The recorded draw's number. */
    private static final String SELECT_DRAW = "SELECT winning_number FROM lottery_draw WHERE id = 1";
    /**
     * The barrier and the draw in one standard statement: the draw row is inserted only if every
     * agency 1..N is done. Two nodes that both see the barrier met both try row 1; the primary
     * key lets one through, the other fails with a unique violation and takes the recorded draw.
     */
    private static final String CLAIM_DRAW = """
            INSERT INTO lottery_draw (id, winning_number)
            SELECT 1, CAST(? AS INTEGER) FROM lottery_agency
            WHERE done = TRUE AND agency BETWEEN 1 AND CAST(? AS INTEGER)
            HAVING COUNT(*) = CAST(? AS BIGINT)""";
    private static final String UNIQUE_VIOLATION = "23505";

    private final JdbcDatabase database;
    private final int indexed;
    private final String addBatchSql;
    private final String markDoneSql;
    private final GroupCommitter<Write> writes;
    private final ReadConnection reads;

    /** A store that keeps the bets of {@link WinningNumber#DEFAULT} as rows for the draw. */
    public JdbcBetStore(JdbcDatabase database) {
        this(database, WinningNumber.DEFAULT);
    }

    /**
     * @param indexed the number this node will draw: its bets are also kept as rows, so the draw
     *                reads only those (a draw under another number still finds every bet)
     */
    public JdbcBetStore(JdbcDatabase database, WinningNumber indexed) {
        this.database = database;
        this.indexed = indexed.value();
        this.addBatchSql = database.dialect().addAgencyBatch();
        this.markDoneSql = database.dialect().markAgencyDone();
        this.writes = new GroupCommitter<>("lottery", database, this::write, 64);
        this.reads = new ReadConnection(database, "the lottery");
    }

    /**
     * One group in one transaction: per batch one row (and a row per bet of the indexed number, and
     * its batch number), then one addition per agency to its figures, the done flags and the draw.
     */
    private void write(Connection c, List<Write> group) throws SQLException {
        Map<Integer, long[]> tallies = new TreeMap<>();
        try (PreparedStatement insertBatch = c.prepareStatement(INSERT_BATCH);
             PreparedStatement insertBatchWithId = c.prepareStatement(INSERT_BATCH, new String[] {"id"});
             PreparedStatement winner = c.prepareStatement(INSERT_WINNER);
             PreparedStatement number = c.prepareStatement(INSERT_NUMBER);
             PreparedStatement markDone = c.prepareStatement(markDoneSql);
             PreparedStatement saveDraw = c.prepareStatement(SAVE_DRAW)) {
            boolean numbers = false;
            boolean winners = false;
            for (Write w : group) {
                if (w instanceof SaveBatch b) {
                    BetBatch batch = b.batch();
                    int agency = batch.agency().value();
                    boolean wins = hasIndexed(batch);
                    PreparedStatement insert = wins ? insertBatchWithId : insertBatch;
                    insert.setInt(1, agency);
                    insert.setInt(2, batch.size());
                    insert.setInt(3, indexed);
                    insert.setBytes(4, BetBatchCodec.encode(batch));
                    insert.executeUpdate();
                    if (wins) {
                        addWinners(insert, winner, batch);
                        winners = true;
                    }
                    if (batch.batchNumber().isPresent()) {
                        number.setInt(1, agency);
                        number.setLong(2, batch.batchNumber().getAsLong());
                        number.addBatch();
                        numbers = true;
                    }
                    long[] tally = tallies.computeIfAbsent(agency, a -> new long[2]);
                    tally[0] += batch.size();
                    tally[1]++;
                } else if (w instanceof MarkDone d) {
                    markDone.setInt(1, d.agency().value());
                    markDone.executeUpdate();
                } else if (w instanceof SaveDraw s) {
                    saveDraw.setInt(1, s.number().value());
                    saveDraw.executeUpdate();
                }
            }
            if (winners) {
                winner.executeBatch();
            }
            if (numbers) {
                number.executeBatch();
            }
        }
        if (!tallies.isEmpty()) {
            try (PreparedStatement addBatch = c.prepareStatement(addBatchSql)) {
                for (Map.Entry<Integer, long[]> t : tallies.entrySet()) {
                    addBatch.setInt(1, t.getKey());
                    addBatch.setLong(2, t.getValue()[0]);
                    addBatch.setLong(3, t.getValue()[1]);
                    addBatch.addBatch();
                }
                addBatch.executeBatch();
            }
        }
    }

    private boolean hasIndexed(BetBatch batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            if (batch.number(i) == indexed) {
                return true;
            }
        }
        return false;
    }

    private void addWinners(PreparedStatement insertedBatch, PreparedStatement winner, BetBatch batch)
            throws SQLException {
        long batchId;
        try (ResultSet keys = insertedBatch.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database gave no id for a stored batch");
            }
            batchId = keys.getLong(1);
        }
        int agency = batch.agency().value();
        for (int i = 0, n = batch.size(); i < n; i++) {
            if (batch.number(i) == indexed) {
                winner.setInt(1, agency);
                winner.setString(2, batch.firstName(i));
                winner.setString(3, batch.lastName(i));
                winner.setInt(4, batch.document(i));
                winner.setObject(5, batch.birthdate(i));
                winner.setInt(6, batch.number(i));
                winner.setLong(7, batchId);
                winner.addBatch();
            }
        }
    }

    @Override
    public CompletionStage<Void> saveBatch(BetBatch batch) {
        return writes.submit(new SaveBatch(batch));
    }

    @Override
    public CompletionStage<Void> markDone(AgencyId agency) {
        return writes.submit(new MarkDone(agency));
    }

    @Override
    public CompletionStage<Void> saveDraw(WinningNumber number) {
        return writes.submit(new SaveDraw(number));
    }

    /**
     * In its own transaction, never in a group with other writes: a claim must see every "done"
     * committed before it started, including other nodes' (see {@link BetStore#claimDraw}).
     */
    @Override
    public DrawClaim claimDraw(int agencies, WinningNumber number) {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try {
                Optional<WinningNumber> recorded = recordedDraw(c);
                if (recorded.isPresent()) {
                    c.rollback();
                    return DrawClaim.drawnBefore(recorded.get());
                }
                int inserted;
                try (PreparedStatement ps = c.prepareStatement(CLAIM_DRAW)) {
                    ps.setInt(1, number.value());
                    ps.setInt(2, agencies);
                    ps.setLong(3, agencies);
                    inserted = ps.executeUpdate();
                }
                c.commit();
                return inserted == 1 ? DrawClaim.drawnHere(number) : DrawClaim.notYet();
            } catch (SQLException e) {
                c.rollback();
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // another node recorded the draw between our read and our insert
                return DrawClaim.drawnBefore(recordedDraw(c).orElseThrow(() -> e));
            }
        } catch (SQLException e) {
            throw new StorageException("could not decide the draw: " + JdbcDatabase.rootMessage(e), e);
        }
    }

    private static Optional<WinningNumber> recordedDraw(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_DRAW); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new WinningNumber(rs.getInt(1))) : Optional.empty();
        }
    }

    @Override
    public StoredLottery load() {
        return reads.read(c -> {
            Map<AgencyId, AgencyTally> agencies = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT agency, bets, batches, done FROM lottery_agency");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    agencies.put(AgencyId.of(rs.getInt(1)), new AgencyTally(rs.getLong(2), rs.getLong(3), rs.getBoolean(4)));
                }
            }
            Optional<WinningNumber> drawn = recordedDraw(c);
            Map<AgencyId, Set<Long>> numbers = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT agency, batch_number FROM lottery_batch_number");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    numbers.computeIfAbsent(AgencyId.of(rs.getInt(1)), a -> new HashSet<>()).add(rs.getLong(2));
                }
            }
            return new StoredLottery(agencies, drawn, numbers);
        });
    }

    /**
     * The rows of {@code lottery_bet} with the number (for batches indexed under it, and bets
     * stored before batches were rows), merged in stored order with the matching bets decoded from
     * batches indexed under another number (none while every node draws the number it indexes).
     */
    @Override
    public List<Bet> findByNumber(int number) {
        return reads.read(c -> {
            List<Bet> rows = new ArrayList<>();
            List<Long> rowBatches = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT_ROWS)) {
                ps.setInt(1, number);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Bet(AgencyId.of(rs.getInt(1)), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getObject(5, LocalDate.class), rs.getInt(6)));
                        long batch = rs.getLong(7);
                        rowBatches.add(rs.wasNull() ? Long.MIN_VALUE : batch);
                    }
                }
            }
            List<Bet> decoded = new ArrayList<>();
            List<Long> decodedBatches = new ArrayList<>();
            decodeOthers(c, SELECT_OTHER_BATCHES_BELOW, number, decoded, decodedBatches);
            decodeOthers(c, SELECT_OTHER_BATCHES_ABOVE, number, decoded, decodedBatches);
            if (decoded.isEmpty()) {
                return rows;
            }
            return merge(rows, rowBatches, decoded, decodedBatches);
        });
    }

    private static void decodeOthers(Connection c, String sql, int number, List<Bet> into, List<Long> batches)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    int before = into.size();
                    BetBatchCodec.matching(rs.getBytes(3), AgencyId.of(rs.getInt(2)), number, into);
                    for (int i = before; i < into.size(); i++) {
                        batches.add(id);
                    }
                }
            }
        }
    }

    /** Two lists each in stored order, keyed by batch id (older rows first), merged into one. */
    private static List<Bet> merge(List<Bet> a, List<Long> aBatches, List<Bet> b, List<Long> bBatches) {
        if (bBatches.size() > 1) {
            // the two queries each come in id order, together they may not: a stable sort by batch
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < b.size(); i++) {
                order.add(i);
            }
            order.sort(java.util.Comparator.comparingLong(bBatches::get));
            List<Bet> sorted = new ArrayList<>(b.size());
            List<Long> sortedBatches = new ArrayList<>(b.size());
            for (int i : order) {
                sorted.add(b.get(i));
                sortedBatches.add(bBatches.get(i));
            }
            b = sorted;
            bBatches = sortedBatches;
        }
        List<Bet> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (j == b.size() || (i < a.size() && aBatches.get(i) <= bBatches.get(j))) {
                out.add(a.get(i++));
            } else {
                out.add(b.get(j++));
            }
        }
        return out;
    }

    /** The agencies' figures count every stored bet, in the transaction that stored it. */
    @Override
    public long count() {
        return reads.number("SELECT COALESCE(SUM(bets), 0) FROM lottery_agency");
    }

    /** Commits what is queued, then releases the connections. */
    @Override
    public void close() {
        writes.close();
        reads.close();
    }
}
