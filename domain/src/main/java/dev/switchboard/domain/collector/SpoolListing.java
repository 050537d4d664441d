package dev.switchboard.domain.collector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Value object: what a spool directory holds, by period number: the data files and the locks
 * (files with other names are not part of it). A data file is ready to ship when it has no lock.
 */
public record SpoolListing(SortedSet<Long> data, SortedSet<Long> locks) {

    public SpoolListing {
        data = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(data, "'data' must not be null")));
        locks = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(locks, "'locks' must not be null")));
    }

    public static SpoolListing of(Collection<SpoolName> names) {
        SortedSet<Long> data = new TreeSet<>();
        SortedSet<Long> locks = new TreeSet<>();
        for (SpoolName name : names) {
            (name.kind() == SpoolName.Kind.DATA ? data : locks).add(name.period());
        }
        return new SpoolListing(data, locks);
    }

    /** Data files without a lock, oldest period first: the files the distributor ships. */
    public List<Long> ready() {
        List<Long> ready = new ArrayList<>();
        for (long period : data) {
            if (!locks.contains(period)) {
                ready.add(period);
            }
        }
        return ready;
    }

    /**
     * The locks that are stale when a collector starts in period {@code current}: every lock but
     * the current period's. A lock of a past period was left by a crash; one of a later period
     * can only come from a clock set back or a changed rotation, and no other writer owns the
     * directory, so it is stale too. The current period's lock is taken over by the generator.
     */
    public List<Long> staleLocksAt(long current) {
        List<Long> stale = new ArrayList<>();
        for (long period : locks) {
            if (period != current) {
                stale.add(period);
            }
        }
        return stale;
    }
}
