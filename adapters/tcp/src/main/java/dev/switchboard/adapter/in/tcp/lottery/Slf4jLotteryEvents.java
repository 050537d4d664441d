package dev.switchboard.adapter.in.tcp.lottery;

import dev.switchboard.application.port.out.lottery.LotteryEventsPort;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.DrawResult;

/** Log adapter (the lottery server's log, beside {@link LotteryLog}): the draw's lines, {@code action: sorteo | result: success} once, when it happens. */
public final class Slf4jLotteryEvents implements LotteryEventsPort {

    @Override
    public void drawn(DrawResult result) {
        LotteryLog.EVENTS.info("action: sorteo | result: success");
        LotteryLog.EVENTS.debug("draw with number {}: {} winners", result.number().value(), result.total());
    }

    @Override
    public void restored(DrawResult result) {
        LotteryLog.EVENTS.info("lottery: the draw (number {}, {} winners) was restored from storage",
                result.number().value(), result.total());
    }

    @Override
    public void drawnElsewhere(DrawResult result) {
        LotteryLog.EVENTS.info("lottery: the draw (number {}, {} winners) was made by another node",
                result.number().value(), result.total());
    }

    @Override
    public void batchRepeated(AgencyId agency, long batchNumber) {
        LotteryLog.EVENTS.info("lottery: batch {} of agency {} came again; it is stored already, answered without"
                + " storing it twice", batchNumber, agency);
    }

    @Override
    public void drawFailed(Throwable cause) {
        LotteryLog.EVENTS.error("action: sorteo | result: fail | error: {}", cause.toString());
    }
}
