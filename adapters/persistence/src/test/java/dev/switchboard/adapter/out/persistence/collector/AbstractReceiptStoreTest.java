package dev.switchboard.adapter.out.persistence.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.port.out.collector.ReceiptStore;
import dev.switchboard.domain.collector.BatchId;
import dev.switchboard.domain.collector.Receipt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract every {@link ReceiptStore} keeps; one subclass per adapter. */
public abstract class AbstractReceiptStoreTest {

    protected abstract ReceiptStore store();

    protected static Receipt receipt(String id, long bytes, String at) {
        return new Receipt(BatchId.of(id), bytes, Instant.parse(at));
    }

    protected static boolean add(ReceiptStore store, Receipt receipt) throws Exception {
        return store.add(receipt).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void add_newId_isStoredAndListed() throws Exception {
        ReceiptStore store = store();

        assertThat(add(store, receipt("26593136.dat", 4096, "2026-11-22T10:15:00Z"))).isTrue();

        assertThat(store.findAll()).containsExactly(receipt("26593136.dat", 4096, "2026-11-22T10:15:00Z"));
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void add_idSeenBefore_isNotStoredTwice_andTheFirstReceiptStays() throws Exception {
        ReceiptStore store = store();
        add(store, receipt("1.dat", 10, "2026-11-22T10:15:00Z"));

        assertThat(add(store, receipt("1.dat", 99, "2026-11-22T10:16:00Z"))).isFalse();

        assertThat(store.findAll()).containsExactly(receipt("1.dat", 10, "2026-11-22T10:15:00Z"));
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.duplicates()).isEqualTo(1);
    }

    @Test
    void addIfAbsent_storesANewId_andCountsNoDuplicateForAnIdSeenBefore() throws Exception {
        ReceiptStore store = store();

        assertThat(store.addIfAbsent(receipt("anon-1", 0, "2026-11-22T10:15:00Z")).toCompletableFuture()
                .get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.addIfAbsent(receipt("anon-1", 5, "2026-11-22T10:16:00Z")).toCompletableFuture()
                .get(10, TimeUnit.SECONDS)).isFalse();

        assertThat(store.findAll()).containsExactly(receipt("anon-1", 0, "2026-11-22T10:15:00Z"));
        assertThat(store.duplicates()).isZero();
    }

    @Test
    void findAll_listsInTheOrderStored() throws Exception {
        ReceiptStore store = store();
        add(store, receipt("b.dat", 1, "2026-11-22T10:15:00Z"));
        add(store, receipt("a.dat", 2, "2026-11-22T10:15:00.001Z"));
        add(store, receipt("c.dat", 3, "2026-11-22T10:14:00Z"));

        assertThat(store.findAll()).extracting(r -> r.batchId().value()).containsExactly("b.dat", "a.dat", "c.dat");
    }

    @Test
    void add_concurrentlyWithRepeatedIds_storesEachIdOnce() throws Exception {
        ReceiptStore store = store();
        List<CompletableFuture<Boolean>> adds = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 50; i++) {
                adds.add(store.add(receipt(i + ".dat", i, "2026-11-22T10:15:00Z")).toCompletableFuture());
            }
        }
        long stored = 0;
        for (CompletableFuture<Boolean> add : adds) {
            if (add.get(10, TimeUnit.SECONDS)) {
                stored++;
            }
        }

        assertThat(stored).isEqualTo(50);
        assertThat(store.count()).isEqualTo(50);
        assertThat(store.duplicates()).isEqualTo(100);
        assertThat(store.findAll()).extracting(Receipt::batchId).doesNotHaveDuplicates().hasSize(50);
    }
}
