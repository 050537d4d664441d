package dev.switchboard.adapter.out.persistence.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The JDBC database every JDBC store of one process shares: one HikariCP pool, a schema that
 * Flyway has brought to the current version ({@code db/switchboard/V*.sql}, the same scripts for
 * H2 and PostgreSQL), and the {@link SqlDialect} the stores take their few non-standard
 * statements from.
 *
 * <p>Opening it connects once, outside the pool, so a database that cannot be used (an H2 file
 * another server holds, a read-only file, a PostgreSQL that refuses the login) fails the start
 * with one line that says why, before anything else runs. While the node runs, a lost database
 * shows as failed connections: each failed write or read becomes the protocol's error, and the
 * pool reconnects by itself when the database is back.
 */
public final class JdbcDatabase implements AutoCloseable {

    /** Where Flyway finds the schema scripts. */
    public static final String MIGRATIONS = "classpath:db/switchboard";

    /** How long a store waits for a pooled connection before its request fails. */
    public static final long CONNECTION_TIMEOUT_MS = 3_000;

    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final int H2_DATABASE_IS_READ_ONLY = 90097;

    private final String url;
    private final SqlDialect dialect;
    private final HikariDataSource pool;

    private JdbcDatabase(JdbcSettings settings) {
        this.url = settings.url();
        this.dialect = SqlDialect.of(settings.url());
        probe(settings);
        this.pool = new HikariDataSource(poolConfig(settings));
        try {
            migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Opens (and migrates) the database these settings name. */
    public static JdbcDatabase open(JdbcSettings settings) {
        return new JdbcDatabase(Objects.requireNonNull(settings, "'settings' must not be null"));
    }

    /**
     * An embedded H2 database in the file {@code <prefix>.mv.db}. {@code WRITE_DELAY=0} makes a
     * commit reach the file before it returns, so an acknowledged write survives a kill -9.
     */
    public static JdbcDatabase h2File(Path prefix) {
        Path file = Path.of(prefix.toAbsolutePath() + ".mv.db");
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new StorageException("the H2 database " + file + " is read-only: a server must write its data", null);
        }
        return open(JdbcSettings.h2File(prefix));
    }

    public String url() {
        return url;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** A pooled connection; closing it gives it back. */
    public Connection connect() throws SQLException {
        return pool.getConnection();
    }

    private static final int MIGRATE_ATTEMPTS = 5;
    private static final long MIGRATE_PAUSE_MILLIS = 200;

    /**
     * Brings the schema up to date. Nodes started together on a new shared database race here:
     * one creates Flyway's history table, and another that finds it still empty refuses to
     * baseline. The loser tries again a few times, by when the winner has migrated.
     */
    private void migrate() {
        Flyway flyway = Flyway.configure(JdbcDatabase.class.getClassLoader())
                .dataSource(pool)
                .locations(MIGRATIONS)
                // an H2 file made before the schema was versioned: V1 runs over it (IF NOT EXISTS)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return;
            } catch (FlywayException e) {
                if (attempt == MIGRATE_ATTEMPTS) {
                    throw new StorageException("could not bring the schema of " + url + " up to date: "
                            + firstLine(rootMessage(e)), e);
                }
                try {
                    Thread.sleep(MIGRATE_PAUSE_MILLIS * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("interrupted while bringing the schema of " + url + " up to date", e);
                }
            }
        }
    }

    private static void probe(JdbcSettings settings) {
        Properties login = new Properties();
        settings.user().ifPresent(u -> login.setProperty("user", u));
        settings.password().ifPresent(p -> login.setProperty("password", p));
        try (Connection c = DriverManager.getConnection(settings.url(), login)) {
            if (c.isReadOnly()) {
                throw new StorageException("the database " + settings.display() + " is read-only: a server must write its data", null);
            }
        } catch (SQLException e) {
            throw new StorageException(describe(settings, e), e);
        }
    }

    private static String describe(JdbcSettings settings, SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return "the H2 database " + settings.display()
                        + " is in use by another process (one server per H2 file: stop it, or give this one another --db)";
            }
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IS_READ_ONLY) {
                return "the database " + settings.display() + " is read-only: a server must write its data";
            }
        }
        return "cannot open the database " + settings.display() + ": " + firstLine(rootMessage(e));
    }

    private static HikariConfig poolConfig(JdbcSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard-db");
        config.setJdbcUrl(settings.url());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(2_000);
        if (settings.dialect() == SqlDialect.POSTGRESQL) {
            // a database host that vanishes must not hang a node: give up on a silent socket
            config.addDataSourceProperty("connectTimeout", "5");
            config.addDataSourceProperty("socketTimeout", "60");
            config.addDataSourceProperty("tcpKeepAlive", "true");
            config.addDataSourceProperty("ApplicationName", "switchboard");
        }
        return config;
    }

    /** The innermost message of a failure chain, for one-line reports. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = Optional.ofNullable(root.getMessage()).orElse(root.getClass().getSimpleName());
        return message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /** Closes the pool: call after every store has committed what it queued. */
    @Override
    public void close() {
        pool.close();
    }
}
