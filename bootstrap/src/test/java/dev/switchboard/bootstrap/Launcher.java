package dev.switchboard.bootstrap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code ./switchboard <role> ...} as a real process, the way a user does: collects its
 * stdout and stderr lines, waits for a line to appear, stops it with SIGTERM or SIGKILL.
 */
public final class Launcher implements AutoCloseable {

    /** JVM options of every role started here: quick start-up, small footprint. */
    private static final String JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";

    private static final Pattern LISTENING = Pattern.compile("(\\S+) listening on (\\S+):(\\d+)");

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();

    private Launcher(Process process) {
        this.process = process;
        pump(process.getInputStream(), line -> {
            out.add(line);
            stdout.add(line);
        }, "stdout");
        pump(process.getErrorStream(), err::add, "stderr");
    }

    /** The project root: failsafe passes it; from an IDE, the working directory's parent. */
    public static Path home() {
        String home = System.getProperty("switchboard.home");
        Path root = home != null ? Path.of(home) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isExecutable(root.resolve("switchboard"))) {
            throw new IllegalStateException("no launcher at " + root);
        }
        return root;
    }

    public static Launcher start(Path workDir, String... args) {
        return start(workDir, Map.of(), args);
    }

    /** Like {@link #start}, with more JVM options for the role (a heap limit, say) after the usual ones. */
    public static Launcher startWithJavaOpts(Path workDir, String javaOpts, String... args) {
        return start(workDir, Map.of("SWITCHBOARD_JAVA_OPTS", JAVA_OPTS + " " + javaOpts), args);
    }

    /** Starts a role with extra environment variables (e.g. {@code SWITCHBOARD_*} settings). */
    public static Launcher start(Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(home().resolve("switchboard").toString());
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
            builder.environment().put("SWITCHBOARD_JAVA_OPTS", JAVA_OPTS);
            builder.environment().putAll(env);
            return new Launcher(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a role to its end; returns its exit code (fails the test after the timeout). */
    public static Result run(Path workDir, Duration timeout, String... args) throws InterruptedException {
        return run(workDir, Map.of(), timeout, args);
    }

    /** Runs a role to its end with these variables added to its environment. */
    public static Result run(Path workDir, Map<String, String> environment, Duration timeout, String... args)
            throws InterruptedException {
        try (Launcher launcher = start(workDir, environment, args)) {
            if (!launcher.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("did not finish in " + timeout + ": " + String.join(" ", args));
            }
            launcher.drain();
            return new Result(launcher.process.exitValue(), List.copyOf(launcher.out), List.copyOf(launcher.err));
        }
    }

    /** What a finished role printed. */
    public record Result(int exitCode, List<String> out, List<String> err) {
        public String stdout() {
            return String.join("\n", out);
        }

        public String stderr() {
            return String.join("\n", err);
        }
    }

    /** A free TCP port on loopback, for roles where 0 means "off". */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a stdout line matching the regex and returns its match. */
    public Matcher awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? stdout.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("no line matching '" + regex + "' within " + timeout
                        + "; stdout: " + out + "; stderr: " + err + "; alive: " + process.isAlive());
            }
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m;
            }
        }
    }

    /** Waits for {@code <service> listening on host:port} and returns the port. */
    public int awaitListening(String service, Duration timeout) throws InterruptedException {
        Matcher m = awaitLine(Pattern.quote(service) + " listening on (\\S+):(\\d+)", timeout);
        return Integer.parseInt(m.group(2));
    }

    public static Pattern listeningPattern() {
        return LISTENING;
    }

    /**
     * SIGTERM, then the exit code (fails the test if it does not exit in time). Signals go through
     * the process handle: {@code Process.destroy()} also closes our ends of its stdout and stderr,
     * which would lose everything it prints while stopping.
     */
    public int terminate(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not stop within " + timeout + " of SIGTERM; stderr: " + err);
        }
        drain();
        return process.exitValue();
    }

    /** Waits for the role to end by itself; returns its exit code (fails the test after the timeout). */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("did not end within " + timeout + "; stdout: " + out + "; stderr: " + err);
        }
        drain();
        return process.exitValue();
    }

    /** The process id: the launcher script execs the JVM, so this is the Java process. */
    public long pid() {
        return process.pid();
    }

    /** Everything printed on stdout so far, one line per line. */
    public String stdout() {
        return String.join("\n", out);
    }

    /** SIGTERM twice in a row, as a supervisor signalling the process and its group does. */
    public int terminateTwice(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        process.toHandle().destroy();
        return terminate(timeout);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown code runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public List<String> stdoutLines() {
        return List.copyOf(out);
    }

    public List<String> stderrLines() {
        return List.copyOf(err);
    }

    private void drain() throws InterruptedException {
        // the pump threads end at EOF; give them a moment to hand over the last lines
        for (Thread t : pumps) {
            t.join(2000);
        }
    }

    private final List<Thread> pumps = new ArrayList<>();

    private void pump(java.io.InputStream stream, java.util.function.Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "launcher-" + name);
        t.setDaemon(true);
        t.start();
        pumps.add(t);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
