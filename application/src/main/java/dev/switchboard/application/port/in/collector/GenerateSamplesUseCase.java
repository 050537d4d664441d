package dev.switchboard.application.port.in.collector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Use case: the generator's steps, each run by a scheduler: write a sample now, seal the period
 * when it is over, recover at start-up, suspend at stop.
 */
public interface GenerateSamplesUseCase {

    /** At start-up: removes every stale lock (see the spool rule); returns their periods. */
    List<Long> recoverStaleLocks();

    /** Writes one sample now (opening the period first if needed); returns the gap to the next one. */
    Duration writeSample();

    /**
     * Seals the open period if it is over now. Returns the end of the period still open, if any:
     * the moment to call again.
     */
    Optional<Instant> sealIfOver();

    /** At stop: closes the open file; its lock stays unless its period is over. */
    void suspend();

    long samplesWritten();

    /** The end of the period whose file is open now, if one is. */
    Optional<Instant> openPeriodEnd();
}
