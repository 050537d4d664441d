package dev.switchboard.domain.lottery;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Value object: the outcome of the draw, the winners' documents grouped by agency, each agency's
 * in the order its bets were stored. Agencies without winners are absent.
 */
public record DrawResult(WinningNumber number, Map<AgencyId, List<Integer>> winners) {

    public DrawResult {
        Objects.requireNonNull(number, "'number' must not be null");
        Map<AgencyId, List<Integer>> copy = new TreeMap<>();
        Objects.requireNonNull(winners, "'winners' must not be null")
                .forEach((agency, documents) -> copy.put(agency, List.copyOf(documents)));
        winners = Collections.unmodifiableMap(copy);
    }

    /** The documents of an agency's winners; empty when it has none. */
    public List<Integer> winnersOf(AgencyId agency) {
        return winners.getOrDefault(agency, List.of());
    }

    public int total() {
        return winners.values().stream().mapToInt(List::size).sum();
    }
}
