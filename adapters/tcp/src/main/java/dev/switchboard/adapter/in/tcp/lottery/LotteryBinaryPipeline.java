package dev.switchboard.adapter.in.tcp.lottery;

import dev.switchboard.adapter.in.tcp.common.pipeline.FramePipeline;
import dev.switchboard.adapter.in.tcp.common.pipeline.Replies;
import dev.switchboard.adapter.tcp.lottery.protocol.BinaryBets;
import dev.switchboard.application.port.in.lottery.MarkAgencyDoneUseCase;
import dev.switchboard.application.port.in.lottery.StoreBatchUseCase;
import dev.switchboard.application.port.out.telemetry.LotteryErrorKind;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.BetBatch;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lottery's binary dialect on the {@link FramePipeline}. The connection's first int32 names
 * its agency; then each message is a count int32 and {@code count} 70-byte bets, read in place
 * from the read's bytes: answered int32 1 once stored, 0 if refused (nothing of it stored); count
 * 0 is held until the draw, then answered with the winners. A count whose batch would pass the
 * frame limit is answered 0 from the count alone, then the connection closes. The dialect has no
 * error answer for "done", so a refused "done" (unknown agency) closes the connection.
 */
public final class LotteryBinaryPipeline implements FramePipeline.Protocol<LotteryBinaryPipeline.Connection> {

    private static final Logger log = LoggerFactory.getLogger(LotteryBinaryPipeline.class);
    private static final byte[] STORED = BinaryBets.answer(BinaryBets.STORED);
    private static final byte[] REJECTED = BinaryBets.answer(BinaryBets.REJECTED);

    /** The binary dialect's answers: 1 or 0 for a batch, and no answer at all for a failed "done". */
    private static final LotteryFlow.Dialect BINARY = new LotteryFlow.Dialect() {
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

    private final int maxFrameBytes;
    private final LotteryFlow flow;
    private final Telemetry telemetry;

    public LotteryBinaryPipeline(int maxFrameBytes, StoreBatchUseCase batches, MarkAgencyDoneUseCase done,
                                 Telemetry telemetry) {
        if (maxFrameBytes < BinaryBets.frameBytes(1)) {
            throw new IllegalArgumentException("maxFrameBytes must hold at least one bet");
        }
        this.maxFrameBytes = maxFrameBytes;
        this.flow = new LotteryFlow(batches, done, telemetry, BINARY);
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' must not be null");
    }

    /** One connection: its agency once named, and where its messages end. */
    public static final class Connection implements FramePipeline.Framing {
        private final IoSession session;
        private final int maxFrameBytes;
        private boolean helloRead;
        private AgencyId agency;
        private boolean closed;
        private int tooLargeCount;

        Connection(IoSession session, int maxFrameBytes) {
            this.session = session;
            this.maxFrameBytes = maxFrameBytes;
        }

        @Override
        public int frame(byte[] bytes, int from, int end) {
            if (end - from < Integer.BYTES) {
                return 0;
            }
            if (!helloRead) {
                helloRead = true;
                return Integer.BYTES;
            }
            int count = intAt(bytes, from);
            if (count == 0) {
                return Integer.BYTES;
            }
            if (count < 0 || BinaryBets.frameBytes(count) > maxFrameBytes) {
                tooLargeCount = count;
                return TOO_LARGE;
            }
            int frame = (int) BinaryBets.frameBytes(count);
            return end - from < frame ? 0 : frame;
        }
    }

    private static int intAt(byte[] b, int p) {
        return (b[p] << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    @Override
    public Connection open(IoSession session) {
        return new Connection(session, maxFrameBytes);
    }

    @Override
    public FramePipeline.Framing framing(Connection connection) {
        return connection;
    }

    @Override
    public void frames(Connection c, FramePipeline.Frames frames, Replies replies) {
        while (frames.next()) {
            long start = System.nanoTime();
            if (c.closed) {
                continue; // closing: what the agency sent after its bad greeting is not read
            }
            byte[] bytes = frames.bytes();
            int at = frames.start();
            if (c.agency == null) {
                int agency = intAt(bytes, at);
                if (agency < 1) {
                    log.info("lottery-binary: {} named agency {}; closing", c.session.getRemoteAddress(), agency);
                    telemetry.error(LotteryErrorKind.BAD_AGENCY);
                    c.closed = true;
                    c.session.closeNow();
                    continue;
                }
                c.agency = AgencyId.of(agency);
                continue;
            }
            int count = intAt(bytes, at);
            if (count == 0) {
                flow.end(c.session, replies, c.agency, start);
                continue;
            }
            BetBatch bets;
            try {
                bets = BinaryBets.decode(c.agency, count, bytes, at + Integer.BYTES);
            } catch (IllegalArgumentException e) {
                flow.unreadable(LotteryErrorKind.BAD_BATCH, count, e.getMessage());
                replies.ready(REJECTED);
                continue;
            }
            flow.store(c.session, replies, bets, start);
        }
    }

    @Override
    public byte[] tooLarge(Connection c) {
        flow.unreadable(LotteryErrorKind.FRAME_TOO_LARGE, Math.max(0, c.tooLargeCount), "frame too large");
        return REJECTED;
    }
}
