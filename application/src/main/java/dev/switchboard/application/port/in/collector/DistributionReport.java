package dev.switchboard.application.port.in.collector;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one distributor run did: the files shipped (and deleted), the files the sink refused for
 * good (moved aside to {@code rejected/}), how many ready files are left for the next run, and
 * the failure that stopped it, if any.
 */
public record DistributionReport(List<Shipped> shipped, List<Rejected> rejected, int left, Optional<String> failure) {

    /** One file the sink took. */
    public record Shipped(String file, long bytes) {
    }

    /** One file the sink refused for good, and why; it now lies in {@code rejected/}. */
    public record Rejected(String file, long bytes, String reason) {
    }

    public DistributionReport {
        shipped = List.copyOf(shipped);
        rejected = List.copyOf(rejected);
        Objects.requireNonNull(failure, "'failure' must not be null");
    }

    public long bytesShipped() {
        return shipped.stream().mapToLong(Shipped::bytes).sum();
    }
}
