package dev.switchboard.application.port.out.telemetry;

/** Why the collector sink refuses an upload. */
public enum SinkErrorKind implements ErrorKind {
    BAD_REQUEST, TOO_LARGE, NOT_FOUND, METHOD
}
