package dev.switchboard.application.port.out.collector;

import dev.switchboard.domain.collector.SpoolPeriod;

/** Outbound port: the data file of the period being written, with its lock held. */
public interface SpoolFile extends AutoCloseable {

    SpoolPeriod period();

    /** Appends one whole record in one write. */
    void append(byte[] record);

    /** The period is over: flushes the data to disk, closes the file, then removes the lock. */
    void seal();

    /** Stops writing before the period is over: flushes and closes the file, keeps the lock. */
    @Override
    void close();
}
