package dev.switchboard.application.port.out.telemetry;

/** The lottery protocol's requests (both dialects). */
public enum LotteryRequestKind implements RequestKind {
    BATCH, END, WINNERS
}
