package dev.switchboard.bootstrap;

import dev.switchboard.adapter.in.schedule.common.Scheduled;
import java.util.List;
import java.util.Objects;

/** A clock-driven adapter (timers of its own) as one component of a running role. */
public final class ScheduledComponent implements Component {

    private final Scheduled scheduled;

    public ScheduledComponent(Scheduled scheduled) {
        this.scheduled = Objects.requireNonNull(scheduled, "'scheduled' must not be null");
    }

    @Override
    public List<String> start() {
        return scheduled.start();
    }

    @Override
    public void close() {
        scheduled.close();
    }
}
