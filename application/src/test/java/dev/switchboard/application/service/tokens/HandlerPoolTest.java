package dev.switchboard.application.service.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.tokens.ProcessingDelay;
import dev.switchboard.domain.tokens.Token;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandlerPoolTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private HandlerPool pool(int slots, long delayMillis) {
        return new HandlerPool(scheduler, slots, ProcessingDelay.ofMillis(delayMillis), new SplittableRandom(7));
    }

    private static void join(List<CompletableFuture<?>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void sameToken_runsOneAtATimeInArrivalOrder() {
        HandlerPool pool = pool(4, 0);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<CompletableFuture<?>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            results.add(pool.submit(Token.of("abc"), () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(n);
                running.decrementAndGet();
                return CompletableFuture.completedFuture(n);
            }));
        }

        join(results);

        assertThat(order).hasSize(200).isSorted();
        assertThat(mostAtOnce.get()).isEqualTo(1);
        // the last result completes just before its lane is dropped: wait for the bookkeeping
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(pool.activeHandlers()).as("an idle lane is forgotten").isZero());
    }

    @Test
    void differentTokens_runInParallel_butNoMoreThanTheSlots() throws InterruptedException {
        HandlerPool pool = pool(2, 0);
        CountDownLatch firstTwoStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch thirdStarted = new CountDownLatch(1);
        List<CompletableFuture<?>> results = new ArrayList<>();
        for (String token : List.of("a", "b")) {
            results.add(pool.submit(Token.of(token), () -> {
                firstTwoStarted.countDown();
                awaitQuietly(release);
                return CompletableFuture.completedFuture(token);
            }));
        }
        results.add(pool.submit(Token.of("c"), () -> {
            thirdStarted.countDown();
            return CompletableFuture.completedFuture("c");
        }));

        assertThat(firstTwoStarted.await(5, TimeUnit.SECONDS)).as("two handlers work at once").isTrue();
        assertThat(thirdStarted.await(200, TimeUnit.MILLISECONDS)).as("a third waits for a slot").isFalse();
        assertThat(pool.busy()).isEqualTo(2);
        release.countDown();
        join(results);
        assertThat(thirdStarted.getCount()).isZero();
    }

    @Test
    void delay_holdsTheSlot_soOneSlotRunsHandlersOneAfterAnother() {
        HandlerPool pool = pool(1, 50);
        long start = System.nanoTime();
        List<CompletableFuture<?>> results = new ArrayList<>();
        for (String token : List.of("a", "b", "c")) {
            results.add(pool.submit(Token.of(token), () -> CompletableFuture.completedFuture(token)));
        }

        join(results);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(3 * 45));
    }

    @Test
    void everyStep_waitsAtLeastTheShortestDelay() {
        HandlerPool pool = pool(4, 100);
        List<CompletableFuture<?>> results = new ArrayList<>();
        List<Long> waited = Collections.synchronizedList(new ArrayList<>());
        for (String token : List.of("a", "b", "c", "d")) {
            long submitted = System.nanoTime();
            results.add(pool.submit(Token.of(token), () -> {
                waited.add(System.nanoTime() - submitted);
                return CompletableFuture.completedFuture(token);
            }));
        }

        join(results);

        assertThat(waited).hasSize(4).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(Duration.ofMillis(90).toNanos()));
    }

    @Test
    void aFailingStep_failsOnlyItsOwnJob() {
        HandlerPool pool = pool(2, 0);
        CompletableFuture<String> failed = pool.submit(Token.of("a"), () -> {
            throw new IllegalStateException("boom");
        });
        CompletableFuture<String> failedLater = pool.submit(Token.of("a"),
                () -> CompletableFuture.failedFuture(new IllegalStateException("later")));
        CompletableFuture<String> next = pool.submit(Token.of("a"), () -> CompletableFuture.completedFuture("ok"));

        assertThat(next.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo("ok");
        assertThatThrownBy(failed::join).hasRootCauseMessage("boom");
        assertThatThrownBy(failedLater::join).hasRootCauseMessage("later");
    }

    @Test
    void close_refusesWaitingAndNewJobs() {
        HandlerPool pool = pool(1, 0);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> running = pool.submit(Token.of("a"), () -> {
            started.countDown();
            awaitQuietly(release);
            return CompletableFuture.completedFuture("done");
        });
        CompletableFuture<String> waiting = pool.submit(Token.of("b"), () -> CompletableFuture.completedFuture("b"));
        awaitQuietly(started);

        pool.close();
        release.countDown();

        assertThat(running.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo("done");
        assertThatThrownBy(waiting::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> pool.submit(Token.of("c"), () -> CompletableFuture.completedFuture("c")).join())
                .hasCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aShutDownScheduler_refusesInsteadOfLosingJobs() {
        HandlerPool pool = pool(1, 0);
        scheduler.shutdown();

        CompletableFuture<String> refused = pool.submit(Token.of("a"), () -> CompletableFuture.completedFuture("a"));

        assertThatThrownBy(refused::join).hasCauseInstanceOf(RejectedExecutionException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
