package dev.switchboard.adapter.out.persistence.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The connection a JDBC store reads through: opened on first use, opened again after a failure,
 * one query at a time. Writes go through the store's {@link GroupCommitter} instead.
 */
public final class ReadConnection implements AutoCloseable {

    /** A read with the connection; the connection stays open afterwards. */
    @FunctionalInterface
    public interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private final JdbcDatabase database;
    private final String what;
    private Connection connection;

    /** @param what what the store reads, for error messages ("metrics", "bets") */
    public ReadConnection(JdbcDatabase database, String what) {
        this.database = Objects.requireNonNull(database, "'database' must not be null");
        this.what = Objects.requireNonNull(what, "'what' must not be null");
    }

    /** Runs a read; an SQL failure drops the connection and becomes a {@link StorageException}. */
    public synchronized <T> T read(Query<T> query) {
        try {
            if (connection == null || connection.isClosed()) {
                connection = database.connect();
            }
            return query.run(connection);
        } catch (SQLException e) {
            closeQuietly();
            throw new StorageException("could not read " + what + ": " + e.getMessage(), e);
        }
    }

    /** The single number a query such as {@code SELECT COUNT(*) ...} returns. */
    public long number(String sql) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
            connection = null;
        }
    }
}
