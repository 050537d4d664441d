package dev.switchboard.adapter.out.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitterTest {

    @TempDir
    Path dir;

    private JdbcDatabase database;

    @BeforeEach
    void setUp() throws SQLException {
        database = JdbcDatabase.h2File(dir.resolve("gc"));
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS item (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)");
        }
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private static void insert(Connection c, List<Integer> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO item (id, name) VALUES (?, ?)")) {
            for (int id : ids) {
                ps.setInt(1, id);
                ps.setString(2, id < 0 ? "x".repeat(50) : "n" + id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private int rows() throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM item");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void writesQueuedWhileACommitRunsShareTheNextCommit() throws Exception {
        CountDownLatch firstGroupStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger groups = new AtomicInteger();
        List<Integer> groupSizes = java.util.Collections.synchronizedList(new ArrayList<>());
        try (GroupCommitter<Integer> committer = new GroupCommitter<>("test", database, (c, items) -> {
            groups.incrementAndGet();
            groupSizes.add(items.size());
            firstGroupStarted.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            insert(c, items);
        }, 1000)) {
            CompletableFuture<Void> first = committer.submit(0);
            assertThat(firstGroupStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> rest = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                rest.add(committer.submit(i));
            }
            assertThat(first).isNotDone();
            release.countDown();
            CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(first).isCompleted();
        }
        assertThat(groupSizes).containsExactly(1, 100);
        assertThat(rows()).isEqualTo(101);
    }

    @Test
    void aBadWriteFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<CompletableFuture<Void>> results = new ArrayList<>();
        try (GroupCommitter<Integer> committer = new GroupCommitter<>("test", database, (c, items) -> {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            insert(c, items);
        }, 1000)) {
            results.add(committer.submit(1));
            results.add(committer.submit(-1)); // name too long for the column: fails
            results.add(committer.submit(2));
            gate.countDown();
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                    .handle((v, e) -> null).get(10, TimeUnit.SECONDS);
        }
        assertThat(results.get(0)).isCompleted();
        assertThat(results.get(1)).isCompletedExceptionally();
        assertThat(results.get(2)).isCompleted();
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void closeCommitsWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        GroupCommitter<Integer> committer = new GroupCommitter<>("test", database, GroupCommitterTest::insert, 10);
        for (int i = 0; i < 500; i++) {
            acks.add(committer.submit(i));
        }
        committer.close();

        assertThat(acks).allMatch(CompletableFuture::isDone);
        assertThat(acks).noneMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(rows()).isEqualTo(500);
        assertThat(committer.submit(999)).isCompletedExceptionally();
    }

    @Test
    void theCommittedHookSeesEachCommittedItemInOrderBeforeItsFutureCompletes() throws Exception {
        List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger between = new AtomicInteger();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        GroupCommitter<Integer> committer = new GroupCommitter<>("hooks", database, GroupCommitterTest::insert, 8,
                new GroupCommitter.Hooks<>() {
                    @Override
                    public void committed(List<Integer> items) {
                        seen.addAll(items);
                    }

                    @Override
                    public void afterGroup(Connection connection) {
                        between.incrementAndGet();
                    }
                });
        try {
            for (int id = 1; id <= 40; id++) {
                int expectedBefore = id;
                // id 20 is too long for its column: it alone fails, and the hook never sees it
                CompletableFuture<Void> f = committer.submit(id == 20 ? -20 : id);
                done.add(f.thenRun(() -> assertThat(seen).contains(expectedBefore)));
            }
            for (int i = 0; i < done.size(); i++) {
                if (i == 19) {
                    assertThat(done.get(i)).failsWithin(10, TimeUnit.SECONDS);
                } else {
                    done.get(i).get(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            committer.close();
        }
        List<Integer> expected = new ArrayList<>();
        for (int id = 1; id <= 40; id++) {
            if (id != 20) {
                expected.add(id);
            }
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(between.get()).isPositive();
        assertThat(rows()).isEqualTo(39);
    }
}
