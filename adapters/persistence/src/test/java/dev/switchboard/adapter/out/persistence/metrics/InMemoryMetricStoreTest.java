package dev.switchboard.adapter.out.persistence.metrics;

import dev.switchboard.adapter.out.persistence.inmemory.metrics.InMemoryMetricStore;
import dev.switchboard.application.port.out.metrics.MetricStore;
import org.junit.jupiter.api.BeforeEach;

class InMemoryMetricStoreTest extends MetricStoreContractTest {

    private InMemoryMetricStore store;

    @BeforeEach
    void setUp() {
        store = new InMemoryMetricStore();
    }

    @Override
    protected MetricStore store() {
        return store;
    }
}
