package dev.switchboard.adapter.out.persistence.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.collector.JdbcReceiptStore;
import dev.switchboard.application.port.out.collector.ReceiptStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real H2 file, plus what only a durable store promises. */
class JdbcReceiptStoreTest extends AbstractReceiptStoreTest {

    @TempDir
    Path dir;

    private final List<JdbcReceiptStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(JdbcReceiptStore::close);
    }

    private JdbcReceiptStore open() {
        JdbcReceiptStore store = new JdbcReceiptStore(JdbcDatabase.h2File(dir.resolve("receipts")));
        opened.add(store);
        return store;
    }

    @Override
    protected ReceiptStore store() {
        return open();
    }

    @Test
    void givenAcknowledgedReceipts_whenTheStoreIsReopened_thenTheyAreAllThere_andStillDeduplicate() throws Exception {
        JdbcReceiptStore first = open();
        add(first, receipt("1.dat", 10, "2026-11-22T10:15:00Z"));
        add(first, receipt("2.dat", 20, "2026-11-22T10:15:01.250Z"));
        add(first, receipt("2.dat", 20, "2026-11-22T10:15:02Z"));
        first.close();
        opened.remove(first);

        JdbcReceiptStore again = open();

        assertThat(again.findAll()).containsExactly(receipt("1.dat", 10, "2026-11-22T10:15:00Z"),
                receipt("2.dat", 20, "2026-11-22T10:15:01.250Z"));
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(add(again, receipt("1.dat", 10, "2026-11-22T11:00:00Z"))).isFalse();
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(add(again, receipt("3.dat", 30, "2026-11-22T11:00:00Z"))).isTrue();
        assertThat(again.findAll()).extracting(r -> r.batchId().value()).containsExactly("1.dat", "2.dat", "3.dat");
    }
}
