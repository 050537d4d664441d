package dev.switchboard.adapter.out.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.PostgresTestDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.lottery.JdbcBetStore;
import dev.switchboard.adapter.out.persistence.lottery.BetStoreContractTest;
import dev.switchboard.application.port.out.lottery.BetStore;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.WinningNumber;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bet store contract on PostgreSQL. */
class PostgresBetStoreTest extends BetStoreContractTest {

    private PostgresTestDatabase pg;
    private JdbcBetStore store;

    @BeforeEach
    void setUp() throws Exception {
        pg = PostgresTestDatabase.create();
        store = pg.open(JdbcBetStore::new);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected BetStore store() {
        return store;
    }

    @Test
    void twoNodesIndexingDifferentNumbers_eachFindEveryBetOfEitherNumberInStoredOrder() throws Exception {
        try (JdbcDatabase other = JdbcDatabase.open(pg.settings());
             JdbcBetStore node42 = new JdbcBetStore(other, new WinningNumber(42))) {
            await(store.saveBatch(new BetBatch(A1, List.of(bet(A1, "Ana", 1, 7574), bet(A1, "Bea", 2, 42)))));
            await(node42.saveBatch(new BetBatch(A2, List.of(bet(A2, "Cid", 3, 42), bet(A2, "Dan", 4, 7574)))));
            await(store.saveBatch(new BetBatch(A1, List.of(bet(A1, "Eva", 5, 42)))));

            for (JdbcBetStore node : List.of(store, node42)) {
                assertThat(node.findByNumber(7574)).containsExactly(bet(A1, "Ana", 1, 7574), bet(A2, "Dan", 4, 7574));
                assertThat(node.findByNumber(42))
                        .containsExactly(bet(A1, "Bea", 2, 42), bet(A2, "Cid", 3, 42), bet(A1, "Eva", 5, 42));
                assertThat(node.count()).isEqualTo(5);
            }
        }
    }
}
