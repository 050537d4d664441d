package dev.switchboard.adapter.in.tcp.lottery;

import dev.switchboard.adapter.in.tcp.common.pipeline.FramePipeline;
import dev.switchboard.adapter.in.tcp.common.pipeline.Replies;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.mina.core.session.IoSession;

/**
 * The lottery's text dialect on the {@link FramePipeline}: frames of an 8-byte big-endian length
 * and that many bytes of body, each body read in place from the read's bytes. A batch is answered
 * once stored (for H2, once committed); {@code END} is held until the draw without blocking an
 * I/O thread; the answers of one read leave in one write, in request order. A length over the
 * limit is answered {@code error;frame too large} from the prefix alone, then the connection closes.
 */
public final class LotteryTextPipeline implements FramePipeline.Protocol<IoSession> {

    /** The text dialect's answers, each a frame: every refusal has its {@code error;} line. */
    private static final LotteryFlow.Dialect TEXT = new LotteryFlow.Dialect() {
        private final byte[] stored = frame(LotteryTextResponse.SUCCESS);
        private final byte[] storageFailed = frame(LotteryTextResponse.STORAGE_FAILED);

        @Override
        public String name() {
            return "lottery";
        }

        @Override
        public byte[] stored() {
            return stored;
        }

        @Override
        public byte[] refused(String reason) {
            return frame(LotteryTextResponse.error(reason));
        }

        @Override
        public byte[] storageFailed() {
            return storageFailed;
        }

        @Override
        public byte[] winners(List<Integer> documents) {
            return frame(LotteryTextResponse.winners(documents));
        }

        @Override
        public Optional<byte[]> doneRefused(String reason) {
            return Optional.of(frame(LotteryTextResponse.error(reason)));
        }

        @Override
        public Optional<byte[]> doneFailed() {
            return Optional.of(storageFailed);
        }

        @Override
        public byte[] closing() {
            return storageFailed;
        }
    };

    private static final byte[] FRAME_TOO_LARGE = frame(LotteryTextResponse.FRAME_TOO_LARGE);
    private static final byte[] NOT_UTF8 = frame(LotteryTextResponse.error("frame is not valid UTF-8"));

    private final int maxFrameBytes;
    private final LotteryFlow flow;
    private final QueryWinnersUseCase winners;
    private final Telemetry telemetry;

    public LotteryTextPipeline(int maxFrameBytes, StoreBatchUseCase batches, MarkAgencyDoneUseCase done,
                               QueryWinnersUseCase winners, Telemetry telemetry) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive");
        }
        this.maxFrameBytes = maxFrameBytes;
        this.flow = new LotteryFlow(batches, done, telemetry, TEXT);
        this.winners = Objects.requireNonNull(winners, "'winners' must not be null");
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' must not be null");
    }

    /** The answer as a frame: its UTF-8 length as 8 bytes, big-endian, then the UTF-8 bytes. */
    static byte[] frame(String answer) {
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[TextFrame.PREFIX_BYTES + body.length];
        long n = body.length;
        for (int i = 0; i < TextFrame.PREFIX_BYTES; i++) {
            out[i] = (byte) (n >>> (8 * (TextFrame.PREFIX_BYTES - 1 - i)));
        }
        System.arraycopy(body, 0, out, TextFrame.PREFIX_BYTES, body.length);
        return out;
    }

    @Override
    public IoSession open(IoSession session) {
        return session;
    }

    @Override
    public FramePipeline.Framing framing(IoSession session) {
        return (bytes, from, end) -> {
            if (end - from < TextFrame.PREFIX_BYTES) {
                return 0;
            }
            long length = 0;
            for (int i = 0; i < TextFrame.PREFIX_BYTES; i++) {
                length = (length << 8) | (bytes[from + i] & 0xFF);
            }
            // over 2^63 reads negative
            if (length < 0 || length > maxFrameBytes) {
                return FramePipeline.Framing.TOO_LARGE;
            }
            return end - from < TextFrame.PREFIX_BYTES + length ? 0 : (int) (TextFrame.PREFIX_BYTES + length);
        };
    }

    @Override
    public void frames(IoSession session, FramePipeline.Frames frames, Replies replies) {
        while (frames.next()) {
            long start = System.nanoTime();
            LotteryTextRequest request = LotteryTextRequest.parse(frames.bytes(),
                    frames.start() + TextFrame.PREFIX_BYTES, frames.length() - TextFrame.PREFIX_BYTES);
            if (request instanceof LotteryTextRequest.Batch batch) {
                flow.store(session, replies, batch.batch(), start);
            } else if (request instanceof LotteryTextRequest.NotUtf8) {
                flow.unreadable(LotteryErrorKind.BAD_UTF8, 0, "frame is not UTF-8");
                replies.ready(NOT_UTF8);
            } else if (request instanceof LotteryTextRequest.End end) {
                flow.end(session, replies, end.agency(), start);
            } else if (request instanceof LotteryTextRequest.Winners query) {
                replies.ready(frame(winners(query.agency(), start)));
            } else if (request instanceof LotteryTextRequest.BadBatch bad) {
                flow.unreadable(LotteryErrorKind.BAD_BATCH, bad.count(), bad.reason());
                replies.ready(frame(LotteryTextResponse.error(bad.reason())));
            } else if (request instanceof LotteryTextRequest.Wrong wrong) {
                telemetry.error(LotteryErrorKind.BAD_REQUEST);
                replies.ready(frame(LotteryTextResponse.error(wrong.reason())));
            }
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
    public byte[] tooLarge(IoSession session) {
        flow.unreadable(LotteryErrorKind.FRAME_TOO_LARGE, 0, "frame too large");
        return FRAME_TOO_LARGE;
    }
}
