package dev.switchboard.bootstrap.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The loop every bench shares: one thread per connection, each sending rounds of requests and
 * waiting for their answers until its share of the requests is done or the time is up, then
 * finishing (the lottery's END and draw). Bounded in count and in time: a round never starts after
 * the time bound, and a connection still open {@link #GRACE} after it is closed, which ends any wait.
 */
final class LoadDriver {

    /** How long after the time bound the last answers (and the lottery's draw) may take. */
    static final Duration GRACE = Duration.ofSeconds(15);

    /** One client connection of a bench. Used by one thread, except {@link #close()}. */
    interface Connection extends AutoCloseable {

        /** Sends {@code n} requests as one round and waits for all their answers; returns how many were refused. */
        int round(int n) throws Exception;

        /** After the last round. */
        default void finish() throws Exception {
        }

        /** Releases the connection; may be called from another thread to end a wait. */
        @Override
        void close();
    }

    /** Opens connection {@code index} (0-based). */
    @FunctionalInterface
    interface Opener {
        Connection open(int index) throws Exception;
    }

    /**
     * What the connections did.
     *
     * @param ops        requests answered with success
     * @param errors     requests refused, plus one per connection that failed
     * @param seconds    from the start to the end of the last round (the finish is not counted)
     * @param roundNanos each round's time from its first write to its last answer
     * @param firstError what went wrong first, if anything did
     * @param clientCpuNanos CPU time the connections' own threads used (the load, not the server)
     */
    record Measured(long ops, long errors, double seconds, long[] roundNanos, Optional<String> firstError,
                    long clientCpuNanos) {

        /** Without the load's CPU time (unknown: no server CPU figure is printed then). */
        Measured(long ops, long errors, double seconds, long[] roundNanos, Optional<String> firstError) {
            this(ops, errors, seconds, roundNanos, firstError, -1);
        }

        double perSecond(double count) {
            return seconds > 0 ? count / seconds : 0;
        }
    }

    private LoadDriver() {
    }

    /**
     * Runs {@code settings.conns()} connections, each sending its share of {@code settings.ops()}
     * requests in rounds of at most {@code perRound}.
     */
    static Measured run(LoadSettings settings, int perRound, Opener opener) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + settings.time().toNanos();
        AtomicLong ops = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong roundsEnd = new AtomicLong(start);
        AtomicLong clientCpu = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Set<Connection> open = ConcurrentHashMap.newKeySet();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < settings.conns(); c++) {
            int index = c;
            Latencies rounds = new Latencies();
            latencies.add(rounds);
            Thread thread = new Thread(() -> {
                Connection connection = null;
                try {
                    connection = opener.open(index);
                    open.add(connection);
                    long share = settings.share(index);
                    long sent = 0;
                    try {
                        while (sent < share && System.nanoTime() < deadline) {
                            int n = (int) Math.min(perRound, share - sent);
                            long t0 = System.nanoTime();
                            int refused = connection.round(n);
                            rounds.add(System.nanoTime() - t0);
                            ops.addAndGet(n - refused);
                            if (refused > 0) {
                                errors.addAndGet(refused);
                                firstError.compareAndSet(null, "connection " + index + ": " + refused + " of "
                                        + n + " requests refused");
                            }
                            sent += n;
                        }
                    } finally {
                        roundsEnd.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                    connection.finish();
                } catch (Exception e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, "connection " + index + ": " + describe(e));
                } finally {
                    if (connection != null) {
                        open.remove(connection);
                        connection.close();
                    }
                    clientCpu.addAndGet(Cpu.currentThread());
                }
            }, "bench-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long hardDeadline = deadline + GRACE.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (hardDeadline - System.nanoTime()) / 1_000_000));
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            firstError.compareAndSet(null, "still waiting " + GRACE.toSeconds() + " s after the time bound; closed");
            open.forEach(Connection::close);
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        }
        long[] all = latencies.stream().flatMapToLong(Latencies::stream).toArray();
        return new Measured(ops.get(), errors.get(), (roundsEnd.get() - start) / 1e9, all,
                Optional.ofNullable(firstError.get()), clientCpu.get());
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** A growable list of round times, written by one connection's thread, read after it ended. */
    private static final class Latencies {
        private long[] values = new long[256];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        java.util.stream.LongStream stream() {
            return Arrays.stream(values, 0, size);
        }
    }
}
