package dev.switchboard.domain.lottery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entity: the draw's state machine. It is {@link Phase#COLLECTING} bets until each of the
 * agencies 1..N has said it is done, then it is drawn exactly once and stays
 * {@link Phase#DRAWN}. Not thread-safe: its owner serializes access.
 */
public final class Lottery {

    /** Where the lottery stands. */
    public enum Phase { COLLECTING, DRAWN }

    private final int agencies;
    private final WinningNumber winningNumber;
    private final Set<AgencyId> done = new TreeSet<>();
    private DrawResult result;

    private Lottery(int agencies, WinningNumber winningNumber) {
        if (agencies < 1) {
            throw new IllegalArgumentException("a lottery needs at least one agency, not " + agencies);
        }
        this.agencies = agencies;
        this.winningNumber = Objects.requireNonNull(winningNumber, "'winningNumber' must not be null");
    }

    /** A lottery that has just opened: no agency done, nothing drawn. */
    public static Lottery open(int agencies, WinningNumber winningNumber) {
        return new Lottery(agencies, winningNumber);
    }

    public int agencies() {
        return agencies;
    }

    public WinningNumber winningNumber() {
        return winningNumber;
    }

    public Phase phase() {
        return result == null ? Phase.COLLECTING : Phase.DRAWN;
    }

    /** Whether the agency takes part: its id is within 1..N. */
    public boolean knows(AgencyId agency) {
        return agency.value() <= agencies;
    }

    public void checkKnown(AgencyId agency) throws LotteryRejection {
        if (!knows(agency)) {
            throw new LotteryRejection("unknown agency " + agency + " (agencies are 1.." + agencies + ")");
        }
    }

    /** Refuses a batch from an unknown agency, from one that said it is done, or after the draw. */
    public void checkAcceptsBatch(AgencyId agency) throws LotteryRejection {
        checkKnown(agency);
        if (result != null) {
            throw new LotteryRejection("draw done");
        }
        if (done.contains(agency)) {
            throw new LotteryRejection("agency " + agency + " is done");
        }
    }

    public boolean isDone(AgencyId agency) {
        return done.contains(agency);
    }

    /**
     * Records that an agency sent all its bets. Saying it twice is harmless.
     *
     * @return whether every agency is now done, so the draw is due
     */
    public boolean markDone(AgencyId agency) throws LotteryRejection {
        checkKnown(agency);
        done.add(agency);
        return allDone();
    }

    public boolean allDone() {
        return done.size() == agencies;
    }

    public Set<AgencyId> doneAgencies() {
        return Set.copyOf(done);
    }

    /**
     * Draws: the winners among the candidate bets, grouped by agency. Callers may pass every bet
     * or only those a store found with the winning number; the rule is applied here either way.
     *
     * @throws IllegalStateException if an agency is not done yet or the draw already happened
     */
    public DrawResult draw(Collection<Bet> candidates) {
        if (result != null) {
            throw new IllegalStateException("the draw already happened");
        }
        if (!allDone()) {
            throw new IllegalStateException("the draw waits for every agency: " + done.size() + " of " + agencies + " done");
        }
        return decide(candidates);
    }

    /**
     * Brings back a draw that happened before a restart, whatever agencies are known now: a
     * finished draw stays finished.
     */
    public DrawResult restoreDrawn(Collection<Bet> candidates) {
        if (result != null) {
            throw new IllegalStateException("the draw already happened");
        }
        return decide(candidates);
    }

    private DrawResult decide(Collection<Bet> candidates) {
        Map<AgencyId, List<Integer>> winners = new LinkedHashMap<>();
        for (Bet bet : candidates) {
            if (winningNumber.wins(bet)) {
                winners.computeIfAbsent(bet.agency(), a -> new ArrayList<>()).add(bet.document());
            }
        }
        result = new DrawResult(winningNumber, winners);
        return result;
    }

    /** The draw's outcome, once drawn. */
    public Optional<DrawResult> result() {
        return Optional.ofNullable(result);
    }
}
