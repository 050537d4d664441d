package dev.switchboard.application.port.out.telemetry;

/** The metrics protocol's requests. */
public enum MetricsRequestKind implements RequestKind {
    PUT, GET, GRAPHITE
}
