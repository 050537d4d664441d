package dev.switchboard.application.port.in.collector;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one distributor run did: the files shipped (and deleted), how many ready files are left
 * for the next run, and the failure that stopped it, if any.
 */
public record DistributionReport(List<Shipped> shipped, int left, Optional<String> failure) {

    /** One file the sink took. */
    public record Shipped(String file, long bytes) {
    }

    public DistributionReport {
        shipped = List.copyOf(shipped);
        Objects.requireNonNull(failure, "'failure' must not be null");
    }

    public long bytesShipped() {
        return shipped.stream().mapToLong(Shipped::bytes).sum();
    }
}
