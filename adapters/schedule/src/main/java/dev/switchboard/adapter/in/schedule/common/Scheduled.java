package dev.switchboard.adapter.in.schedule.common;

import java.util.List;

/**
 * A driving adapter whose client is a clock: it calls its use cases on timer threads of its own
 * from {@link #start()} until {@link #close()}.
 */
public interface Scheduled extends AutoCloseable {

    /** Starts the timers; returns the lines to print once running (none for most). */
    List<String> start();

    /** Stops the timers and waits briefly for a run in progress; never throws. */
    @Override
    void close();
}
