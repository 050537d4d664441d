package dev.switchboard.application.port.out.telemetry;

/** The collector sink's answered uploads. */
public enum SinkRequestKind implements RequestKind {
    BATCH, DUPLICATE
}
