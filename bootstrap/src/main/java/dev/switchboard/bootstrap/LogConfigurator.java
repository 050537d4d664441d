package dev.switchboard.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The log set-up of every role, made in code: one line per event on stderr, stack traces only
 * with {@code --verbose} (it sets {@code switchboard.exceptions} and {@code switchboard.level}),
 * the libraries' loggers at WARN. Logback finds it as a service before its own XML configurator;
 * reading an XML file took about a fifth of a start's CPU (the SAX parser and logback's model
 * classes). A user's {@code -Dlogback.configurationFile=FILE}, and a {@code logback-test.xml}
 * on a test class path, still win: then this steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** The format of every line, also used by the collector's file log. */
    public static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{0} - %msg%n";

    private static final String[] QUIET = {"org.apache.mina", "org.eclipse.jetty", "com.zaxxer.hikari",
        "org.flywaydb", "h2database"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN + exceptions());
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        for (String library : QUIET) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        context.getLogger("dev.switchboard").setLevel(Level.toLevel(System.getProperty("switchboard.level"), Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code %nopex} (no stack traces) unless {@code --verbose} asked for them. */
    public static String exceptions() {
        return System.getProperty("switchboard.exceptions", "%nopex");
    }
}
