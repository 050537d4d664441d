package dev.switchboard.adapter.out.persistence.jdbc;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a JDBC database: its URL, the login, and the pool's size. The password is never
 * shown ({@link #toString()}, {@link #display()}).
 *
 * @param poolSize the most connections this node holds at once
 */
public record JdbcSettings(String url, Optional<String> user, Optional<String> password, int poolSize) {

    /** Enough for every store's writer, the readers and the lottery's draw watcher of one node. */
    public static final int DEFAULT_POOL_SIZE = 16;

    public JdbcSettings {
        Objects.requireNonNull(url, "'url' must not be null");
        Objects.requireNonNull(user, "'user' must not be null");
        Objects.requireNonNull(password, "'password' must not be null");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive");
        }
    }

    public static JdbcSettings of(String url, String user, String password) {
        return new JdbcSettings(url, Optional.ofNullable(user), Optional.ofNullable(password), DEFAULT_POOL_SIZE);
    }

    /**
     * The embedded H2 file {@code <prefix>.mv.db}, each commit written through before it returns,
     * and no compaction when it closes: H2 spends up to 200 ms on that by default, seconds on a
     * busy machine, which a SIGTERM's stop cannot afford (the file is compacted while it runs).
     */
    public static JdbcSettings h2File(Path prefix) {
        return new JdbcSettings("jdbc:h2:file:" + prefix.toAbsolutePath() + ";WRITE_DELAY=0;MAX_COMPACT_TIME=0",
                Optional.of("sa"), Optional.of(""), DEFAULT_POOL_SIZE);
    }

    public SqlDialect dialect() {
        return SqlDialect.of(url);
    }

    /** The URL without its parameters, for messages (parameters may carry a password). */
    public String display() {
        String shown = url;
        int query = shown.indexOf('?');
        if (query >= 0) {
            shown = shown.substring(0, query);
        }
        int h2Settings = shown.indexOf(';');
        if (h2Settings >= 0) {
            shown = shown.substring(0, h2Settings);
        }
        if (shown.startsWith("jdbc:h2:file:")) {
            return shown.substring("jdbc:h2:file:".length()) + ".mv.db";
        }
        return shown;
    }

    @Override
    public String toString() {
        return "JdbcSettings[" + display() + ", user=" + user.orElse("") + ", poolSize=" + poolSize + "]";
    }
}
