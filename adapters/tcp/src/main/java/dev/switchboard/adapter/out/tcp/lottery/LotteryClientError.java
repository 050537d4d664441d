package dev.switchboard.adapter.out.tcp.lottery;

/** The server refused a request, answered something unreadable, or the connection was lost. */
public class LotteryClientError extends Exception {

    private final boolean connectionLost;

    public LotteryClientError(String message, boolean connectionLost, Throwable cause) {
        super(message, cause);
        this.connectionLost = connectionLost;
    }

    public static LotteryClientError refused(String reason) {
        return new LotteryClientError(reason, false, null);
    }

    public static LotteryClientError lost(String what, Throwable cause) {
        return new LotteryClientError(what, true, cause);
    }

    /** Whether the connection broke (the request may be retried on a new one). */
    public boolean connectionLost() {
        return connectionLost;
    }
}
