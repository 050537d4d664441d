package dev.switchboard.bootstrap;

import dev.switchboard.bootstrap.bench.BenchRole;
import dev.switchboard.bootstrap.collector.CollectorRole;
import dev.switchboard.bootstrap.collector.CollectorSinkRole;
import dev.switchboard.bootstrap.config.Configuration;
import dev.switchboard.bootstrap.lottery.LotteryAgencyRole;
import dev.switchboard.bootstrap.lottery.LotteryServerRole;
import dev.switchboard.bootstrap.metrics.MetricsClientRole;
import dev.switchboard.bootstrap.metrics.MetricsServerRole;
import dev.switchboard.bootstrap.serve.ServeRole;
import dev.switchboard.bootstrap.soak.SoakRole;
import dev.switchboard.bootstrap.tokens.TokenClientRole;
import dev.switchboard.bootstrap.tokens.TokenServerRole;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.slf4j.LoggerFactory;

/**
 * The launcher's entry point: {@code switchboard <role> [options]}. Exit codes: 0 success,
 * 1 runtime failure, 2 bad usage.
 */
public final class Main {

    /** Made on each run, not at class load: a role's static logger would start logback before --verbose is seen. */
    private static List<Role> roles() {
        return List.of(
            new ServeRole(),
            new MetricsServerRole(),
            new MetricsClientRole(),
            new TokenServerRole(),
            new TokenClientRole(),
            new LotteryServerRole(),
            new LotteryAgencyRole(),
            new CollectorRole(),
            new CollectorSinkRole(),
            new BenchRole(),
            new SoakRole());
    }

    private Main() {
    }

    public static void main(String[] args) {
        StartupPreload.startFor(args);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                LoggerFactory.getLogger(Main.class).error("uncaught failure in {}: {}", thread.getName(), e.toString(), e));
        int code = run(args, Console.system());
        System.out.flush();
        System.exit(code);
    }

    /** Runs one role with this process's environment; returns its exit code. */
    public static int run(String[] args, Console console) {
        return run(args, console, System.getenv());
    }

    /** Runs one role; {@code env} supplies the {@code SWITCHBOARD_*} settings. Returns its exit code. */
    public static int run(String[] args, Console console, Map<String, String> env) {
        Map<String, Role> roles = new LinkedHashMap<>();
        roles().forEach(r -> roles.put(r.name(), r));
        if (args.length == 0) {
            console.err().println("switchboard: missing role");
            printRoles(roles, console.err());
            return 2;
        }
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            printRoles(roles, console.out());
            return 0;
        }
        Role role = roles.get(args[0]);
        if (role == null) {
            console.err().println("switchboard: unknown role '" + args[0] + "'");
            printRoles(roles, console.err());
            return 2;
        }
        Options options = role.options()
                .addOption(Cli.flag("help", "show this help"))
                .addOption(Cli.flag("verbose", "log debug lines and stack traces"))
                .addOption(Cli.opt(Configuration.CONFIG, "FILE",
                        "read settings from a properties file (keys are the long option names)"))
                .addOption(Cli.flag(Configuration.PRINT_CONFIG,
                        "print every effective setting and where it came from, then exit"));
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        CommandLine typed;
        try {
            typed = DefaultParser.builder().get().parse(options, rest, role.stopsAtVerb());
        } catch (ParseException e) {
            console.err().println("switchboard " + role.name() + ": " + e.getMessage());
            printUsage(role, options, console);
            return 2;
        }
        if (typed.hasOption("help")) {
            printHelp(role, options, new PrintWriter(console.out(), true));
            return 0;
        }
        Configuration config;
        try {
            config = Configuration.resolve(options, typed, rest, role.stopsAtVerb(), env);
        } catch (UsageException e) {
            console.err().println("switchboard " + role.name() + ": " + e.getMessage());
            printUsage(role, options, console);
            return 2;
        }
        if (typed.hasOption(Configuration.PRINT_CONFIG)) {
            config.print(role.name(), console.out());
            return 0;
        }
        CommandLine line = config.line();
        if (line.hasOption("verbose") && System.getProperty("switchboard.level") == null) {
            // before the first logger is made: logback reads these when it starts
            System.setProperty("switchboard.exceptions", "%ex");
            System.setProperty("switchboard.level", "DEBUG");
        }
        if (!role.stopsAtVerb() && !line.getArgList().isEmpty() && !acceptsPositionals(role)) {
            console.err().println("switchboard " + role.name() + ": unexpected argument '" + line.getArgList().get(0) + "'");
            printUsage(role, options, console);
            return 2;
        }
        try {
            return role.run(line, console);
        } catch (UsageException e) {
            console.err().println("switchboard " + role.name() + ": " + config.explain(e.getMessage()));
            printUsage(role, options, console);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            console.err().println("switchboard " + role.name() + ": " + describe(e));
            LoggerFactory.getLogger(Main.class).debug("failure details", e);
            return 1;
        }
    }

    private static boolean acceptsPositionals(Role role) {
        return role instanceof PositionalArguments;
    }

    /** Marks a role that takes positional arguments after its options. */
    public interface PositionalArguments {
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void printRoles(Map<String, Role> roles, java.io.PrintStream out) {
        out.println("usage: switchboard <role> [options]   (switchboard <role> --help for a role's options)");
        out.println("roles:");
        roles.values().forEach(r -> out.printf("  %-16s %s%n", r.name(), r.summary()));
        out.flush();
    }

    private static void printUsage(Role role, Options options, Console console) {
        printHelp(role, options, new PrintWriter(console.err(), true));
    }

    private static void printHelp(Role role, Options options, PrintWriter out) {
        HelpFormatter help = HelpFormatter.builder().setPrintWriter(out).get();
        help.printHelp(out, 100, "switchboard " + role.name() + " " + role.synopsis(),
                role.summary(), options, 2, 2, "", false);
        out.flush();
    }
}
