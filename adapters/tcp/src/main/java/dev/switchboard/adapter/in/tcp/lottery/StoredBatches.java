package dev.switchboard.adapter.in.tcp.lottery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Per connection: the batches received so far, so that a "done" is marked only after them (they
 * count in the draw) but not after an earlier held "done" answer, which would wait for a draw
 * that this very "done" may be the one to trigger. Each connection has its own, guarded by its
 * own lock: connections never wait for each other.
 */
final class StoredBatches {

    private static final AttributeKey KEY = new AttributeKey(StoredBatches.class, "batches");

    private CompletableFuture<?> all = CompletableFuture.completedFuture(null);

    private StoredBatches() {
    }

    /** The connection's record, made on first use. */
    static StoredBatches of(IoSession session) {
        StoredBatches mine = (StoredBatches) session.getAttribute(KEY);
        if (mine == null) {
            StoredBatches fresh = new StoredBatches();
            mine = (StoredBatches) session.setAttributeIfAbsent(KEY, fresh);
            if (mine == null) {
                mine = fresh;
            }
        }
        return mine;
    }

    /** Records a batch's store stage (its failure counts as settled too). */
    synchronized void add(CompletionStage<?> stored) {
        CompletableFuture<?> settled = stored.toCompletableFuture().handle((ok, failure) -> null);
        all = all.isDone() ? settled : CompletableFuture.allOf(all, settled);
    }

    /** Completes once every batch recorded so far on this connection is settled. */
    synchronized CompletableFuture<?> settled() {
        return all;
    }
}
