package dev.switchboard.adapter.out.persistence.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * How a JDBC store reads: each read borrows a connection from the database's pool and gives it
 * back, so reads run side by side and a connection broken by a lost database is dropped by the
 * pool, not kept. Writes go through the store's {@link GroupCommitter} instead.
 */
public final class ReadConnection implements AutoCloseable {

    /** A read with a borrowed connection. */
    @FunctionalInterface
    public interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private final JdbcDatabase database;
    private final String what;

    /** @param what what the store reads, for error messages ("metrics", "bets") */
    public ReadConnection(JdbcDatabase database, String what) {
        this.database = Objects.requireNonNull(database, "'database' must not be null");
        this.what = Objects.requireNonNull(what, "'what' must not be null");
    }

    /** Runs a read; an SQL failure becomes a {@link StorageException}. */
    public <T> T read(Query<T> query) {
        try (Connection connection = database.connect()) {
            return query.run(connection);
        } catch (SQLException e) {
            throw new StorageException("could not read " + what + ": " + JdbcDatabase.rootMessage(e), e);
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

    /** Nothing is held between reads; kept so stores close what they opened. */
    @Override
    public void close() {
        // connections go back to the pool after every read
    }
}
