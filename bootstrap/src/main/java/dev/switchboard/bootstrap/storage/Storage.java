package dev.switchboard.bootstrap.storage;

import dev.switchboard.adapter.out.persistence.inmemory.collector.InMemoryReceiptStore;
import dev.switchboard.adapter.out.persistence.inmemory.metrics.InMemoryMetricStore;
import dev.switchboard.adapter.out.persistence.inmemory.tokens.InMemoryTokenRepository;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcSettings;
import dev.switchboard.adapter.out.persistence.jdbc.collector.JdbcReceiptStore;
import dev.switchboard.adapter.out.persistence.jdbc.metrics.EmbeddedMetricStore;
import dev.switchboard.adapter.out.persistence.jdbc.metrics.JdbcMetricStore;
import dev.switchboard.application.port.out.collector.ReceiptStore;
import dev.switchboard.adapter.out.persistence.inmemory.lottery.InMemoryBetStore;
import dev.switchboard.adapter.out.persistence.jdbc.lottery.JdbcBetStore;
import dev.switchboard.application.port.out.lottery.BetStore;
import dev.switchboard.adapter.out.persistence.jdbc.tokens.JdbcTokenRepository;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.application.port.out.tokens.TokenRepository;
import dev.switchboard.domain.lottery.WinningNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The storage switch: hands out each service's store, in memory, in one H2 database file per
 * process, or in a JDBC database several nodes share (PostgreSQL). Closing it commits what is
 * queued and releases the database.
 */
public final class Storage implements AutoCloseable {

    private final StorageKind kind;
    private final JdbcDatabase database;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    private Storage(StorageKind kind, JdbcDatabase database) {
        this.kind = kind;
        this.database = database;
    }

    public static Storage memory() {
        return new Storage(StorageKind.MEMORY, null);
    }

    /** An H2 database in {@code <prefix>.mv.db}; its folder is created if missing. */
    public static Storage h2(Path prefix) {
        Path parent = prefix.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + parent, e);
        }
        return new Storage(StorageKind.H2, JdbcDatabase.h2File(prefix));
    }

    /** A database reached by URL (PostgreSQL, shared by several nodes; or H2 by URL). */
    public static Storage jdbc(JdbcSettings settings) {
        return new Storage(StorageKind.JDBC, JdbcDatabase.open(settings));
    }

    /** @param jdbc the database for {@link StorageKind#JDBC}; ignored otherwise */
    public static Storage open(StorageKind kind, Path prefix, JdbcSettings jdbc) {
        return switch (kind) {
            case MEMORY -> memory();
            case H2 -> h2(prefix);
            case JDBC -> jdbc(jdbc);
        };
    }

    public static Storage open(StorageKind kind, Path prefix) {
        return open(kind, prefix, null);
    }

    /** Whether other nodes may share this storage (so nothing may be decided in this process alone). */
    public boolean shared() {
        return kind == StorageKind.JDBC;
    }

    public StorageKind kind() {
        return kind;
    }

    public synchronized MetricStore metricStore() {
        if (kind == StorageKind.MEMORY) {
            return new InMemoryMetricStore();
        }
        if (kind == StorageKind.H2) {
            // one process holds the file: reads from memory, writes as a log (docs/decisions.md)
            return remember(new EmbeddedMetricStore(database));
        }
        return remember(new JdbcMetricStore(database));
    }

    /** The collector sink's receipts. */
    public synchronized ReceiptStore receiptStore() {
        if (kind == StorageKind.MEMORY) {
            return new InMemoryReceiptStore();
        }
        return remember(new JdbcReceiptStore(database));
    }

    /** The lottery's bets, agencies and draw. */
    public synchronized BetStore betStore() {
        return betStore(WinningNumber.DEFAULT);
    }

    /** The lottery's store, keeping the bets of the number this node draws ready for the draw. */
    public synchronized BetStore betStore(WinningNumber drawn) {
        if (kind == StorageKind.MEMORY) {
            return new InMemoryBetStore();
        }
        return remember(new JdbcBetStore(database, drawn));
    }

    /** The tokens registry: clients and handler tables. */
    public synchronized TokenRepository tokenRepository() {
        if (kind == StorageKind.MEMORY) {
            return new InMemoryTokenRepository();
        }
        return remember(new JdbcTokenRepository(database));
    }

    private <T extends AutoCloseable> T remember(T store) {
        opened.push(store);
        return store;
    }

    @Override
    public synchronized void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // keep closing the others; each store logs its own failure
            }
        }
        if (database != null) {
            database.close();
        }
    }
}
