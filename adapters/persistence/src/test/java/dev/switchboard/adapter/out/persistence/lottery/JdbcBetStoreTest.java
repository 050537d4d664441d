package dev.switchboard.adapter.out.persistence.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.lottery.JdbcBetStore;
import dev.switchboard.application.port.out.lottery.BetStore;
import dev.switchboard.application.port.out.lottery.StoredLottery.AgencyTally;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.WinningNumber;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcBetStoreTest extends BetStoreContractTest {

    @TempDir
    Path dir;

    private JdbcDatabase database;
    private JdbcBetStore store;

    @BeforeEach
    void open() {
        database = JdbcDatabase.h2File(dir.resolve("lottery"));
        store = new JdbcBetStore(database);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected BetStore store() {
        return store;
    }

    @Test
    void closeAndReopen_bringsBackBetsDoneFlagsAndTheDraw() throws Exception {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            writes.add(store.saveBatch(new BetBatch(A1, List.of(bet(A1, "Ana", i, i % 2 == 0 ? 7574 : 1)))
                    .numbered(i + 1)).toCompletableFuture());
        }
        writes.add(store.markDone(A1).toCompletableFuture());
        writes.add(store.saveDraw(new WinningNumber(7574)).toCompletableFuture());
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();
        store.close();

        store = new JdbcBetStore(database);

        assertThat(store.count()).isEqualTo(50);
        assertThat(store.findByNumber(7574)).hasSize(25);
        assertThat(store.load().agencies()).containsEntry(A1, new AgencyTally(50, 50, true));
        assertThat(store.load().drawnWith()).contains(new WinningNumber(7574));
        assertThat(store.load().batchNumbers().get(A1)).hasSize(50).contains(1L, 50L);
    }

    @Test
    void failingBatch_storesNoneOfItsBetsAndFailsOnlyItself() throws Exception {
        // a trigger-free way to make one batch fail: a check its batch row breaks
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE lottery_bet_batch ADD CONSTRAINT one_bet_only CHECK (bets < 2)");
        }
        CompletableFuture<Void> good = store.saveBatch(new BetBatch(A1, List.of(bet(A1, "Ana", 1, 1))))
                .toCompletableFuture();
        CompletableFuture<Void> bad = store.saveBatch(new BetBatch(A2, List.of(
                bet(A2, "Eva", 2, 2), bet(A2, "Maximiliano José", 3, 3)))).toCompletableFuture();

        good.get();
        assertThat(bad).failsWithin(java.time.Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class);
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.load().agencies()).doesNotContainKey(A2);
    }

    private long lotteryBetRows() throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM lottery_bet")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aBatchIsOneRow_andOnlyTheBetsOfTheIndexedNumberAreRowsOfTheirOwn() throws Exception {
        List<Bet> bets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            bets.add(bet(A1, "Ana", i, i % 10 == 0 ? 7574 : i));
        }
        await(store.saveBatch(new BetBatch(A1, bets)));

        assertThat(lotteryBetRows()).isEqualTo(10);
        assertThat(store.count()).isEqualTo(100);
        assertThat(store.findByNumber(7574)).hasSize(10).allMatch(b -> b.number() == 7574);
        assertThat(store.findByNumber(33)).containsExactly(bet(A1, "Ana", 33, 33));
    }

    @Test
    void aDrawUnderAnotherNumberThanTheIndexedOne_findsEveryBetInStoredOrder() throws Exception {
        await(store.saveBatch(new BetBatch(A1, List.of(bet(A1, "Ana", 1, 7574), bet(A1, "Bea", 2, 42)))));
        store.close();
        // restarted with another number to draw: later batches index 42
        store = new JdbcBetStore(database, new WinningNumber(42));
        await(store.saveBatch(new BetBatch(A2, List.of(bet(A2, "Cid", 3, 42), bet(A2, "Dan", 4, 7574)))));
        store.close();
        store = new JdbcBetStore(database, new WinningNumber(7574));
        await(store.saveBatch(new BetBatch(A1, List.of(bet(A1, "Eva", 5, 42)))));
        await(store.saveBatch(new BetBatch(A1, List.of(bet(A1, "Fer", 6, 7574)))));

        assertThat(store.findByNumber(7574)).containsExactly(
                bet(A1, "Ana", 1, 7574), bet(A2, "Dan", 4, 7574), bet(A1, "Fer", 6, 7574));
        assertThat(store.findByNumber(42)).containsExactly(
                bet(A1, "Bea", 2, 42), bet(A2, "Cid", 3, 42), bet(A1, "Eva", 5, 42));
        assertThat(store.count()).isEqualTo(6);
    }

    @Test
    void betsStoredAsRowsBeforeBatchesWereRows_areFoundFirstAndCounted() throws Exception {
        // what a file of the earlier layout holds: every bet a row, figures in lottery_agency
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO lottery_bet (agency, first_name, last_name, document, birthdate, bet_number) "
                    + "VALUES (1, 'Old', 'Row', 1, DATE '1990-01-02', 7574), (1, 'Old', 'Other', 2, DATE '1990-01-02', 5)");
            s.execute("INSERT INTO lottery_agency (agency, bets, batches, done) VALUES (1, 2, 1, FALSE)");
        }
        await(store.saveBatch(new BetBatch(A1, List.of(bet(A1, "New", 3, 7574), bet(A1, "New", 4, 5)))));

        List<Bet> winners = store.findByNumber(7574);
        assertThat(winners).hasSize(2);
        assertThat(winners.get(0).firstName()).isEqualTo("Old");
        assertThat(winners.get(1)).isEqualTo(bet(A1, "New", 3, 7574));
        assertThat(store.findByNumber(5)).extracting(Bet::document).containsExactly(2, 4);
        assertThat(store.count()).isEqualTo(4);
        assertThat(store.load().agencies()).containsEntry(A1, new AgencyTally(4, 2, false));
    }
}
