package dev.switchboard.application.service.collector;

import dev.switchboard.application.port.in.collector.CollectorStatus;
import dev.switchboard.application.port.in.collector.DistributeSpoolUseCase;
import dev.switchboard.application.port.in.collector.DistributionStats;
import dev.switchboard.application.port.in.collector.GenerateSamplesUseCase;
import dev.switchboard.application.port.in.collector.GetCollectorStatusUseCase;
import dev.switchboard.application.port.out.collector.Spool;
import dev.switchboard.domain.collector.SpoolListing;
import java.util.Objects;

/** Service: the collector's admin snapshot, from a fresh look at the spool and the distributor's totals. */
public final class CollectorStatusService implements GetCollectorStatusUseCase {

    private final Spool spool;
    private final DistributeSpoolUseCase distributor;
    private final GenerateSamplesUseCase generator;

    public CollectorStatusService(Spool spool, DistributeSpoolUseCase distributor, GenerateSamplesUseCase generator) {
        this.spool = Objects.requireNonNull(spool, "'spool' must not be null");
        this.distributor = Objects.requireNonNull(distributor, "'distributor' must not be null");
        this.generator = Objects.requireNonNull(generator, "'generator' must not be null");
    }

    @Override
    public CollectorStatus status() {
        SpoolListing listing = spool.list();
        DistributionStats c = distributor.stats();
        return new CollectorStatus(listing.ready().size(), listing.locks().size(), c.sent(), c.failures(),
                c.lastError(), spool.rejectedCount(), c.bytesSent(), generator.samplesWritten(), c.runs(), c.lastRunAt(),
                spool.describe(), c.target());
    }
}
