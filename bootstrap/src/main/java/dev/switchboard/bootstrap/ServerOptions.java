package dev.switchboard.bootstrap;

import dev.switchboard.bootstrap.storage.StorageKind;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * The options every server role shares: storage switch and admin server.
 *
 * @param adminPort 0 turns the admin server off; {@link #ADMIN_ON_FREE_PORT} binds a free port (tests)
 */
public record ServerOptions(StorageKind storage, Path db, int adminPort, String adminAddr, Optional<String> adminToken) {

    /** Not reachable from the command line: an admin server on a port the system picks. */
    public static final int ADMIN_ON_FREE_PORT = -1;

    public static final String DEFAULT_DB = "./data/switchboard";

    /** In-memory storage, admin server on the given port (or off with 0), no token. */
    public static ServerOptions memory(int adminPort) {
        return new ServerOptions(StorageKind.MEMORY, Path.of(DEFAULT_DB), adminPort, "127.0.0.1", Optional.empty());
    }

    public static Options addTo(Options options, int defaultAdminPort) {
        return options
                .addOption(Cli.opt("storage", "KIND", "memory or h2 [memory]"))
                .addOption(Cli.opt("db", "PATH", "H2 database file prefix [" + DEFAULT_DB + "]"))
                .addOption(Cli.opt("admin-port", "N", "admin HTTP port, 0 = off [" + defaultAdminPort + "]"))
                .addOption(Cli.opt("admin-addr", "ADDR", "admin bind address [127.0.0.1]"))
                .addOption(Cli.opt("admin-token-file", "PATH",
                        "read the admin token from PATH (or set SWITCHBOARD_ADMIN_TOKEN); with a token, /api and"
                                + " /metrics need 'Authorization: Bearer T'"))
                .addOption(Cli.opt("admin-token", "T",
                        "the admin token itself; visible to anyone who runs ps, so prefer --admin-token-file"));
    }

    public static ServerOptions from(CommandLine line, int defaultAdminPort) throws UsageException {
        StorageKind storage = StorageKind.parse(Cli.string(line, "storage", "memory"));
        Path db = Cli.path(line, "db", DEFAULT_DB);
        int adminPort = Cli.port(line, "admin-port", defaultAdminPort);
        String adminAddr = Cli.host(line, "admin-addr", "127.0.0.1");
        return new ServerOptions(storage, db, adminPort, adminAddr, adminToken(line));
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
}
