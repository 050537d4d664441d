package dev.switchboard.adapter.in.tcp.common;

import dev.switchboard.application.port.Failures;
import dev.switchboard.application.port.out.telemetry.StorageErrorKind;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import java.util.Arrays;
import org.slf4j.Logger;

/**
 * How every TCP handler tells a request whose store failed (a commit, a read): one WARN line on
 * the handler's logger, {@code <what>: <root cause>} and never a stack trace, and one count of
 * {@link StorageErrorKind#STORAGE}. The handler then answers its protocol's storage error, or
 * nothing where the protocol has none (carbon).
 */
public final class StorageFailures {

    private StorageFailures() {
    }

    /**
     * @param what an SLF4J message naming what was lost, e.g. {@code "metrics: {} puts failed"}
     * @param args its arguments
     */
    public static void told(Logger log, Telemetry telemetry, Throwable failure, String what, Object... args) {
        Object[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = Failures.rootMessage(failure);
        log.warn(what + ": {}", all);
        telemetry.error(StorageErrorKind.STORAGE);
    }
}
