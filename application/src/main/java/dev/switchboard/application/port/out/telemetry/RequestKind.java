package dev.switchboard.application.port.out.telemetry;

import java.util.Locale;

/** A kind of answered request; each service names its own in an enum. */
public sealed interface RequestKind permits TokensRequestKind, MetricsRequestKind, LotteryRequestKind, SinkRequestKind {

    String name();

    /** The series' {@code kind} tag: the enum constant in lower case. */
    default String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
