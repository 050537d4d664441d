package dev.switchboard.bootstrap;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into an orderly stop: the waiting role wakes up, closes
 * what it started and returns 0. A second signal, or a stop that takes longer than the grace
 * period, ends the process at once.
 */
public final class ShutdownSignal {

    private static final Logger log = LoggerFactory.getLogger(ShutdownSignal.class);
    /** The whole stop must fit in 5 s; past this the process halts. */
    private static final long GRACE_MILLIS = 4_500;

    /** Signals this close together are one request delivered twice. */
    private static final long DUPLICATE_WINDOW_NANOS = 1_000_000_000L;

    private final CountDownLatch requested = new CountDownLatch(1);
    private long firstRequest;
    private volatile boolean completed;
    private Thread watchdog;

    /** Installs the handlers; call once per process. */
    public static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> signal.request(name));
            } catch (IllegalArgumentException e) {
                log.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
        return signal;
    }

    /** A signal that only a call to {@link #request} fires: for tests and embedding. */
    public static ShutdownSignal manual() {
        return new ShutdownSignal();
    }

    public synchronized void request(String why) {
        long now = System.nanoTime();
        if (requested.getCount() == 0) {
            // One signal often arrives twice (sent to the process and to its group, as timeout(1)
            // and service managers do): only a repeat a human could make counts as "stop now".
            if (now - firstRequest > DUPLICATE_WINDOW_NANOS) {
                log.warn("second stop request ({}): exiting now", why);
                Runtime.getRuntime().halt(1);
            }
            return;
        }
        firstRequest = now;
        log.info("stopping ({})", why);
        requested.countDown();
        watchdog = new Thread(() -> {
            try {
                Thread.sleep(GRACE_MILLIS);
                if (!completed) {
                    log.error("stop took longer than {} ms: exiting now", GRACE_MILLIS);
                    Runtime.getRuntime().halt(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The stop finished: the watchdog stands down (the process may go on, as in tests). */
    public synchronized void completed() {
        completed = true;
        if (watchdog != null) {
            watchdog.interrupt();
        }
    }

    public void await() throws InterruptedException {
        requested.await();
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return requested.await(timeout, unit);
    }
}
