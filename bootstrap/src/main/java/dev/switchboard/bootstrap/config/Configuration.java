package dev.switchboard.bootstrap.config;

import dev.switchboard.bootstrap.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * Every role's settings from four places, for the options the role declares once (its commons-cli
 * {@link Options}): the command line, then {@code SWITCHBOARD_<OPTION>} environment variables, then
 * a {@code --config} properties file (keys are the long option names), then the default its help
 * shows. The result is one {@link CommandLine} as if everything had been typed, so a role reads
 * its options one way whatever their source, and a new option is configurable everywhere the
 * moment it is declared.
 */
public final class Configuration {

    public static final String CONFIG = "config";
    public static final String PRINT_CONFIG = "print-config";
    public static final String ENV_PREFIX = "SWITCHBOARD_";

    /** Options about the command line itself: never read from the environment or a file. */
    private static final Set<String> NOT_CONFIGURABLE = Set.of("help", CONFIG, PRINT_CONFIG);
    private static final Pattern DEFAULT_IN_HELP = Pattern.compile("\\[([^\\]]*)\\]\\s*$");
    private static final String MASK = "********";

    /** Where one effective setting came from. */
    public enum Source {
        COMMAND_LINE, ENVIRONMENT, FILE, DEFAULT, UNSET
    }

    /** One option's effective value; {@code origin} says where it came from in words. */
    public record Setting(String name, String value, Source source, String origin, boolean secret) {

        /** The value as shown to a person: secrets masked. */
        public String shown() {
            return secret && value != null ? MASK : value;
        }
    }

    private final CommandLine line;
    private final List<Setting> settings;
    private final Optional<Path> file;

    private Configuration(CommandLine line, List<Setting> settings, Optional<Path> file) {
        this.line = line;
        this.settings = List.copyOf(settings);
        this.file = file;
    }

    /**
     * Resolves a role's settings.
     *
     * @param commandLine what the user typed, already parsed against {@code options}
     * @param args        the same arguments, unparsed (re-parsed with the other sources' values in front)
     * @throws UsageException an unreadable file, an unknown key (named with its line), a bad flag value
     */
    public static Configuration resolve(Options options, CommandLine commandLine, String[] args, boolean stopAtVerb,
                                        Map<String, String> env) throws UsageException {
        Optional<Path> configPath = configPath(commandLine, env);
        Map<String, ConfigFile.Entry> fromFile = new LinkedHashMap<>();
        if (configPath.isPresent()) {
            ConfigFile file = ConfigFile.read(configPath.get());
            for (ConfigFile.Entry entry : file.entries()) {
                if (!configurable(options, entry.key())) {
                    throw new UsageException("--config " + file.path() + " line " + entry.line()
                            + ": unknown key '" + entry.key() + "'");
                }
                fromFile.put(entry.key(), entry);
            }
        }
        List<String> added = new ArrayList<>();
        List<Setting> settings = new ArrayList<>();
        for (Option option : options.getOptions()) {
            String name = option.getLongOpt();
            if (name == null || NOT_CONFIGURABLE.contains(name)) {
                continue;
            }
            boolean secret = isSecret(name);
            if (commandLine.hasOption(name)) {
                String value = option.hasArg() ? commandLine.getOptionValue(name) : "true";
                settings.add(new Setting(name, value, Source.COMMAND_LINE, "command line", secret));
                continue;
            }
            String envName = envName(name);
            String envValue = env.get(envName);
            ConfigFile.Entry entry = fromFile.get(name);
            if (envValue != null && !envValue.isEmpty()) {
                settings.add(given(option, envValue, Source.ENVIRONMENT, "environment " + envName, added));
            } else if (entry != null) {
                settings.add(given(option, entry.value(), Source.FILE,
                        "file " + configPath.get() + " line " + entry.line(), added));
            } else {
                String fallback = defaultInHelp(option).orElse(option.hasArg() ? null : "false");
                settings.add(new Setting(name, fallback, fallback == null ? Source.UNSET : Source.DEFAULT,
                        fallback == null ? "not set" : "default", secret));
            }
        }
        if (added.isEmpty()) {
            return new Configuration(commandLine, settings, configPath);
        }
        // the other sources' values go in front: the user's positional arguments (a verb) stay last
        List<String> all = new ArrayList<>(added);
        all.addAll(List.of(args));
        try {
            CommandLine merged = DefaultParser.builder().get().parse(options, all.toArray(String[]::new), stopAtVerb);
            return new Configuration(merged, settings, configPath);
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Setting given(Option option, String value, Source source, String origin, List<String> added)
            throws UsageException {
        String name = option.getLongOpt();
        if (option.hasArg()) {
            added.add("--" + name + "=" + value);
            return new Setting(name, value, source, origin, isSecret(name));
        }
        boolean on = switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new UsageException("--" + name + " (" + origin + ") takes true or false, not '" + value + "'");
        };
        if (on) {
            added.add("--" + name);
        }
        return new Setting(name, Boolean.toString(on), source, origin, false);
    }

    private static Optional<Path> configPath(CommandLine commandLine, Map<String, String> env) throws UsageException {
        String value = commandLine.getOptionValue(CONFIG);
        if (value == null) {
            value = env.get(envName(CONFIG));
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(value.trim()));
        } catch (RuntimeException e) {
            throw new UsageException("--config: not a path: '" + value + "'");
        }
    }

    private static boolean configurable(Options options, String key) {
        return !NOT_CONFIGURABLE.contains(key) && options.hasLongOption(key);
    }

    /** {@code metrics-port} → {@code SWITCHBOARD_METRICS_PORT}. */
    public static String envName(String longOption) {
        return ENV_PREFIX + longOption.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Tokens and passwords are masked wherever settings are shown. */
    public static boolean isSecret(String longOption) {
        return longOption.endsWith("token") || longOption.endsWith("password") || longOption.endsWith("secret");
    }

    /** The default an option's help shows, by the convention every option follows: {@code ... [default]}. */
    static Optional<String> defaultInHelp(Option option) {
        String description = option.getDescription();
        if (description == null) {
            return Optional.empty();
        }
        Matcher m = DEFAULT_IN_HELP.matcher(description);
        if (!m.find()) {
            return Optional.empty();
        }
        String shown = m.group(1);
        int semicolon = shown.indexOf(';');
        return Optional.of((semicolon >= 0 ? shown.substring(0, semicolon) : shown).trim());
    }

    /** Every option, as if it had all been typed on the command line. */
    public CommandLine line() {
        return line;
    }

    public List<Setting> settings() {
        return settings;
    }

    public Optional<Setting> setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Says where an option named in a usage message came from, when that was not the command line
     * (a bad value in a file is then found by its line).
     */
    public String explain(String message) {
        for (Setting s : settings) {
            if (s.source() == Source.ENVIRONMENT || s.source() == Source.FILE) {
                if (Pattern.compile("--" + Pattern.quote(s.name()) + "(?![\\w-])").matcher(message).find()) {
                    return message + " (from " + s.origin() + ")";
                }
            }
        }
        return message;
    }

    /** {@code --print-config}: one line per setting, its value (secrets masked) and its source. */
    public void print(String role, PrintStream out) {
        out.println("# switchboard " + role + ": effective settings (command line > environment > file > default)");
        out.println("# config file: " + file.map(Path::toString).orElse("none"));
        int width = settings.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        int valueWidth = settings.stream().mapToInt(s -> s.shown() == null ? 0 : s.shown().length()).max().orElse(0);
        for (Setting s : settings) {
            String value = s.shown() == null ? "" : s.shown();
            out.printf("%-" + width + "s  %-" + Math.max(1, valueWidth) + "s  (%s)%n", s.name(), value, s.origin());
        }
        out.flush();
    }
}
