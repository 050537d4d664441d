package dev.switchboard.adapter.out.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.PostgresTestDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.metrics.JdbcMetricStore;
import dev.switchboard.adapter.out.persistence.metrics.MetricStoreContractTest;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metric store contract on PostgreSQL, and two nodes' stores racing on the same keys. */
class PostgresMetricStoreTest extends MetricStoreContractTest {

    private PostgresTestDatabase pg;
    private JdbcMetricStore store;

    @BeforeEach
    void setUp() throws Exception {
        pg = PostgresTestDatabase.create();
        store = pg.open(JdbcMetricStore::new);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected MetricStore store() {
        return store;
    }

    @Test
    void twoNodesPuttingTheSameNewKeysAtOnce_neverFail_andOneValueStaysPerPoint() throws Exception {
        try (JdbcDatabase other = JdbcDatabase.open(pg.settings()); JdbcMetricStore nodeB = new JdbcMetricStore(other)) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                acks.add(store.save(MetricPoint.of("race" + (i % 20), 1.0, i / 20)).toCompletableFuture());
                acks.add(nodeB.save(MetricPoint.of("race" + (i % 20), 2.0, i / 20)).toCompletableFuture());
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(acks).noneMatch(CompletableFuture::isCompletedExceptionally);
            assertThat(nodeB.count()).isEqualTo(400);
            assertThat(store.find(MetricQuery.key(MetricKey.of("race7"))))
                    .hasSize(20).allMatch(p -> p.value() == 1.0 || p.value() == 2.0);
        }
    }
}
