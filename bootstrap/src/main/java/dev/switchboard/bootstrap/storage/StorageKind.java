package dev.switchboard.bootstrap.storage;

import dev.switchboard.bootstrap.UsageException;
import java.util.Locale;

/** {@code --storage memory|h2}. */
public enum StorageKind {
    MEMORY, H2;

    public static StorageKind parse(String text) throws UsageException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "memory" -> MEMORY;
            case "h2" -> H2;
            default -> throw new UsageException("--storage takes memory or h2, not '" + text + "'");
        };
    }
}
