package dev.switchboard.application.port.in.collector;

import java.util.function.Consumer;

/** Use case: one run of the distributor: ship every ready file, delete what the sink took. */
public interface DistributeSpoolUseCase {

    default DistributionReport distributeOnce() {
        return distributeOnce(shipped -> { });
    }

    /**
     * One run that also tells {@code eachShipped} of every file as soon as the sink took it and
     * it was deleted (on the thread that shipped it, before the run's report), so a caller can
     * log each file as it goes instead of all of them after the run.
     */
    DistributionReport distributeOnce(Consumer<DistributionReport.Shipped> eachShipped);

    /** The totals so far; never waits for a run in progress. */
    DistributionStats stats();
}
