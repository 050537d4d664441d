package dev.switchboard.bootstrap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** Typed reads of option values, each failing with a {@link UsageException} that names the option. */
public final class Cli {

    private Cli() {
    }

    public static Option opt(String shortName, String longName, String argName, String description) {
        return Option.builder(shortName).longOpt(longName).hasArg().argName(argName).desc(description).get();
    }

    public static Option opt(String longName, String argName, String description) {
        return Option.builder().longOpt(longName).hasArg().argName(argName).desc(description).get();
    }

    public static Option flag(String longName, String description) {
        return Option.builder().longOpt(longName).desc(description).get();
    }

    /** Refuses a command line without {@code --name}; {@code why}, when not empty, says what it is for. */
    public static void require(CommandLine line, String name, String why) throws UsageException {
        if (!line.hasOption(name)) {
            throw new UsageException("--" + name + " is required" + (why.isEmpty() ? "" : ": " + why));
        }
    }

    /** The one word after the role's name (the service to load, say); anything else is refused with {@code refusal}. */
    public static String oneWord(CommandLine line, String refusal) throws UsageException {
        if (line.getArgList().size() != 1) {
            throw new UsageException(refusal);
        }
        return line.getArgList().get(0);
    }

    public static String string(CommandLine line, String name, String fallback) {
        String value = line.getOptionValue(name);
        return value == null ? fallback : value;
    }

    public static int integer(CommandLine line, String name, int fallback, int min, int max) throws UsageException {
        String value = line.getOptionValue(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", not " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, not '" + value + "'");
        }
    }

    public static int port(CommandLine line, String name, int fallback) throws UsageException {
        return integer(line, name, fallback, 0, 65535);
    }

    public static Duration seconds(CommandLine line, String name, Duration fallback) throws UsageException {
        String value = line.getOptionValue(name);
        if (value == null) {
            return fallback;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            if (!(seconds > 0) || seconds > 86_400) {
                throw new UsageException("--" + name + " must be a positive number of seconds, not " + value);
            }
            return Duration.ofNanos((long) (seconds * 1e9));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a number of seconds, not '" + value + "'");
        }
    }

    /** A host name or address to bind or connect to; must resolve. */
    public static String host(CommandLine line, String name, String fallback) throws UsageException {
        String value = string(line, name, fallback).trim();
        try {
            InetAddress.getByName(value);
            return value;
        } catch (UnknownHostException e) {
            throw new UsageException("--" + name + ": unknown host '" + value + "'");
        }
    }

    /**
     * {@code HOST:PORT} (an IPv6 host in brackets, {@code [::1]:1080}), the port 1..65535, the
     * host resolved.
     */
    public static InetSocketAddress hostPort(String name, String text) throws UsageException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException("--" + name + " takes HOST:PORT, not '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": bad port in '" + text + "'");
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("--" + name + ": port must be 1..65535, not " + port);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UsageException("--" + name + ": unknown host '" + host + "'");
        }
        return address;
    }

    public static Path path(CommandLine line, String name, String fallback) throws UsageException {
        String value = string(line, name, fallback);
        try {
            return Path.of(value);
        } catch (RuntimeException e) {
            throw new UsageException("--" + name + ": not a path: '" + value + "'");
        }
    }

    /**
     * A secret kept in a file (a token, a password): the file's text without surrounding
     * whitespace, so a trailing newline does not count. Kept off the command line, where {@code ps}
     * shows it to everyone.
     */
    public static String secretFile(CommandLine line, String name) throws UsageException {
        Path file = path(line, name, "");
        String secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new UsageException("--" + name + ": cannot read " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (secret.isEmpty()) {
            throw new UsageException("--" + name + ": " + file + " is empty");
        }
        return secret;
    }
}
