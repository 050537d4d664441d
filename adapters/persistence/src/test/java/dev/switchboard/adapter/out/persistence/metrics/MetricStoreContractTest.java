package dev.switchboard.adapter.out.persistence.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.MetricSeries;
import dev.switchboard.domain.metrics.retention.Aggregation;
import dev.switchboard.domain.metrics.retention.Retention;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link MetricStore} adapter must have; one subclass per adapter. */
public abstract class MetricStoreContractTest {

    protected abstract MetricStore store();

    protected void save(MetricPoint... points) throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (MetricPoint p : points) {
            all.add(store().save(p).toCompletableFuture());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void emptyStoreFindsNothing() {
        assertThat(store().find(MetricQuery.all())).isEmpty();
        assertThat(store().find(MetricQuery.key(MetricKey.of("k3")))).isEmpty();
        assertThat(store().count()).isZero();
    }

    @Test
    void findAllListsByKeyThenTimestamp() throws Exception {
        save(MetricPoint.of("k2", 40.0, 5), MetricPoint.of("k1", 0.35, 3), MetricPoint.of("k1", 0.25, 1),
                MetricPoint.of("k2", 30.0, 4), MetricPoint.of("k1", 2.156, 2));

        assertThat(store().find(MetricQuery.all())).containsExactly(
                MetricPoint.of("k1", 0.25, 1), MetricPoint.of("k1", 2.156, 2), MetricPoint.of("k1", 0.35, 3),
                MetricPoint.of("k2", 30.0, 4), MetricPoint.of("k2", 40.0, 5));
        assertThat(store().count()).isEqualTo(5);
    }

    @Test
    void sameKeyAndTimestampKeepsTheLastValue() throws Exception {
        save(MetricPoint.of("k2", 40.0, 5));
        save(MetricPoint.of("k2", 41.5, 5));
        save(MetricPoint.of("k2", 41.5, 5));

        assertThat(store().find(MetricQuery.all())).containsExactly(MetricPoint.of("k2", 41.5, 5));
        assertThat(store().count()).isEqualTo(1);
    }

    @Test
    void findOneKeyReturnsOnlyItsPointsInTimestampOrder() throws Exception {
        save(MetricPoint.of("a", 1, 9), MetricPoint.of("b", 2, 1), MetricPoint.of("a", 3, -2));

        assertThat(store().find(MetricQuery.key(MetricKey.of("a"))))
                .containsExactly(MetricPoint.of("a", 3, -2), MetricPoint.of("a", 1, 9));
    }

    @Test
    void keysCompareByExactCharacters() throws Exception {
        save(MetricPoint.of("B", 1, 1), MetricPoint.of("a", 1, 1), MetricPoint.of("é", 1, 1),
                MetricPoint.of("A", 1, 1));

        assertThat(store().find(MetricQuery.all())).extracting(p -> p.key().value())
                .containsExactly("A", "B", "a", "é");
    }

    @Test
    void valuesRoundTripExactly() throws Exception {
        double[] values = {0.1, -1.5, 1e16, 5e-324, 1.7976931348623157e308, 123456789.123456789};
        for (int i = 0; i < values.length; i++) {
            save(MetricPoint.of("v", values[i], i));
        }
        List<MetricPoint> found = store().find(MetricQuery.key(MetricKey.of("v")));
        assertThat(found).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToLongBits(found.get(i).value())).isEqualTo(Double.doubleToLongBits(values[i]));
        }
    }

    @Test
    void concurrentSavesAreAllKept() throws Exception {
        int writers = 4;
        int each = 500;
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<Void>> saves = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < writers; w++) {
            int id = w;
            threads.add(new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    saves.add(store().save(MetricPoint.of("w" + id, i, i)).toCompletableFuture());
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(10_000);
        }
        CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(store().count()).isEqualTo(writers * each);
        assertThat(store().find(MetricQuery.key(MetricKey.of("w3")))).hasSize(each);
    }

    @Test
    void aBatchIsStoredInOrderSoItsLaterPointWins() throws Exception {
        MetricBatch batch = MetricBatch.of(MetricPoint.of("b", 1, 7), MetricPoint.of("a", 2, 3),
                MetricPoint.of("b", 5, 7), MetricPoint.of("a", -0.0, 1));
        store().save(batch).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(store().find(MetricQuery.all())).containsExactly(
                MetricPoint.of("a", 0.0, 1), MetricPoint.of("a", 2, 3), MetricPoint.of("b", 5, 7));
        assertThat(store().count()).isEqualTo(3);
    }

    @Test
    void outOfOrderTimestampsAreInsertedInPlaceAndOverwritten() throws Exception {
        long[] order = {50, 10, 90, 30, 70, 10, 20, 95, 5, 50};
        for (int i = 0; i < order.length; i++) {
            save(MetricPoint.of("k", i, order[i]));
        }
        assertThat(store().find(MetricQuery.key(MetricKey.of("k")))).extracting(MetricPoint::timestamp)
                .containsExactly(5L, 10L, 20L, 30L, 50L, 70L, 90L, 95L);
        assertThat(store().range(MetricKey.of("k"), 50, 50).value(0)).isEqualTo(9.0);
        assertThat(store().range(MetricKey.of("k"), 10, 10).value(0)).isEqualTo(5.0);
        assertThat(store().count()).isEqualTo(8);
    }

    @Test
    void timestampsFarApartAndAtTheExtremesAreKept() throws Exception {
        save(MetricPoint.of("t", 1, 0), MetricPoint.of("t", 2, Long.MAX_VALUE), MetricPoint.of("t", 3, Long.MIN_VALUE),
                MetricPoint.of("t", 4, 1L << 40), MetricPoint.of("t", 5, -1));

        assertThat(store().find(MetricQuery.key(MetricKey.of("t")))).extracting(MetricPoint::timestamp)
                .containsExactly(Long.MIN_VALUE, -1L, 0L, 1L << 40, Long.MAX_VALUE);
    }

    @Test
    void rangeIsInclusiveAtBothEnds() throws Exception {
        for (int ts = 10; ts <= 100; ts += 10) {
            save(MetricPoint.of("r", ts / 10.0, ts));
        }
        save(MetricPoint.of("other", 1, 30));

        MetricSeries mid = store().range(MetricKey.of("r"), 30, 60);
        assertThat(mid.key()).isEqualTo(MetricKey.of("r"));
        assertThat(mid.points()).containsExactly(MetricPoint.of("r", 3, 30), MetricPoint.of("r", 4, 40),
                MetricPoint.of("r", 5, 50), MetricPoint.of("r", 6, 60));
        assertThat(store().range(MetricKey.of("r"), 31, 39).isEmpty()).isTrue();
        assertThat(store().range(MetricKey.of("r"), 101, 200).isEmpty()).isTrue();
        assertThat(store().range(MetricKey.of("r"), 60, 30).isEmpty()).isTrue();
        assertThat(store().range(MetricKey.of("r"), Long.MIN_VALUE, Long.MAX_VALUE).size()).isEqualTo(10);
        assertThat(store().range(MetricKey.of("unknown"), 0, 100).isEmpty()).isTrue();
    }

    @Test
    void keysAreListedSortedAndOnce() throws Exception {
        save(MetricPoint.of("b.x", 1, 1), MetricPoint.of("a", 1, 1), MetricPoint.of("b.x", 1, 2),
                MetricPoint.of("B", 1, 1));

        assertThat(store().keys()).containsExactly(MetricKey.of("B"), MetricKey.of("a"), MetricKey.of("b.x"));
    }

    @Test
    void readGivesOneSeriesPerKeyInKeyOrder() throws Exception {
        save(MetricPoint.of("z", 1, 2), MetricPoint.of("y", 2, 1), MetricPoint.of("z", 3, 1));

        List<MetricSeries> all = store().read(MetricQuery.all());
        assertThat(all).extracting(MetricSeries::key).containsExactly(MetricKey.of("y"), MetricKey.of("z"));
        assertThat(all.get(1).points()).containsExactly(MetricPoint.of("z", 3, 1), MetricPoint.of("z", 1, 2));
        assertThat(store().read(MetricQuery.key(MetricKey.of("nothing")))).isEmpty();
    }

    @Test
    void rollUpMergesFinishedSlotsAndDropsWhatIsTooOld() throws Exception {
        // the retention test's feed: at 1000, before 700 goes; 1-minute slots before 900 and
        // 10-second slots before 1000 become one point each; 1000 and later stay as put
        long[] ts = {650, 720, 730, 779, 880, 890, 900, 940, 945, 995, 1000, 1003};
        double[] values = {1, 2, 4, 6, 3, 5, 1, 10, 20, 7, 8, 9};
        for (int i = 0; i < ts.length; i++) {
            save(MetricPoint.of("r", values[i], ts[i]));
        }
        save(MetricPoint.of("gone", 1, 100), MetricPoint.of("kept", 1, 1001));
        Retention retention = Retention.parse("10s:1m,1m:5m", Aggregation.AVERAGE);

        assertThat(store().rollUp(retention, 1000)).isEqualTo(6);

        assertThat(store().find(MetricQuery.key(MetricKey.of("r")))).containsExactly(
                MetricPoint.of("r", 4, 720), MetricPoint.of("r", 4, 840), MetricPoint.of("r", 1, 900),
                MetricPoint.of("r", 15, 940), MetricPoint.of("r", 7, 990), MetricPoint.of("r", 8, 1000),
                MetricPoint.of("r", 9, 1003));
        assertThat(store().keys()).containsExactly(MetricKey.of("kept"), MetricKey.of("r"));
        assertThat(store().count()).isEqualTo(8);
        // nothing left to merge: a second run changes nothing
        assertThat(store().rollUp(retention, 1000)).isZero();
        assertThat(store().count()).isEqualTo(8);
        // a save after a roll-up is kept and merged at the next one
        save(MetricPoint.of("r", 30, 945));
        assertThat(store().rollUp(retention, 1000)).isEqualTo(1);
        assertThat(store().range(MetricKey.of("r"), 940, 940).points()).containsExactly(MetricPoint.of("r", 22.5, 940));
    }
}
