package dev.switchboard.bootstrap.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The three clients that misbehave while the well-behaved ones run: one spews random bytes (and
 * reads what comes back, which must be the protocol's answers), one sends a message that never
 * ends (the server must close it, having read a bounded amount), one pipelines requests without
 * ever reading (the server must stop reading it). Each goes on, reconnecting when closed, until
 * told to stop or its byte budget is spent.
 */
final class HostileClients {

    /** Bytes one connection of the endless message may send before the server is judged to read it without end. */
    static final long ENDLESS_CAP = 32L * 1024 * 1024;
    /** Bytes one never-reading connection may send before the server is judged never to push back. */
    static final long PIPELINE_CAP = 512L * 1024 * 1024;
    /** What the never-reading pipeliner may send at least, whatever the hostile budget: enough that it must be pushed back. */
    static final long PIPELINE_BUDGET = 192L * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final SoakProtocol protocol;
    private final InetSocketAddress server;
    private final SoakSettings settings;
    private final AtomicBoolean stop;
    private final ScheduledExecutorService timer;

    HostileClients(SoakProtocol protocol, InetSocketAddress server, SoakSettings settings, AtomicBoolean stop,
                   ScheduledExecutorService timer) {
        this.protocol = protocol;
        this.server = server;
        this.settings = settings;
        this.stop = stop;
        this.timer = timer;
    }

    /** Tallies of one hostile client, kept by its own thread (answers by its reader). */
    private final class Tally {
        final String name;
        final AtomicLong answers = new AtomicLong();
        final AtomicReference<String> problem = new AtomicReference<>();
        long sent;
        int connections;
        int closes;
        int stalls;

        final long budget;

        Tally(String name) {
            this(name, settings.hostileBytes());
        }

        Tally(String name, long budget) {
            this.name = name;
            this.budget = budget;
        }

        boolean goOn() {
            return !stop.get() && sent < budget && problem.get() == null;
        }

        /**
         * Like {@link #goOn()}, but past the stop until the server has answered this client's
         * misbehaviour once (closed it or stopped reading it): a soak must see that, however
         * quickly its well-behaved clients finish. The byte budget still bounds it.
         */
        boolean goOnUntilAnswered() {
            boolean answered = closes + stalls > 0;
            return (!stop.get() || !answered) && sent < budget && problem.get() == null;
        }

        HostileOutcome outcome() {
            return new HostileOutcome(name, sent, connections, answers.get(), closes, stalls,
                    Optional.ofNullable(problem.get()));
        }
    }

    HostileOutcome spew() {
        Tally tally = new Tally("spew");
        Random random = new Random(settings.seed());
        while (tally.goOn()) {
            withConnection(tally, true, wire -> {
                while (tally.goOn()) {
                    byte[] junk = protocol.junk(random, CHUNK);
                    if (!wire.writeWithin(junk, settings.stall().toMillis(), timer)) {
                        tally.stalls++;
                        return;
                    }
                    tally.sent += junk.length;
                }
            });
        }
        return tally.outcome();
    }

    HostileOutcome endless() {
        Tally tally = new Tally("endless");
        byte[] more = protocol.endlessMore();
        while (tally.goOnUntilAnswered()) {
            withConnection(tally, true, wire -> {
                long before = tally.sent;
                send(wire, tally, protocol.endlessStart());
                while (tally.goOnUntilAnswered()) {
                    if (tally.sent - before > ENDLESS_CAP) {
                        tally.problem.compareAndSet(null, "the server read " + (tally.sent - before)
                                + " bytes of one endless message without closing");
                        return;
                    }
                    if (!send(wire, tally, more)) {
                        return;
                    }
                }
            });
        }
        return tally.outcome();
    }

    HostileOutcome pipeline() {
        // small answers (a metrics put's is 4 bytes for 23 sent) fit the server's bounded write queue
        // and both socket buffers for a long while: the pipeliner may send until the server must push back
        Tally tally = new Tally("pipeline", Math.max(settings.hostileBytes(), PIPELINE_BUDGET));
        byte[] one = protocol.pipelined();
        ByteArrayOutputStream many = new ByteArrayOutputStream(CHUNK + one.length);
        while (many.size() < CHUNK) {
            many.writeBytes(one);
        }
        byte[] chunk = many.toByteArray();
        while (tally.goOnUntilAnswered()) {
            withConnection(tally, false, wire -> {
                long before = tally.sent;
                if (protocol.pipelineStart().length > 0 && !send(wire, tally, protocol.pipelineStart())) {
                    return;
                }
                while (tally.goOnUntilAnswered()) {
                    if (tally.sent - before > PIPELINE_CAP) {
                        tally.problem.compareAndSet(null, "the server took " + (tally.sent - before)
                                + " bytes of requests from a client that never reads, without pushing back");
                        return;
                    }
                    if (!send(wire, tally, chunk)) {
                        return;
                    }
                }
            });
        }
        return tally.outcome();
    }

    /** Writes; false when the write stalled (the socket is then closed) and the connection is over. */
    private boolean send(Wire wire, Tally tally, byte[] bytes) throws IOException {
        if (!wire.writeWithin(bytes, settings.stall().toMillis(), timer)) {
            tally.stalls++;
            return false;
        }
        tally.sent += bytes.length;
        return true;
    }

    @FunctionalInterface
    private interface Conversation {
        void run(Wire wire) throws IOException;
    }

    /** One connection: the conversation writes; with {@code read}, a reader checks every answer meanwhile. */
    private void withConnection(Tally tally, boolean read, Conversation conversation) {
        Wire wire;
        try {
            wire = new Wire(server);
        } catch (IOException e) {
            tally.problem.compareAndSet(null, "a new connection failed: " + e.getMessage());
            return;
        }
        tally.connections++;
        Thread reader = null;
        if (read) {
            reader = new Thread(() -> readAnswers(wire, tally), "soak-" + tally.name + "-reader");
            reader.setDaemon(true);
            reader.start();
        }
        try {
            conversation.run(wire);
        } catch (IOException e) {
            // the server closed (or reset) the connection: expected for junk it refuses
            tally.closes++;
        } finally {
            wire.close();
            if (reader != null) {
                try {
                    reader.join(Wire.READ_TIMEOUT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void readAnswers(Wire wire, Tally tally) {
        try {
            while (protocol.readAnswer(wire.in()) != null) {
                tally.answers.incrementAndGet();
            }
        } catch (SoakProtocol.ProtocolViolation e) {
            tally.problem.compareAndSet(null, e.getMessage());
        } catch (IOException e) {
            // closed: by the server, or by us when done
        }
    }
}
