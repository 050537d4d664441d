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

    private static final String INSERT_BET = "INSERT INTO lottery_bet "
            + "(agency, first_name, last_name, document, birthdate, bet_number) VALUES (?, ?, ?, ?, ?, ?)";
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
    private final GroupCommitter<Write> writes;
    private final ReadConnection reads;

    public JdbcBetStore(JdbcDatabase database) {
        this.database = database;
        String addBatch = database.dialect().addAgencyBatch();
        String markDone = database.dialect().markAgencyDone();
        this.writes = new GroupCommitter<>("lottery", database, (c, group) -> write(c, addBatch, markDone, group), 64);
        this.reads = new ReadConnection(database, "the lottery");
    }

    private static void write(Connection c, String addBatchSql, String markDoneSql, List<Write> group)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_BET);
             PreparedStatement addBatch = c.prepareStatement(addBatchSql);
             PreparedStatement markDone = c.prepareStatement(markDoneSql);
             PreparedStatement saveDraw = c.prepareStatement(SAVE_DRAW)) {
            for (Write w : group) {
                if (w instanceof SaveBatch b) {
                    BetBatch batch = b.batch();
                    int agency = batch.agency().value();
                    for (int i = 0, n = batch.size(); i < n; i++) {
                        insert.setInt(1, agency);
                        insert.setString(2, batch.firstName(i));
                        insert.setString(3, batch.lastName(i));
                        insert.setInt(4, batch.document(i));
                        insert.setObject(5, batch.birthdate(i));
                        insert.setInt(6, batch.number(i));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    if (batch.batchNumber().isPresent()) {
                        try (PreparedStatement number = c.prepareStatement(INSERT_NUMBER)) {
                            number.setInt(1, agency);
                            number.setLong(2, batch.batchNumber().getAsLong());
                            number.executeUpdate();
                        }
                    }
                    addBatch.setInt(1, agency);
                    addBatch.setLong(2, batch.size());
                    addBatch.executeUpdate();
                } else if (w instanceof MarkDone d) {
                    markDone.setInt(1, d.agency().value());
                    markDone.executeUpdate();
                } else if (w instanceof SaveDraw s) {
                    saveDraw.setInt(1, s.number().value());
                    saveDraw.executeUpdate();
                }
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

    @Override
    public List<Bet> findByNumber(int number) {
        String sql = "SELECT agency, first_name, last_name, document, birthdate, bet_number "
                + "FROM lottery_bet WHERE bet_number = ? ORDER BY id";
        return reads.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, number);
                List<Bet> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Bet(AgencyId.of(rs.getInt(1)), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getObject(5, LocalDate.class), rs.getInt(6)));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public long count() {
        return reads.number("SELECT COUNT(*) FROM lottery_bet");
    }

    /** Commits what is queued, then releases the connections. */
    @Override
    public void close() {
        writes.close();
        reads.close();
    }
}
