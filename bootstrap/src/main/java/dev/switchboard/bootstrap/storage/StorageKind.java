package dev.switchboard.bootstrap.storage;

import dev.switchboard.bootstrap.UsageException;
import java.util.Locale;

/** {@code --storage memory|h2|jdbc}: jdbc is a database reached by {@code --jdbc-url}, which several nodes may share. */
public enum StorageKind {
    MEMORY, H2, JDBC;

    public static StorageKind parse(String text) throws UsageException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "memory" -> MEMORY;
            case "h2" -> H2;
            case "jdbc" -> JDBC;
            default -> throw new UsageException("--storage takes memory, h2 or jdbc, not '" + text + "'");
        };
    }
}
