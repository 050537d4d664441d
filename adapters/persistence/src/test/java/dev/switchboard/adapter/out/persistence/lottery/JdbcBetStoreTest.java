package dev.switchboard.adapter.out.persistence.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.lottery.JdbcBetStore;
import dev.switchboard.application.port.out.lottery.BetStore;
import dev.switchboard.application.port.out.lottery.StoredLottery.AgencyTally;
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
        // a trigger-free way to make one batch fail: a column too narrow for one of its bets
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE lottery_bet ALTER COLUMN first_name VARCHAR(8)");
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
}
