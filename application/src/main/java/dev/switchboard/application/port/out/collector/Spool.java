package dev.switchboard.application.port.out.collector;

import dev.switchboard.domain.collector.SpoolListing;
import dev.switchboard.domain.collector.SpoolPeriod;
import java.util.Optional;

/**
 * Outbound port: the spool directory the collector owns. Every file is named by a period
 * number, so no caller can name a file outside the directory; files with other names are
 * neither listed nor touched. Failures are {@link SpoolException}s.
 */
public interface Spool {

    /** The data files and locks there now. */
    SpoolListing list();

    /**
     * Opens a period for writing: its lock is created (or taken over) first, then its data file
     * is opened for appending, so no byte of the data file exists without the lock.
     */
    SpoolFile open(SpoolPeriod period);

    /** The whole data file of a period, or empty if it is not there (any more). */
    Optional<byte[]> read(long period);

    /** Deletes a period's data file, if it is there. */
    void delete(long period);

    /** Deletes a period's lock, if it is there. */
    void removeLock(long period);

    /**
     * Moves a period's data file aside, into the spool's {@code rejected/} folder (created when
     * first needed), where it is neither listed as ready nor shipped again; the file is kept.
     */
    void reject(long period);

    /** How many files the {@code rejected/} folder holds (0 when it does not exist). */
    long rejectedCount();

    /** Where the spool lives, for messages. */
    String describe();
}
