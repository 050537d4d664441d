package dev.switchboard.application.port.out.telemetry;

/** Why the lottery server refuses a request. */
public enum LotteryErrorKind implements ErrorKind {
    BAD_BATCH, BAD_REQUEST, BAD_AGENCY, BAD_UTF8, REJECTED, DRAW_PENDING, FRAME_TOO_LARGE
}
