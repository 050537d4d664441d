package dev.switchboard.adapter.out.log.lottery;

import dev.switchboard.application.port.out.lottery.LotteryEventsPort;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.DrawResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log adapter: the lottery server's graded log lines, in the exact form operators grep for,
 * all on the {@code dev.switchboard.lottery} logger ({@code lottery} in the log):
 * {@code action: apuesta_recibida | result: success|fail | cantidad: N} per batch and
 * {@code action: sorteo | result: success} once, when the draw happens. The reason of a refused
 * batch goes to a DEBUG line of its own, so the INFO line keeps its fixed form.
 */
public final class Slf4jLotteryEvents implements LotteryEventsPort {

    /** The logger every lottery event line is written to. */
    public static final Logger EVENTS = LoggerFactory.getLogger("dev.switchboard.lottery");

    @Override
    public void betsStored(int count) {
        EVENTS.info("action: apuesta_recibida | result: success | cantidad: {}", count);
    }

    @Override
    public void betsRefused(int count, String reason) {
        EVENTS.info("action: apuesta_recibida | result: fail | cantidad: {}", count);
        EVENTS.debug("batch of {} refused: {}", count, reason);
    }

    @Override
    public void drawn(DrawResult result) {
        EVENTS.info("action: sorteo | result: success");
        EVENTS.debug("draw with number {}: {} winners", result.number().value(), result.total());
    }

    @Override
    public void restored(DrawResult result) {
        EVENTS.info("lottery: the draw (number {}, {} winners) was restored from storage",
                result.number().value(), result.total());
    }

    @Override
    public void drawnElsewhere(DrawResult result) {
        EVENTS.info("lottery: the draw (number {}, {} winners) was made by another node",
                result.number().value(), result.total());
    }

    @Override
    public void batchRepeated(AgencyId agency, long batchNumber) {
        EVENTS.info("lottery: batch {} of agency {} came again; it is stored already, answered without"
                + " storing it twice", batchNumber, agency);
    }

    @Override
    public void drawFailed(Throwable cause) {
        EVENTS.error("action: sorteo | result: fail | error: {}", cause.toString());
    }
}
