package dev.switchboard.adapter.in.tcp.lottery;

import dev.switchboard.adapter.in.tcp.common.ConnectionGuardFilter;
import dev.switchboard.application.port.Failures;
import dev.switchboard.adapter.in.tcp.common.ReplySequencer;
import dev.switchboard.adapter.tcp.lottery.protocol.LotteryTextRequest;
import dev.switchboard.adapter.tcp.lottery.protocol.LotteryTextResponse;
import dev.switchboard.adapter.tcp.lottery.protocol.TextFrame;
import dev.switchboard.application.port.in.lottery.MarkAgencyDoneUseCase;
import dev.switchboard.application.port.in.lottery.QueryWinnersUseCase;
import dev.switchboard.application.port.in.lottery.StoreBatchUseCase;
import dev.switchboard.application.port.out.telemetry.LotteryErrorKind;
import dev.switchboard.application.port.out.telemetry.LotteryRequestKind;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.LotteryRejection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA handler of the lottery's text dialect. A batch is answered once stored (for H2, once
 * committed). {@code END} never blocks an I/O thread: its answer is a stage completed at the
 * draw, held in the connection's reply queue, and the connection is exempt from the idle
 * timeout while it waits.
 */
public final class LotteryTextSessionHandler extends IoHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(LotteryTextSessionHandler.class);

    private final StoreBatchUseCase batches;
    private final MarkAgencyDoneUseCase done;
    private final QueryWinnersUseCase winners;
    private final Telemetry telemetry;

    public LotteryTextSessionHandler(StoreBatchUseCase batches, MarkAgencyDoneUseCase done, QueryWinnersUseCase winners,
                                     Telemetry telemetry) {
        this.batches = Objects.requireNonNull(batches, "'batches' must not be null");
        this.done = Objects.requireNonNull(done, "'done' must not be null");
        this.winners = Objects.requireNonNull(winners, "'winners' must not be null");
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' must not be null");
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        long start = System.nanoTime();
        ReplySequencer replies = ReplySequencer.of(session);
        TextFrame frame = (TextFrame) message;
        if (frame instanceof TextFrame.TooLarge) {
            telemetry.error(LotteryErrorKind.FRAME_TOO_LARGE);
            LotteryLog.betsRefused(0, "frame too large");
            replies.enqueueFinal(LotteryTextResponse.FRAME_TOO_LARGE);
            return;
        }
        byte[] body = ((TextFrame.Body) frame).bytes();
        LotteryTextRequest request = LotteryTextRequest.parse(body, 0, body.length);
        if (request instanceof LotteryTextRequest.NotUtf8) {
            telemetry.error(LotteryErrorKind.BAD_UTF8);
            LotteryLog.betsRefused(0, "frame is not UTF-8");
            replies.enqueueNow(LotteryTextResponse.error("frame is not valid UTF-8"));
        } else if (request instanceof LotteryTextRequest.Batch batch) {
            store(session, replies, batch.batch(), start);
        } else if (request instanceof LotteryTextRequest.End end) {
            end(session, replies, end.agency(), start);
        } else if (request instanceof LotteryTextRequest.Winners query) {
            replies.enqueueNow(winners(query.agency(), start));
        } else if (request instanceof LotteryTextRequest.BadBatch bad) {
            telemetry.error(LotteryErrorKind.BAD_BATCH);
            LotteryLog.betsRefused(bad.count(), bad.reason());
            replies.enqueueNow(LotteryTextResponse.error(bad.reason()));
        } else if (request instanceof LotteryTextRequest.Wrong wrong) {
            telemetry.error(LotteryErrorKind.BAD_REQUEST);
            replies.enqueueNow(LotteryTextResponse.error(wrong.reason()));
        }
    }

    private void store(IoSession session, ReplySequencer replies, BetBatch batch, long start) {
        CompletionStage<Void> saved;
        try {
            saved = batches.store(batch);
        } catch (LotteryRejection r) {
            telemetry.error(LotteryErrorKind.REJECTED);
            LotteryLog.betsRefused(batch.size(), r.reason());
            replies.enqueueNow(LotteryTextResponse.error(r.reason()));
            return;
        }
        StoredBatches.add(session, saved);
        replies.enqueue(saved.handle((ok, failure) -> {
            if (failure != null) {
                log.warn("lottery: a batch of agency {} could not be stored: {}", batch.agency(), Failures.rootMessage(failure));
                telemetry.error(LotteryErrorKind.STORAGE);
                LotteryLog.betsRefused(batch.size(), "storage failed");
                return LotteryTextResponse.STORAGE_FAILED;
            }
            LotteryLog.betsStored(batch.size());
            telemetry.answered(LotteryRequestKind.BATCH, start);
            return LotteryTextResponse.SUCCESS;
        }));
    }

    private void end(IoSession session, ReplySequencer replies, AgencyId agency, long start) {
        ConnectionGuardFilter.exemptFromIdle(session, true);
        // after this connection's earlier batches are settled, so they count in the draw
        CompletableFuture<String> answer = StoredBatches.settled(session)
                .thenCompose(v -> heldAnswer(agency))
                .handle((text, failure) -> {
                    ConnectionGuardFilter.exemptFromIdle(session, false);
                    if (failure != null) {
                        log.warn("lottery: END of agency {} failed: {}", agency, Failures.rootMessage(failure));
                        telemetry.error(LotteryErrorKind.STORAGE);
                        return LotteryTextResponse.STORAGE_FAILED;
                    }
                    telemetry.answered(LotteryRequestKind.END, start);
                    return text;
                });
        replies.enqueue(answer);
    }

    private CompletionStage<String> heldAnswer(AgencyId agency) {
        try {
            return done.markDone(agency).thenApply(LotteryTextResponse::winners);
        } catch (LotteryRejection r) {
            telemetry.error(LotteryErrorKind.REJECTED);
            return CompletableFuture.completedFuture(LotteryTextResponse.error(r.reason()));
        }
    }

    private String winners(AgencyId agency, long start) {
        try {
            Optional<List<Integer>> found = winners.winners(agency);
            if (found.isEmpty()) {
                telemetry.error(LotteryErrorKind.DRAW_PENDING);
                return LotteryTextResponse.DRAW_PENDING;
            }
            telemetry.answered(LotteryRequestKind.WINNERS, start);
            return LotteryTextResponse.winners(found.get());
        } catch (LotteryRejection r) {
            telemetry.error(LotteryErrorKind.REJECTED);
            return LotteryTextResponse.error(r.reason());
        }
    }


    @Override
    public void messageSent(IoSession session, Object message) {
        ReplySequencer.of(session).written();
    }
}
