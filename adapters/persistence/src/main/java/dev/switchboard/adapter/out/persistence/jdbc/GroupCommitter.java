package dev.switchboard.adapter.out.persistence.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes submitted from any thread are queued, and one writer thread stores
 * whatever has queued up in one transaction, then completes every write's future. Under load
 * many writes share a commit, so durability costs one fsync per group, not per write.
 *
 * <p>If a group fails, each of its writes is retried alone in its own transaction, so one bad
 * write fails only its own future. A future completes only after its commit returned.
 *
 * @param <T> one write, as the store's {@link BatchWriter} understands it
 */
public final class GroupCommitter<T> implements AutoCloseable {

    /** Writes a group of items with the given connection; the caller commits. */
    @FunctionalInterface
    public interface BatchWriter<T> {
        void write(Connection connection, List<T> items) throws SQLException;
    }

    /**
     * What a store does on the writer thread besides writing: {@link #committed} runs after a
     * commit and before its writes are answered (in submission order), {@link #afterGroup} after
     * a group is answered, with nothing of the queue in progress.
     */
    public interface Hooks<T> {
        /** The items just committed, in order; their futures complete after this returns. */
        default void committed(List<T> items) {
        }

        /**
         * Work between groups, with the writer's connection (auto-commit off): whatever it writes
         * it commits itself. A failure is logged and rolled back; the writer goes on.
         */
        default void afterGroup(Connection connection) throws SQLException {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    private record Pending<T>(T item, CompletableFuture<Void> done) {
    }

    private final JdbcDatabase database;
    private final BatchWriter<T> writer;
    private final int maxGroup;
    private final Hooks<T> hooks;
    private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Object gate = new Object();
    private volatile boolean closing;

    public GroupCommitter(String name, JdbcDatabase database, BatchWriter<T> writer, int maxGroup) {
        this(name, database, writer, maxGroup, new Hooks<>() {
        });
    }

    public GroupCommitter(String name, JdbcDatabase database, BatchWriter<T> writer, int maxGroup, Hooks<T> hooks) {
        this.hooks = Objects.requireNonNull(hooks, "'hooks' must not be null");
        this.database = Objects.requireNonNull(database, "'database' must not be null");
        this.writer = Objects.requireNonNull(writer, "'writer' must not be null");
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup must be positive");
        }
        this.maxGroup = maxGroup;
        this.thread = new Thread(this::run, "group-commit-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a write; the future completes once it is committed, or fails. */
    public CompletableFuture<Void> submit(T item) {
        Objects.requireNonNull(item, "'item' must not be null");
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (gate) {
            if (closing) {
                done.completeExceptionally(new IllegalStateException("store is closed"));
            } else {
                queue.add(new Pending<>(item, done));
            }
        }
        return done;
    }

    private void run() {
        Connection connection = null;
        List<Pending<T>> group = new ArrayList<>(maxGroup);
        while (!(closing && queue.isEmpty())) {
            try {
                Pending<T> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                if (connection == null || connection.isClosed()) {
                    connection = database.connect();
                    connection.setAutoCommit(false);
                }
                commitGroup(connection, group);
                group.clear();
                afterGroup(connection);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (SQLException e) {
                log.error("storage connection failed: {}", e.getMessage());
                fail(group, e);
                connection = closeQuietly(connection);
            } finally {
                group.clear();
            }
        }
        // Anything left after an interrupt is refused, never silently dropped.
        List<Pending<T>> rest = new ArrayList<>();
        queue.drainTo(rest);
        fail(rest, new IllegalStateException("store is closed"));
        closeQuietly(connection);
    }

    private void commitGroup(Connection connection, List<Pending<T>> group) throws SQLException {
        try {
            List<T> items = items(group);
            writer.write(connection, items);
            connection.commit();
            committed(items, group);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(e);
                return;
            }
            for (Pending<T> one : group) {
                try {
                    writer.write(connection, List.of(one.item()));
                    connection.commit();
                    committed(List.of(one.item()), List.of(one));
                } catch (SQLException | RuntimeException single) {
                    rollbackQuietly(connection);
                    one.done().completeExceptionally(single);
                }
            }
        }
    }

    private void committed(List<T> items, List<Pending<T>> group) {
        try {
            hooks.committed(items);
        } catch (RuntimeException e) {
            // stored, but the store could not take it in: say so rather than answer success
            log.error("after a commit: {}", e.toString());
            fail(group, e);
            return;
        }
        group.forEach(p -> p.done().complete(null));
    }

    private void afterGroup(Connection connection) {
        try {
            hooks.afterGroup(connection);
        } catch (SQLException | RuntimeException e) {
            log.error("between commits: {}", JdbcDatabase.rootMessage(e));
            rollbackQuietly(connection);
        }
    }

    private List<T> items(List<Pending<T>> group) {
        List<T> items = new ArrayList<>(group.size());
        for (Pending<T> p : group) {
            items.add(p.item());
        }
        return items;
    }

    private static <T> void fail(List<Pending<T>> group, Throwable e) {
        for (Pending<T> p : group) {
            p.done().completeExceptionally(e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is unusable; the next group reconnects
        }
    }

    private static Connection closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
        return null;
    }

    /** Stops taking writes, commits everything already queued, then stops the writer thread. */
    @Override
    public void close() {
        synchronized (gate) {
            closing = true;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
