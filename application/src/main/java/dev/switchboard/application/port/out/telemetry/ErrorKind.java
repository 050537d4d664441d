package dev.switchboard.application.port.out.telemetry;

import java.util.Locale;

/** A reason a request was refused; each service names its own in an enum, the TCP listeners share {@link ConnectionErrorKind}. */
public sealed interface ErrorKind
        permits ConnectionErrorKind, StorageErrorKind, TokensErrorKind, MetricsErrorKind, LotteryErrorKind, SinkErrorKind {

    String name();

    /** The series' {@code kind} tag: the enum constant in lower case. */
    default String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
