package dev.switchboard.bootstrap;

import dev.switchboard.adapter.out.persistence.jdbc.JdbcSettings;
import dev.switchboard.bootstrap.storage.StorageKind;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * The options every server role shares: storage switch and admin server.
 *
 * @param adminPort 0 turns the admin server off; {@link #ADMIN_ON_FREE_PORT} binds a free port (tests)
 * @param jdbc      the database of {@code --storage jdbc} (empty for the other kinds)
 */
public record ServerOptions(StorageKind storage, Path db, int adminPort, String adminAddr, Optional<String> adminToken,
                            Optional<JdbcSettings> jdbc) {

    /** Not reachable from the command line: an admin server on a port the system picks. */
    public static final int ADMIN_ON_FREE_PORT = -1;

    public static final String DEFAULT_DB = "./data/switchboard";

    /** The environment variable {@code --storage jdbc} takes the database password from. */
    public static final String PASSWORD_VARIABLE = "SWITCHBOARD_JDBC_PASSWORD";

    public ServerOptions {
        Objects.requireNonNull(jdbc, "'jdbc' must not be null");
        if (storage == StorageKind.JDBC && jdbc.isEmpty()) {
            throw new IllegalArgumentException("jdbc storage needs its JDBC settings");
        }
    }

    /** Memory or H2 storage. */
    public ServerOptions(StorageKind storage, Path db, int adminPort, String adminAddr, Optional<String> adminToken) {
        this(storage, db, adminPort, adminAddr, adminToken, Optional.empty());
    }

    /** A shared JDBC database (several nodes on one PostgreSQL). */
    public static ServerOptions jdbc(JdbcSettings settings, int adminPort) {
        return new ServerOptions(StorageKind.JDBC, Path.of(DEFAULT_DB), adminPort, "127.0.0.1", Optional.empty(),
                Optional.of(settings));
    }

    /** In-memory storage, admin server on the given port (or off with 0), no token. */
    public static ServerOptions memory(int adminPort) {
        return new ServerOptions(StorageKind.MEMORY, Path.of(DEFAULT_DB), adminPort, "127.0.0.1", Optional.empty());
    }

    public static Options addTo(Options options, int defaultAdminPort) {
        return addStorageTo(options)
                .addOption(Cli.opt("admin-port", "N", "admin HTTP port, 0 = off [" + defaultAdminPort + "]"))
                .addOption(Cli.opt("admin-addr", "ADDR", "admin bind address [127.0.0.1]"))
                .addOption(Cli.opt("admin-token-file", "PATH",
                        "read the admin token from PATH (or set SWITCHBOARD_ADMIN_TOKEN); with a token, /api and"
                                + " /metrics need 'Authorization: Bearer T'"))
                .addOption(Cli.opt("admin-token", "T",
                        "the admin token itself; visible to anyone who runs ps, so prefer --admin-token-file"));
    }

    /** {@code --storage} and what each kind takes: {@code --db} for h2, {@code --jdbc-*} for jdbc. */
    public static Options addStorageTo(Options options) {
        return options
                .addOption(Cli.opt("storage", "KIND", "memory, h2 or jdbc (a database nodes share) [memory]"))
                .addOption(Cli.opt("db", "PATH", "H2 database file prefix [" + DEFAULT_DB + "]"))
                .addOption(Cli.opt("jdbc-url", "URL", "with --storage jdbc: jdbc:postgresql://HOST:PORT/DB"))
                .addOption(Cli.opt("jdbc-user", "USER", "with --storage jdbc: the database user"))
                .addOption(Cli.opt("jdbc-password-file", "PATH",
                        "with --storage jdbc: read the password from PATH (or set " + PASSWORD_VARIABLE + ")"))
                .addOption(Cli.opt("jdbc-pool", "N",
                        "with --storage jdbc: most connections this node holds [" + JdbcSettings.DEFAULT_POOL_SIZE + "]"));
    }

    public static ServerOptions from(CommandLine line, int defaultAdminPort) throws UsageException {
        return from(line, defaultAdminPort, System.getenv());
    }

    public static ServerOptions from(CommandLine line, int defaultAdminPort, Map<String, String> environment)
            throws UsageException {
        StorageKind storage = StorageKind.parse(Cli.string(line, "storage", "memory"));
        Path db = Cli.path(line, "db", DEFAULT_DB);
        Optional<JdbcSettings> jdbc = jdbcFrom(line, storage, environment);
        int adminPort = Cli.port(line, "admin-port", defaultAdminPort);
        String adminAddr = Cli.host(line, "admin-addr", "127.0.0.1");
        return new ServerOptions(storage, db, adminPort, adminAddr, adminToken(line), jdbc);
    }

    /** The token from {@code --admin-token} (or its environment variable or file key), or read from {@code --admin-token-file}. */
    private static Optional<String> adminToken(CommandLine line) throws UsageException {
        String given = line.getOptionValue("admin-token");
        String file = line.getOptionValue("admin-token-file");
        if (given != null && file != null) {
            throw new UsageException("--admin-token and --admin-token-file both given; give one");
        }
        if (file != null) {
            return Optional.of(Cli.secretFile(line, "admin-token-file"));
        }
        if (given != null && given.isBlank()) {
            throw new UsageException("--admin-token must not be empty");
        }
        return Optional.ofNullable(given);
    }

    /**
     * The {@code --jdbc-*} options of {@code --storage jdbc}. The password is never an option (it
     * would show in {@code ps}): it comes from {@code --jdbc-password-file} or the environment.
     */
    public static Optional<JdbcSettings> jdbcFrom(CommandLine line, StorageKind storage, Map<String, String> environment)
            throws UsageException {
        if (storage != StorageKind.JDBC) {
            for (String option : new String[] {"jdbc-url", "jdbc-user", "jdbc-password-file", "jdbc-pool"}) {
                if (line.hasOption(option)) {
                    throw new UsageException("--" + option + " needs --storage jdbc");
                }
            }
            return Optional.empty();
        }
        if (line.hasOption("db")) {
            throw new UsageException("--db names an H2 file; with --storage jdbc give --jdbc-url");
        }
        String url = line.getOptionValue("jdbc-url");
        if (url == null || url.isBlank()) {
            throw new UsageException("--storage jdbc needs --jdbc-url (jdbc:postgresql://HOST:PORT/DB)");
        }
        try {
            JdbcSettings.of(url, null, null).dialect();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--jdbc-url: " + e.getMessage());
        }
        Optional<String> user = Optional.ofNullable(line.getOptionValue("jdbc-user"));
        Optional<String> password;
        if (line.hasOption("jdbc-password-file")) {
            password = Optional.of(Cli.secretFile(line, "jdbc-password-file"));
        } else {
            password = Optional.ofNullable(environment.get(PASSWORD_VARIABLE));
        }
        int pool = Cli.integer(line, "jdbc-pool", JdbcSettings.DEFAULT_POOL_SIZE, 2, 1000);
        return Optional.of(new JdbcSettings(url.strip(), user, password, pool));
    }
}
