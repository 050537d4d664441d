package dev.switchboard.adapter.in.tcp.lottery;

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
import dev.switchboard.domain.lottery.LotteryRejection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * MINA handler of the lottery's text dialect. A batch is answered once stored (for H2, once
 * committed). {@code END} never blocks an I/O thread: its answer is a stage completed at the
 * draw, held in the connection's reply queue, and the connection is exempt from the idle
 * timeout while it waits.
 */
public final class LotteryTextSessionHandler extends IoHandlerAdapter {

    /** The text dialect's answers: every refusal has its {@code error;} line. */
    private static final LotteryFlow.Dialect<String> TEXT = new LotteryFlow.Dialect<>() {
        @Override
        public String name() {
            return "lottery";
        }

        @Override
        public String stored() {
            return LotteryTextResponse.SUCCESS;
        }

        @Override
        public String refused(String reason) {
            return LotteryTextResponse.error(reason);
        }

        @Override
        public String storageFailed() {
            return LotteryTextResponse.STORAGE_FAILED;
        }

        @Override
        public String winners(List<Integer> documents) {
            return LotteryTextResponse.winners(documents);
        }

        @Override
        public Optional<String> doneRefused(String reason) {
            return Optional.of(LotteryTextResponse.error(reason));
        }

        @Override
        public Optional<String> doneFailed() {
            return Optional.of(LotteryTextResponse.STORAGE_FAILED);
        }

        @Override
        public String closing() {
            return LotteryTextResponse.STORAGE_FAILED;
        }
    };

    private final LotteryFlow<String> flow;
    private final QueryWinnersUseCase winners;
    private final Telemetry telemetry;

    public LotteryTextSessionHandler(StoreBatchUseCase batches, MarkAgencyDoneUseCase done, QueryWinnersUseCase winners,
                                     Telemetry telemetry) {
        this.flow = new LotteryFlow<>(batches, done, telemetry, TEXT);
        this.winners = Objects.requireNonNull(winners, "'winners' must not be null");
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' must not be null");
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        long start = System.nanoTime();
        ReplySequencer replies = ReplySequencer.of(session);
        TextFrame frame = (TextFrame) message;
        if (frame instanceof TextFrame.TooLarge) {
            flow.unreadable(LotteryErrorKind.FRAME_TOO_LARGE, 0, "frame too large");
            replies.enqueueFinal(LotteryTextResponse.FRAME_TOO_LARGE);
            return;
        }
        byte[] body = ((TextFrame.Body) frame).bytes();
        LotteryTextRequest request = LotteryTextRequest.parse(body, 0, body.length);
        if (request instanceof LotteryTextRequest.NotUtf8) {
            flow.unreadable(LotteryErrorKind.BAD_UTF8, 0, "frame is not UTF-8");
            replies.enqueueNow(LotteryTextResponse.error("frame is not valid UTF-8"));
        } else if (request instanceof LotteryTextRequest.Batch batch) {
            flow.store(session, replies, batch.batch(), start);
        } else if (request instanceof LotteryTextRequest.End end) {
            flow.end(session, replies, end.agency(), start);
        } else if (request instanceof LotteryTextRequest.Winners query) {
            replies.enqueueNow(winners(query.agency(), start));
        } else if (request instanceof LotteryTextRequest.BadBatch bad) {
            flow.unreadable(LotteryErrorKind.BAD_BATCH, bad.count(), bad.reason());
            replies.enqueueNow(LotteryTextResponse.error(bad.reason()));
        } else if (request instanceof LotteryTextRequest.Wrong wrong) {
            telemetry.error(LotteryErrorKind.BAD_REQUEST);
            replies.enqueueNow(LotteryTextResponse.error(wrong.reason()));
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
