package dev.switchboard.application.port.out.telemetry;

/** Why the tokens server refuses a request. */
public enum TokensErrorKind implements ErrorKind {
    BAD_REQUEST, PROTOCOL, LINE_TOO_LONG, STOPPING
}
