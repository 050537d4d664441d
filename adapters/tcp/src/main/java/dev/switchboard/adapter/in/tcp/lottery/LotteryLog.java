package dev.switchboard.adapter.in.tcp.lottery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lottery server's per-batch log lines, in the exact form operators grep for:
 * {@code action: apuesta_recibida | result: success|fail | cantidad: N}. The reason of a failure
 * goes to a DEBUG line of its own, so the INFO line keeps its fixed form.
 */
public final class LotteryLog {

    /** The logger every lottery event line is written to ({@code lottery} in the log). */
    public static final Logger EVENTS = LoggerFactory.getLogger("dev.switchboard.lottery");

    private LotteryLog() {
    }

    public static void betsStored(int count) {
        EVENTS.info("action: apuesta_recibida | result: success | cantidad: {}", count);
    }

    public static void betsRefused(int count, String reason) {
        EVENTS.info("action: apuesta_recibida | result: fail | cantidad: {}", count);
        EVENTS.debug("batch of {} refused: {}", count, reason);
    }
}
