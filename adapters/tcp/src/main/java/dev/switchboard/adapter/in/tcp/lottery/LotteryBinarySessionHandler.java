package dev.switchboard.adapter.in.tcp.lottery;

import dev.switchboard.adapter.in.tcp.common.ConnectionGuardFilter;
import dev.switchboard.application.port.Failures;
import dev.switchboard.adapter.in.tcp.common.ReplySequencer;
import dev.switchboard.adapter.tcp.lottery.protocol.BinaryBets;
import dev.switchboard.adapter.tcp.lottery.protocol.BinaryMessage;
import dev.switchboard.application.port.in.lottery.MarkAgencyDoneUseCase;
import dev.switchboard.application.port.in.lottery.StoreBatchUseCase;
import dev.switchboard.application.port.out.telemetry.LotteryErrorKind;
import dev.switchboard.application.port.out.telemetry.LotteryRequestKind;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.LotteryRejection;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA handler of the lottery's binary dialect. The connection's first int32 names its agency;
 * a batch is answered int32 1 once stored, 0 if refused (nothing of it stored); count 0 is held
 * until the draw, then answered with the winners. The dialect has no error answer for "done",
 * so a refused "done" (unknown agency) closes the connection.
 */
public final class LotteryBinarySessionHandler extends IoHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(LotteryBinarySessionHandler.class);
    private static final AttributeKey AGENCY = new AttributeKey(LotteryBinarySessionHandler.class, "agency");
    private static final byte[] STORED = BinaryBets.answer(BinaryBets.STORED);
    private static final byte[] REJECTED = BinaryBets.answer(BinaryBets.REJECTED);

    private final StoreBatchUseCase batches;
    private final MarkAgencyDoneUseCase done;
    private final Telemetry telemetry;

    public LotteryBinarySessionHandler(StoreBatchUseCase batches, MarkAgencyDoneUseCase done, Telemetry telemetry) {
        this.batches = Objects.requireNonNull(batches, "'batches' must not be null");
        this.done = Objects.requireNonNull(done, "'done' must not be null");
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' must not be null");
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        long start = System.nanoTime();
        ReplySequencer replies = ReplySequencer.of(session);
        if (message instanceof BinaryMessage.Hello hello) {
            if (hello.agency() < 1) {
                log.info("lottery-binary: {} named agency {}; closing", session.getRemoteAddress(), hello.agency());
                telemetry.error(LotteryErrorKind.BAD_AGENCY);
                session.closeNow();
                return;
            }
            session.setAttribute(AGENCY, AgencyId.of(hello.agency()));
        } else if (message instanceof BinaryMessage.TooLarge tooLarge) {
            telemetry.error(LotteryErrorKind.FRAME_TOO_LARGE);
            LotteryLog.betsRefused(Math.max(0, tooLarge.count()), "frame too large");
            replies.enqueueFinal(REJECTED);
        } else if (message instanceof BinaryMessage.Batch batch) {
            AgencyId agency = (AgencyId) session.getAttribute(AGENCY);
            BetBatch bets;
            try {
                bets = BinaryBets.decode(agency, batch.count(), batch.bets());
            } catch (IllegalArgumentException e) {
                telemetry.error(LotteryErrorKind.BAD_BATCH);
                LotteryLog.betsRefused(batch.count(), e.getMessage());
                replies.enqueueNow(REJECTED);
                return;
            }
            store(session, replies, bets, start);
        } else if (message instanceof BinaryMessage.Done) {
            end(session, replies, (AgencyId) session.getAttribute(AGENCY), start);
        }
    }

    private void store(IoSession session, ReplySequencer replies, BetBatch batch, long start) {
        CompletionStage<Void> saved;
        try {
            saved = batches.store(batch);
        } catch (LotteryRejection r) {
            telemetry.error(LotteryErrorKind.REJECTED);
            LotteryLog.betsRefused(batch.size(), r.reason());
            replies.enqueueNow(REJECTED);
            return;
        }
        StoredBatches.add(session, saved);
        replies.enqueue(saved.handle((ok, failure) -> {
            if (failure != null) {
                log.warn("lottery-binary: a batch of agency {} could not be stored: {}", batch.agency(),
                        Failures.rootMessage(failure));
                telemetry.error(LotteryErrorKind.STORAGE);
                LotteryLog.betsRefused(batch.size(), "storage failed");
                return REJECTED;
            }
            LotteryLog.betsStored(batch.size());
            telemetry.answered(LotteryRequestKind.BATCH, start);
            return STORED;
        }));
    }

    private void end(IoSession session, ReplySequencer replies, AgencyId agency, long start) {
        ConnectionGuardFilter.exemptFromIdle(session, true);
        CompletableFuture<Object> answer = StoredBatches.settled(session)
                .thenCompose(v -> {
                    try {
                        return done.markDone(agency).thenApply(BinaryBets::winners);
                    } catch (LotteryRejection r) {
                        // no error answer exists for "done": closing tells the client
                        telemetry.error(LotteryErrorKind.REJECTED);
                        log.info("lottery-binary: done refused for agency {}: {}; closing", agency, r.reason());
                        return CompletableFuture.<byte[]>failedFuture(r);
                    }
                })
                .handle((bytes, failure) -> {
                    ConnectionGuardFilter.exemptFromIdle(session, false);
                    if (failure != null) {
                        session.closeOnFlush();
                        return new byte[0];
                    }
                    telemetry.answered(LotteryRequestKind.END, start);
                    return bytes;
                });
        replies.enqueue(answer);
    }

    @Override
    public void messageSent(IoSession session, Object message) {
        ReplySequencer.of(session).written();
    }
}
