package dev.switchboard.application.port.out.telemetry;

/** Why the metrics server refuses a request. */
public enum MetricsErrorKind implements ErrorKind {
    WRONG_COMMAND, LINE_TOO_LONG, GRAPHITE_INVALID
}
