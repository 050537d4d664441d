package dev.switchboard.adapter.out.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.persistence.collector.AbstractReceiptStoreTest;
import dev.switchboard.adapter.out.persistence.jdbc.PostgresTestDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.collector.JdbcReceiptStore;
import dev.switchboard.application.port.out.collector.ReceiptStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receipt store contract on PostgreSQL, and the same batches offered to two nodes at once. */
class PostgresReceiptStoreTest extends AbstractReceiptStoreTest {

    private PostgresTestDatabase pg;

    @BeforeEach
    void setUp() throws Exception {
        pg = PostgresTestDatabase.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private JdbcReceiptStore open() {
        return pg.open(JdbcReceiptStore::new);
    }

    @Override
    protected ReceiptStore store() {
        return open();
    }

    @Test
    void theSameBatchesOfferedToTwoNodesAtOnce_areEachStoredOnce() throws Exception {
        JdbcReceiptStore nodeA = open();
        JdbcReceiptStore nodeB = open();
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(nodeA.add(receipt("batch-" + i + ".dat", 10, "2026-11-22T10:15:00Z")).toCompletableFuture());
            answers.add(nodeB.add(receipt("batch-" + i + ".dat", 10, "2026-11-22T10:15:00Z")).toCompletableFuture());
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(answers.stream().filter(CompletableFuture::join).count()).isEqualTo(200);
        assertThat(nodeA.count()).isEqualTo(200);
        assertThat(pg.number("SELECT COUNT(DISTINCT batch_id) FROM collector_receipt")).isEqualTo(200);
    }
}
