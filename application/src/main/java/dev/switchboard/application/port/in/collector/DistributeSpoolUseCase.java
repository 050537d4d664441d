package dev.switchboard.application.port.in.collector;

/** Use case: one run of the distributor: ship every ready file, delete what the sink took. */
public interface DistributeSpoolUseCase {

    DistributionReport distributeOnce();

    /** The totals so far; never waits for a run in progress. */
    DistributionStats stats();
}
