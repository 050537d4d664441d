package dev.switchboard.adapter.in.schedule.common;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The timer every scheduled adapter runs on. */
public final class Timers {

    private Timers() {
    }

    /**
     * A timer of one daemon thread named {@code name}, whose waiting tasks are dropped at
     * shutdown (a stop never waits out the next period).
     */
    public static ScheduledThreadPoolExecutor oneThread(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
