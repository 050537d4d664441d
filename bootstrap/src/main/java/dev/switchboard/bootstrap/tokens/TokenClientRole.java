package dev.switchboard.bootstrap.tokens;

import dev.switchboard.adapter.out.tcp.tokens.TokenClient;
import dev.switchboard.adapter.out.tcp.tokens.TokenClientException;
import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Main;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code token-client}: reads whitespace-separated tokens from a file, greets with their count,
 * sends them pipelined ({@code --window} tokens ahead of the answers; one at a time, by itself,
 * when the server's {@code Ready} has the original C++ server's form), shows each answer (a
 * progress bar on a terminal, one line per token otherwise) and a summary. Exit code 0 only if
 * every token was accepted.
 */
public final class TokenClientRole implements Role, Main.PositionalArguments {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    /** Room left in the server's 64 KiB line for the JSON around a token. */
    private static final int MAX_TOKEN_BYTES = 64 * 1024 - 64;
    /** Tokens in flight when {@code --window} is not given. */
    static final int DEFAULT_WINDOW = 16;

    @Override
    public String name() {
        return "token-client";
    }

    @Override
    public String summary() {
        return "send the tokens of a file to a token server";
    }

    @Override
    public String synopsis() {
        return "[options] --id ID --file PATH | [options] <client_id> <filepath>";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Cli.opt("id", "ID", "client id announced in the greeting"))
                .addOption(Cli.opt("f", "file", "PATH", "file of tokens separated by any whitespace"))
                .addOption(Cli.opt("n", "num", "N", "send only the first N tokens [all]"))
                .addOption(Cli.opt("a", "addr", "ADDR", "server address [127.0.0.1]"))
                .addOption(Cli.opt("p", "port", "N", "server port [" + TokenServerRole.DEFAULT_PORT + "]"))
                .addOption(Cli.opt("w", "window", "N", "tokens sent ahead of the answers; 1 = wait for each answer ["
                        + DEFAULT_WINDOW + "; 1 by itself against the original C++ server]"))
                .addOption(Cli.opt("timeout", "S", "connect timeout, and longest wait for one answer, in seconds [60]"));
    }

    @Override
    public int run(CommandLine line, Console console) throws UsageException {
        List<String> positional = line.getArgList();
        if (positional.size() > 2) {
            throw new UsageException("unexpected argument '" + positional.get(2) + "'");
        }
        String id = pick(line.getOptionValue("id"), positional, 0, "--id");
        String file = pick(line.getOptionValue("file"), positional, 1, "--file");
        if (id.isBlank() || id.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException("--id must be non-empty text without control characters");
        }
        String addr = Cli.host(line, "addr", "127.0.0.1");
        int port = Cli.port(line, "port", TokenServerRole.DEFAULT_PORT);
        Duration timeout = Cli.seconds(line, "timeout", Duration.ofSeconds(60));
        int window = Cli.integer(line, "window", DEFAULT_WINDOW, 1, 1 << 20);
        List<String> tokens = read(Path.of(file), console);
        if (tokens == null) {
            return 1;
        }
        if (line.hasOption("num")) {
            int n = Cli.integer(line, "num", tokens.size(), 0, Integer.MAX_VALUE);
            tokens = tokens.subList(0, Math.min(n, tokens.size()));
        }
        return send(id, addr, port, timeout, window, tokens, console);
    }

    private static String pick(String option, List<String> positional, int index, String name) throws UsageException {
        boolean given = positional.size() > index;
        if (option != null && given) {
            throw new UsageException(name + " given twice: as an option and as an argument");
        }
        if (option != null) {
            return option;
        }
        if (given) {
            return positional.get(index);
        }
        throw new UsageException("missing " + name + " (or the <client_id> <filepath> arguments)");
    }

    /** The file's tokens; null (after saying why) if it cannot be used. */
    private static List<String> read(Path file, Console console) throws UsageException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("--file: no such file '" + file + "'");
        } catch (CharacterCodingException e) {
            console.err().println("token-client: " + file + " is not UTF-8 text");
            return null;
        } catch (IOException e) {
            console.err().println("token-client: cannot read " + file + ": " + e.getMessage());
            return null;
        }
        String stripped = text.strip();
        List<String> tokens = stripped.isEmpty() ? List.of() : Arrays.asList(WHITESPACE.split(stripped));
        for (String token : tokens) {
            if (token.getBytes(StandardCharsets.UTF_8).length > MAX_TOKEN_BYTES) {
                console.err().println("token-client: " + file + " holds a token the server cannot take "
                        + "(over " + MAX_TOKEN_BYTES + " bytes)");
                return null;
            }
        }
        return tokens;
    }

    private static int send(String id, String addr, int port, Duration timeout, int window, List<String> tokens,
                            Console console) {
        PrintStream out = console.out();
        boolean terminal = System.console() != null && out == System.out;
        long start = System.nanoTime();
        TokenClient.Result result;
        try (TokenClient client = new TokenClient(addr, port, timeout)) {
            TokenClient.Ready ready = client.greet(id, tokens.size());
            int inFlight = window;
            if (ready.classic() && window > 1) {
                // that server takes one TCP read as one message and aborts on two
                console.err().println("token-client: the server answered Ready in the original C++ form: "
                        + "sending one token at a time (as --window 1)");
                inFlight = 1;
            }
            if (terminal) {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName(id).setInitialMax(tokens.size())
                        .setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(100).build()) {
                    result = client.send(tokens, inFlight, new BarListener(bar, console.err()));
                }
            } else {
                result = client.send(tokens, inFlight, new LineListener(out, tokens.size()));
            }
        } catch (TokenClientException e) {
            console.err().println("token-client: " + e.getMessage());
            return 1;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "client %s: %d of %d tokens accepted, %d refused, in %.2f s%n",
                id, result.accepted(), tokens.size(), result.refused(), seconds);
        out.flush();
        return result.refused() == 0 ? 0 : 1;
    }

    /** Plain output: one line per answer (stdout is a file or a pipe). */
    private record LineListener(PrintStream out, int total) implements TokenClient.Listener {

        @Override
        public void accepted(int index, String token) {
            out.println("accepted " + token + " (" + (index + 1) + "/" + total + ")");
        }

        @Override
        public void refused(int index, String token, String reason) {
            out.println("refused " + token + ": " + reason + " (" + (index + 1) + "/" + total + ")");
        }
    }

    /** Terminal output: a progress bar; refusals are told on stderr. */
    private record BarListener(ProgressBar bar, PrintStream err) implements TokenClient.Listener {

        @Override
        public void accepted(int index, String token) {
            bar.step();
        }

        @Override
        public void refused(int index, String token, String reason) {
            bar.step();
            err.println("refused " + token + ": " + reason);
        }
    }
}
