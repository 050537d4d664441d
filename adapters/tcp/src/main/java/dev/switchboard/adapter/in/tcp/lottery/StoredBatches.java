package dev.switchboard.adapter.in.tcp.lottery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Per connection: the batches received so far, so that a "done" is marked only after them (they
 * count in the draw) but not after an earlier held "done" answer, which would wait for a draw
 * that this very "done" may be the one to trigger.
 */
final class StoredBatches {

    private static final AttributeKey KEY = new AttributeKey(StoredBatches.class, "batches");

    private StoredBatches() {
    }

    /** Records a batch's store stage (its failure counts as settled too). */
    static synchronized void add(IoSession session, CompletionStage<?> stored) {
        CompletableFuture<?> settled = stored.toCompletableFuture().handle((ok, failure) -> null);
        CompletableFuture<?> before = (CompletableFuture<?>) session.getAttribute(KEY);
        session.setAttribute(KEY, before == null || before.isDone() ? settled : CompletableFuture.allOf(before, settled));
    }

    /** Completes once every batch recorded so far on this connection is settled. */
    static synchronized CompletableFuture<?> settled(IoSession session) {
        CompletableFuture<?> all = (CompletableFuture<?>) session.getAttribute(KEY);
        return all == null ? CompletableFuture.completedFuture(null) : all;
    }
}
