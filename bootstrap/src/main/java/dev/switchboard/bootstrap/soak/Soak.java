package dev.switchboard.bootstrap.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A soak of one running server: {@code clients} well-behaved connections, all open at once, each
 * checking that every answer is exactly right, while a client spews random bytes, one sends a
 * message that never ends, and one pipelines without ever reading; then one fresh client. One
 * thread per connection (small stacks), every wait bounded.
 */
public final class Soak {

    /** Wrong answers shown in the report. */
    static final int SHOWN = 5;
    private static final long STACK_BYTES = 256 * 1024;

    private Soak() {
    }

    /** The protocol for a service name: metrics, tokens or lottery. */
    public static Optional<SoakProtocol> protocol(String service, SoakSettings settings) {
        switch (service) {
            case "metrics":
                return Optional.of(new MetricsSoak());
            case "tokens":
                return Optional.of(new TokensSoak());
            case "lottery":
                return Optional.of(new LotterySoak((int) settings.time().toMillis() + Wire.READ_TIMEOUT_MILLIS));
            default:
                return Optional.empty();
        }
    }

    public static SoakResult run(String service, InetSocketAddress server, SoakSettings settings)
            throws InterruptedException {
        SoakProtocol protocol = protocol(service, settings)
                .orElseThrow(() -> new IllegalArgumentException("no soak for '" + service + "'"));
        return run(protocol, server, settings);
    }

    static SoakResult run(SoakProtocol protocol, InetSocketAddress server, SoakSettings settings)
            throws InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak-timer");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicBoolean stop = new AtomicBoolean();
            HostileClients hostile = new HostileClients(protocol, server, settings, stop, timer);
            List<AtomicReference<HostileOutcome>> outcomes = new ArrayList<>();
            List<Thread> hostileThreads = new ArrayList<>();
            for (String name : List.of("spew", "endless", "pipeline")) {
                AtomicReference<HostileOutcome> outcome = new AtomicReference<>();
                outcomes.add(outcome);
                Thread t = new Thread(() -> outcome.set(switch (name) {
                    case "spew" -> hostile.spew();
                    case "endless" -> hostile.endless();
                    default -> hostile.pipeline();
                }), "soak-" + name);
                t.setDaemon(true);
                hostileThreads.add(t);
                t.start();
            }

            long start = System.nanoTime();
            Good good = runGood(protocol, server, settings);
            double seconds = (System.nanoTime() - start) / 1e9;

            stop.set(true);
            List<HostileOutcome> hostileOutcomes = new ArrayList<>();
            for (int i = 0; i < hostileThreads.size(); i++) {
                hostileThreads.get(i).join(settings.stall().toMillis() + 2L * Wire.READ_TIMEOUT_MILLIS);
                HostileOutcome outcome = outcomes.get(i).get();
                hostileOutcomes.add(outcome != null ? outcome
                        : new HostileOutcome(hostileThreads.get(i).getName(), 0, 0, 0, 0, 0,
                                Optional.of("did not end in time")));
            }

            Optional<String> fresh;
            try (Wire wire = new Wire(server)) {
                fresh = Optional.ofNullable(protocol.fresh(wire, settings.clients(), settings.requests()));
            } catch (IOException e) {
                fresh = Optional.of("the fresh client failed: " + e.getMessage());
            }
            return new SoakResult(protocol.service(), settings.clients(), settings.requests(), good.right.get(),
                    List.copyOf(good.wrong), good.wrongCount.get(), hostileOutcomes, fresh, seconds);
        } finally {
            timer.shutdownNow();
        }
    }

    private static final class Good {
        final AtomicInteger right = new AtomicInteger();
        final AtomicInteger wrongCount = new AtomicInteger();
        final List<String> wrong = Collections.synchronizedList(new ArrayList<>());

        void wrong(String what) {
            if (wrongCount.incrementAndGet() <= SHOWN) {
                wrong.add(what);
            }
        }
    }

    /** Opens every well-behaved connection, then lets them all go at once, and waits for them (bounded). */
    private static Good runGood(SoakProtocol protocol, InetSocketAddress server, SoakSettings settings)
            throws InterruptedException {
        Good good = new Good();
        CountDownLatch connected = new CountDownLatch(settings.clients());
        CountDownLatch go = new CountDownLatch(1);
        List<Wire> wires = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < settings.clients(); c++) {
            int index = c;
            Thread thread = new Thread(null, () -> {
                Wire wire = null;
                try {
                    wire = new Wire(server);
                    wires.add(wire);
                    connected.countDown();
                    if (!go.await(settings.time().toMillis(), TimeUnit.MILLISECONDS)) {
                        good.wrong("client " + index + " never started");
                        return;
                    }
                    String wrong = protocol.converse(wire, index, settings.requests());
                    if (wrong == null) {
                        good.right.incrementAndGet();
                    } else {
                        good.wrong(wrong);
                    }
                } catch (IOException e) {
                    connected.countDown();
                    good.wrong("client " + index + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    good.wrong("client " + index + " interrupted");
                } finally {
                    if (wire != null) {
                        wire.close();
                    }
                }
            }, "soak-client-" + c, STACK_BYTES);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        connected.await(settings.time().toMillis(), TimeUnit.MILLISECONDS);
        go.countDown();
        long deadline = System.nanoTime() + settings.time().toNanos() + TimeUnit.MILLISECONDS.toNanos(Wire.READ_TIMEOUT_MILLIS);
        for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            // still waiting past every bound: close them, which ends their reads
            List.copyOf(wires).forEach(Wire::close);
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        }
        return good;
    }
}
