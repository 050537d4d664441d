package dev.switchboard.adapter.out.persistence.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The JDBC database every JDBC store of one process shares: a URL, and connections made
 * from it. Stores create their own tables on first start ({@link #execute}) with plain SQL,
 * so another JDBC database can be plugged in by URL.
 */
public final class JdbcDatabase {

    private final String url;

    public JdbcDatabase(String url) {
        this.url = Objects.requireNonNull(url, "'url' must not be null");
    }

    /**
     * An embedded H2 database in the file {@code <prefix>.mv.db}. {@code WRITE_DELAY=0} makes a
     * commit reach the file before it returns, so an acknowledged write survives a kill -9.
     */
    public static JdbcDatabase h2File(Path prefix) {
        return new JdbcDatabase("jdbc:h2:file:" + prefix.toAbsolutePath() + ";WRITE_DELAY=0");
    }

    public String url() {
        return url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    /** Runs DDL statements (each one idempotent) in one connection. */
    public void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new StorageException("could not prepare the database at " + url + ": " + e.getMessage(), e);
        }
    }
}
