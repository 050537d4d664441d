package dev.switchboard.adapter.in.tcp.lottery;

import dev.switchboard.adapter.in.tcp.common.ReplySequencer;
import dev.switchboard.adapter.tcp.lottery.protocol.BinaryBets;
import dev.switchboard.adapter.tcp.lottery.protocol.BinaryMessage;
import dev.switchboard.application.port.in.lottery.MarkAgencyDoneUseCase;
import dev.switchboard.application.port.in.lottery.StoreBatchUseCase;
import dev.switchboard.application.port.out.telemetry.LotteryErrorKind;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.BetBatch;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    /** The binary dialect's answers: 1 or 0 for a batch, and no answer at all for a failed "done". */
    private static final LotteryFlow.Dialect<byte[]> BINARY = new LotteryFlow.Dialect<>() {
        @Override
        public String name() {
            return "lottery-binary";
        }

        @Override
        public byte[] stored() {
            return STORED;
        }

        @Override
        public byte[] refused(String reason) {
            return REJECTED;
        }

        @Override
        public byte[] storageFailed() {
            return REJECTED;
        }

        @Override
        public byte[] winners(List<Integer> documents) {
            return BinaryBets.winners(documents);
        }

        @Override
        public Optional<byte[]> doneRefused(String reason) {
            return Optional.empty();
        }

        @Override
        public Optional<byte[]> doneFailed() {
            return Optional.empty();
        }

        @Override
        public byte[] closing() {
            return new byte[0];
        }
    };

    private final LotteryFlow<byte[]> flow;
    private final Telemetry telemetry;

    public LotteryBinarySessionHandler(StoreBatchUseCase batches, MarkAgencyDoneUseCase done, Telemetry telemetry) {
        this.flow = new LotteryFlow<>(batches, done, telemetry, BINARY);
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
            flow.unreadable(LotteryErrorKind.FRAME_TOO_LARGE, Math.max(0, tooLarge.count()), "frame too large");
            replies.enqueueFinal(REJECTED);
        } else if (message instanceof BinaryMessage.Batch batch) {
            AgencyId agency = (AgencyId) session.getAttribute(AGENCY);
            BetBatch bets;
            try {
                bets = BinaryBets.decode(agency, batch.count(), batch.bets());
            } catch (IllegalArgumentException e) {
                flow.unreadable(LotteryErrorKind.BAD_BATCH, batch.count(), e.getMessage());
                replies.enqueueNow(REJECTED);
                return;
            }
            flow.store(session, replies, bets, start);
        } else if (message instanceof BinaryMessage.Done) {
            flow.end(session, replies, (AgencyId) session.getAttribute(AGENCY), start);
        }
    }

    @Override
    public void messageSent(IoSession session, Object message) {
        ReplySequencer.of(session).written();
    }
}
