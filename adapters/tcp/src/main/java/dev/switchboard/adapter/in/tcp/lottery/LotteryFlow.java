package dev.switchboard.adapter.in.tcp.lottery;

import dev.switchboard.adapter.in.tcp.common.ConnectionGuardFilter;
import dev.switchboard.adapter.in.tcp.common.ReplySequencer;
import dev.switchboard.adapter.in.tcp.common.StorageFailures;
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
 * Only the spelling of the answers differs, which each dialect gives as a {@link Dialect}.
 */
final class LotteryFlow<A> {

    /** How one dialect spells its answers. */
    interface Dialect<A> {

        /** The listener's name in log lines. */
        String name();

        A stored();

        /** A batch the lottery refused. */
        A refused(String reason);

        A storageFailed();

        A winners(List<Integer> documents);

        /** The answer to a refused "done", or empty when the dialect has none (then the connection closes). */
        Optional<A> doneRefused(String reason);

        /** The answer when "done" failed in storage, or empty when the dialect has none (then it closes). */
        Optional<A> doneFailed();

        /** What is queued in place of an answer when the connection closes instead. */
        A closing();
    }

    private static final Logger log = LoggerFactory.getLogger(LotteryFlow.class);

    private final StoreBatchUseCase batches;
    private final MarkAgencyDoneUseCase done;
    private final Telemetry telemetry;
    private final Dialect<A> dialect;

    LotteryFlow(StoreBatchUseCase batches, MarkAgencyDoneUseCase done, Telemetry telemetry, Dialect<A> dialect) {
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

    void store(IoSession session, ReplySequencer replies, BetBatch batch, long start) {
        CompletionStage<Void> saved;
        try {
            saved = batches.store(batch);
        } catch (LotteryRejection r) {
            telemetry.error(LotteryErrorKind.REJECTED);
            replies.enqueueNow(dialect.refused(r.reason()));
            return;
        }
        StoredBatches.of(session).add(saved);
        replies.enqueue(saved.handle((ok, failure) -> {
            if (failure != null) {
                StorageFailures.told(log, telemetry, failure, "{}: a batch of agency {} could not be stored",
                        dialect.name(), batch.agency());
                return dialect.storageFailed();
            }
            telemetry.answered(LotteryRequestKind.BATCH, start);
            return dialect.stored();
        }));
    }

    void end(IoSession session, ReplySequencer replies, AgencyId agency, long start) {
        ConnectionGuardFilter.exemptFromIdle(session, true);
        // after this connection's earlier batches are settled, so they count in the draw
        CompletableFuture<A> answer = StoredBatches.of(session).settled()
                .thenCompose(v -> heldAnswer(agency))
                .handle((held, failure) -> {
                    ConnectionGuardFilter.exemptFromIdle(session, false);
                    if (failure != null) {
                        Optional<A> failed = Failures.root(failure) instanceof LotteryRejection
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
        replies.enqueue(answer);
    }

    private CompletionStage<A> heldAnswer(AgencyId agency) {
        try {
            return done.markDone(agency).thenApply(dialect::winners);
        } catch (LotteryRejection r) {
            telemetry.error(LotteryErrorKind.REJECTED);
            Optional<A> refusal = dialect.doneRefused(r.reason());
            if (refusal.isPresent()) {
                return CompletableFuture.completedFuture(refusal.get());
            }
            log.info("{}: done refused for agency {}: {}; closing", dialect.name(), agency, r.reason());
            return CompletableFuture.failedFuture(r);
        }
    }
}
