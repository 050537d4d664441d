package dev.switchboard.bootstrap.config;

import dev.switchboard.bootstrap.UsageException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A {@code --config} file: Java properties, one {@code key=value} per logical line. Read line by
 * line so every entry knows the line it starts on (an unknown key is reported with it); each
 * logical line is handed to {@link Properties} so escapes, {@code :} and continuations mean what
 * they mean in any properties file.
 */
public final class ConfigFile {

    /** One {@code key=value} of the file; {@code line} is 1-based, the line the entry starts on. */
    public record Entry(String key, String value, int line) {
    }

    private final Path path;
    private final List<Entry> entries;

    private ConfigFile(Path path, List<Entry> entries) {
        this.path = path;
        this.entries = List.copyOf(entries);
    }

    public Path path() {
        return path;
    }

    /** Entries in file order; a key given twice appears twice (the later one wins, as in {@link Properties}). */
    public List<Entry> entries() {
        return entries;
    }

    public static ConfigFile read(Path path) throws UsageException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("--config: cannot read " + path + ": " + reason(e));
        }
        return parse(path, text);
    }

    static ConfigFile parse(Path path, String text) throws UsageException {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        int i = 0;
        while (i < lines.length) {
            int start = i;
            StringBuilder logical = new StringBuilder(lines[i]);
            while (continues(lines[i]) && i + 1 < lines.length) {
                i++;
                logical.append('\n').append(lines[i]);
            }
            i++;
            String trimmed = logical.toString().stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(logical.toString()));
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException("--config " + path + " line " + (start + 1) + ": " + reason(e));
            }
            for (String key : one.stringPropertyNames()) {
                entries.add(new Entry(key, one.getProperty(key).strip(), start + 1));
            }
        }
        return new ConfigFile(path, entries);
    }

    /** A line continues onto the next when it ends in an odd number of backslashes. */
    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        String trimmed = line.stripLeading();
        boolean comment = trimmed.startsWith("#") || trimmed.startsWith("!");
        return !comment && backslashes % 2 == 1;
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
