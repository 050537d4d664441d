package dev.switchboard.application.port.out.telemetry;

/** The tokens protocol's requests. */
public enum TokensRequestKind implements RequestKind {
    GREETING, TOKEN
}
