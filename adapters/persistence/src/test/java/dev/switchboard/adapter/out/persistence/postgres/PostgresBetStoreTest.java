package dev.switchboard.adapter.out.persistence.postgres;

import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.PostgresTestDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.lottery.JdbcBetStore;
import dev.switchboard.adapter.out.persistence.lottery.BetStoreContractTest;
import dev.switchboard.application.port.out.lottery.BetStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The bet store contract on PostgreSQL. */
class PostgresBetStoreTest extends BetStoreContractTest {

    private PostgresTestDatabase pg;
    private JdbcDatabase database;
    private JdbcBetStore store;

    @BeforeEach
    void setUp() throws Exception {
        pg = PostgresTestDatabase.create();
        database = JdbcDatabase.open(pg.settings());
        store = new JdbcBetStore(database);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (store != null) {
            store.close();
            database.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected BetStore store() {
        return store;
    }
}
