package dev.switchboard.adapter.in.tcp.lottery;

import dev.switchboard.adapter.in.tcp.common.StorageFailures;
import dev.switchboard.adapter.in.tcp.common.pipeline.Replies;
import dev.switchboard.application.port.Failures;
import dev.switchboard.application.port.in.lottery.MarkAgencyDoneUseCase;
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
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both lottery dialects do with a batch and with "done": store, answer once stored, and
 * hold "done" until this connection's earlier batches are settled and the draw has happened.
 * Only the spelling of the answers differs, which each dialect gives as a {@link Dialect}, as the
 * bytes to write. Answers go to the connection's {@link Replies} (the frame pipeline): a batch a
 * store took at once (in memory) is answered without a future; one that waits for its commit,
 * and "done" waiting for the draw, hold back the answers after them, in order.
 */
final class LotteryFlow {

    /** How one dialect spells its answers, as the bytes to write. */
    interface Dialect {

        /** The listener's name in log lines. */
        String name();

        byte[] stored();

        /** A batch the lottery refused. */
        byte[] refused(String reason);

        byte[] storageFailed();

        byte[] winners(List<Integer> documents);

        /** The answer to a refused "done", or empty when the dialect has none (then the connection closes). */
        Optional<byte[]> doneRefused(String reason);

        /** The answer when "done" failed in storage, or empty when the dialect has none (then it closes). */
        Optional<byte[]> doneFailed();

        /** What is queued in place of an answer when the connection closes instead. */
        byte[] closing();
    }

    private static final Logger log = LoggerFactory.getLogger(LotteryFlow.class);

    private final StoreBatchUseCase batches;
    private final MarkAgencyDoneUseCase done;
    private final Telemetry telemetry;
    private final Dialect dialect;

    LotteryFlow(StoreBatchUseCase batches, MarkAgencyDoneUseCase done, Telemetry telemetry, Dialect dialect) {
        this.batches = Objects.requireNonNull(batches, "'batches' must not be null");
        this.done = Objects.requireNonNull(done, "'done' must not be null");
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' must not be null");
        this.dialect = Objects.requireNonNull(dialect, "'dialect' must not be null");
    }

    /** A batch that could not be read: told as refused, counted under {@code kind}. */
    void unreadable(LotteryErrorKind kind, int count, String reason) {
        telemetry.error(kind);
        batches.refuse(count, reason);
    }

    void store(IoSession session, Replies replies, BetBatch batch, long start) {
        CompletionStage<Void> saved;
        try {
            saved = batches.store(batch);
        } catch (LotteryRejection r) {
            telemetry.error(LotteryErrorKind.REJECTED);
            replies.ready(dialect.refused(r.reason()));
            return;
        }
        CompletableFuture<Void> stored = saved.toCompletableFuture();
        if (stored.isDone() && !stored.isCompletedExceptionally()) {
            // stored at once (in memory): settled already, answered without a future
            telemetry.answered(LotteryRequestKind.BATCH, start);
            replies.ready(dialect.stored());
            return;
        }
        StoredBatches.of(session).add(saved);
        byte[] success = dialect.stored();
        replies.later(stored.handle((ok, failure) -> {
            if (failure != null) {
                StorageFailures.told(log, telemetry, failure, "{}: a batch of agency {} could not be stored",
                        dialect.name(), batch.agency());
                return dialect.storageFailed();
            }
            telemetry.answered(LotteryRequestKind.BATCH, start);
            return success;
        }), success.length);
    }

    void end(IoSession session, Replies replies, AgencyId agency, long start) {
        // after this connection's earlier batches are settled, so they count in the draw; the
        // pipeline keeps a connection waiting for this answer exempt from the idle timeout
        CompletableFuture<byte[]> answer = StoredBatches.of(session).settled()
                .thenCompose(v -> heldAnswer(agency))
                .handle((held, failure) -> {
                    if (failure != null) {
                        Optional<byte[]> failed = Failures.root(failure) instanceof LotteryRejection
                                ? Optional.empty() : dialect.doneFailed();
                        if (failed.isEmpty()) {
                            session.closeOnFlush();
                            return dialect.closing();
                        }
                        StorageFailures.told(log, telemetry, failure, "{}: END of agency {} failed", dialect.name(), agency);
                        return failed.get();
                    }
                    telemetry.answered(LotteryRequestKind.END, start);
                    return held;
                });
        replies.later(answer);
    }

    private CompletionStage<byte[]> heldAnswer(AgencyId agency) {
        try {
            return done.markDone(agency).thenApply(dialect::winners);
        } catch (LotteryRejection r) {
            telemetry.error(LotteryErrorKind.REJECTED);
            Optional<byte[]> refusal = dialect.doneRefused(r.reason());
            if (refusal.isPresent()) {
                return CompletableFuture.completedFuture(refusal.get());
            }
            log.info("{}: done refused for agency {}: {}; closing", dialect.name(), agency, r.reason());
            return CompletableFuture.failedFuture(r);
        }
    }
}
