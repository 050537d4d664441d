package dev.switchboard.adapter.out.persistence.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.persistence.inmemory.metrics.InMemoryMetricStore;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.MetricSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    @Test
    void savesAnswerTheSharedCompletedStage() {
        assertThat(store.save(MetricBatch.of(MetricPoint.of("k", 1, 1)))).isSameAs(MetricStore.STORED);
    }

    @Test
    void writersInterleavingOnOneKeyLoseNothing() throws Exception {
        int writers = 4;
        int each = 5_000;
        MetricKey key = MetricKey.of("shared");
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    // timestamps interleave between writers: appends and in-place inserts race
                    MetricBatch batch = new MetricBatch(1);
                    batch.add(key, id, (long) i * writers + (writers - 1 - id));
                    store.save(batch);
                }
            });
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }

        MetricSeries all = store.range(key, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(all.size()).isEqualTo(writers * each);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.timestamp(i)).isEqualTo(i);
            assertThat(all.value(i)).isEqualTo((double) (writers - 1 - i % writers));
        }
        assertThat(store.count()).isEqualTo((long) writers * each);
    }

    @Test
    void aSeriesWidensWhenATimestampIsOutOfIntRangeAndKeepsItsEarlierPoints() throws Exception {
        for (int i = 0; i < 100; i++) {
            save(MetricPoint.of("w", i, 1_000_000_000L + i));
        }
        save(MetricPoint.of("w", -1, 1_000_000_000L + (1L << 33)));
        save(MetricPoint.of("w", -2, 1_000_000_000L + 50));

        List<MetricPoint> found = store.find(MetricQuery.key(MetricKey.of("w")));
        assertThat(found).hasSize(101);
        assertThat(found.get(50)).isEqualTo(MetricPoint.of("w", -2, 1_000_000_050L));
        assertThat(found.get(100)).isEqualTo(MetricPoint.of("w", -1, 1_000_000_000L + (1L << 33)));
    }
}
