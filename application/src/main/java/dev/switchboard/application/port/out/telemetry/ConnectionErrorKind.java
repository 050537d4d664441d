package dev.switchboard.application.port.out.telemetry;

/** What a TCP listener refuses or fails on, whatever its service. */
public enum ConnectionErrorKind implements ErrorKind {
    CONNECTION_LIMIT, INTERNAL
}
