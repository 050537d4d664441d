package dev.switchboard.application.service.tokens;

import dev.switchboard.domain.tokens.ProcessingDelay;
import dev.switchboard.domain.tokens.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The token handlers at work. Each token has a lane: its handler takes the lane's jobs one at a
 * time, in arrival order. Lanes of different tokens run in parallel, at most {@code slots} at
 * once (the {@code --threads} of the server). A job holds its slot for the simulated delay, then
 * runs its step; the delay is a timer on the scheduler, so no thread sleeps or blocks while a
 * handler "works".
 *
 * <p>Lanes waiting for a slot are served in turn (a busy token does not starve the others), and
 * a lane is forgotten as soon as it is empty, so memory follows the work in flight, not the
 * number of tokens ever seen.
 */
public final class HandlerPool implements AutoCloseable {

    private static final class Lane {
        final Token token;
        final ArrayDeque<Job<?>> jobs = new ArrayDeque<>();

        Lane(Token token) {
            this.token = token;
        }
    }

    private record Job<T>(Supplier<? extends CompletionStage<T>> step, CompletableFuture<T> result) {

        void run() {
            try {
                step.get().whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        void refuse(String why) {
            result.completeExceptionally(new RejectedExecutionException(why));
        }
    }

    private final ScheduledExecutorService scheduler;
    private final int slots;
    private final ProcessingDelay delay;
    private final RandomGenerator random;

    /** Lanes with a job running or waiting; a lane here is either running or in {@link #ready}. */
    private final Map<Token, Lane> lanes = new HashMap<>();
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    private int busy;
    private volatile boolean closed;

    /**
     * @param scheduler runs each step once its delay is over (its own threads: never an I/O thread)
     * @param slots     how many handlers may work at once
     * @param random    draws each delay; used under this pool's lock only
     */
    public HandlerPool(ScheduledExecutorService scheduler, int slots, ProcessingDelay delay, RandomGenerator random) {
        this.scheduler = Objects.requireNonNull(scheduler, "'scheduler' must not be null");
        this.delay = Objects.requireNonNull(delay, "'delay' must not be null");
        this.random = Objects.requireNonNull(random, "'random' must not be null");
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be positive");
        }
        this.slots = slots;
    }

    /**
     * Queues a job on the token's handler: after the jobs queued before it on the same token, and
     * after the delay, {@code step} runs and its stage's outcome becomes the returned stage's.
     */
    public <T> CompletableFuture<T> submit(Token token, Supplier<? extends CompletionStage<T>> step) {
        Objects.requireNonNull(token, "'token' must not be null");
        Job<T> job = new Job<>(Objects.requireNonNull(step, "'step' must not be null"), new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                job.refuse("the server is stopping");
                return job.result();
            }
            Lane lane = lanes.get(token);
            if (lane == null) {
                lane = new Lane(token);
                lanes.put(token, lane);
                ready.add(lane);
            }
            lane.jobs.add(job);
            dispatch();
        }
        return job.result();
    }

    /** Whether this pool's handlers take no time: then a token's step may run where it arrived ({@link #runNow}). */
    public boolean delayFree() {
        return delay.isZero();
    }

    /**
     * Runs a step on the calling thread at once, without queueing it on a lane: for a pool whose
     * handlers take no time ({@link #delayFree()}), where queueing would only add a hop to another
     * thread and back. The step must not block. Refused like {@link #submit} once the pool is closed.
     */
    public <T> CompletionStage<T> runNow(Supplier<? extends CompletionStage<T>> step) {
        Objects.requireNonNull(step, "'step' must not be null");
        if (closed) {
            return CompletableFuture.failedFuture(new RejectedExecutionException("the server is stopping"));
        }
        try {
            return step.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Handlers working now. */
    public synchronized int busy() {
        return busy;
    }

    /** Tokens with work running or waiting. */
    public synchronized int activeHandlers() {
        return lanes.size();
    }

    // Holds the lock: starts a job of every waiting lane while slots are free.
    private void dispatch() {
        while (busy < slots && !ready.isEmpty() && !closed) {
            Lane lane = ready.poll();
            Job<?> job = lane.jobs.poll();
            busy++;
            Runnable work = () -> finish(lane, job);
            long nanos = delay.drawNanos(random);
            try {
                if (nanos == 0) {
                    scheduler.execute(work);
                } else {
                    scheduler.schedule(work, nanos, TimeUnit.NANOSECONDS);
                }
            } catch (RejectedExecutionException e) {
                // the scheduler is shut down: nothing queued here can run any more
                busy--;
                job.refuse("the server is stopping");
                refuseAll();
            }
        }
    }

    private void finish(Lane lane, Job<?> job) {
        // the step runs before the lane moves on, so a handler's steps run in order
        job.run();
        synchronized (this) {
            busy--;
            if (lane.jobs.isEmpty()) {
                lanes.remove(lane.token);
            } else {
                ready.add(lane);
            }
            dispatch();
        }
    }

    private void refuseAll() {
        closed = true;
        List<Job<?>> waiting = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            waiting.addAll(lane.jobs);
            lane.jobs.clear();
        }
        ready.clear();
        waiting.forEach(j -> j.refuse("the server is stopping"));
    }

    /** Refuses every job not yet started; jobs already in their delay still finish. */
    @Override
    public synchronized void close() {
        refuseAll();
    }
}
