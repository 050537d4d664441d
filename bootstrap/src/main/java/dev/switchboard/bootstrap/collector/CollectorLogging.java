package dev.switchboard.bootstrap.collector;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import dev.switchboard.bootstrap.LogConfigurator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-dir}: adds a file appender to the root logger, next to stderr:
 * {@code <dir>/collector.log}, rolled over daily (UTC) to {@code collector.YYYY-MM-DD.log},
 * seven days kept. Same one-line format as stderr, stack traces only with {@code --verbose}.
 */
final class CollectorLogging {

    private CollectorLogging() {
    }

    static void toDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IOException("the log directory " + dir + " is not writable");
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("COLLECTOR_FILE");
        appender.setFile(dir.resolve("collector.log").toString());

        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(dir.resolve("collector.%d{yyyy-MM-dd,UTC}.log").toString());
        policy.setMaxHistory(7);
        policy.setCleanHistoryOnStart(true);
        policy.start();
        appender.setRollingPolicy(policy);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(LogConfigurator.PATTERN + LogConfigurator.exceptions());
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            throw new IOException("cannot log to " + dir);
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }
}
