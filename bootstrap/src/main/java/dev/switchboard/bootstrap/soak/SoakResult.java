package dev.switchboard.bootstrap.soak;

import java.util.List;
import java.util.Optional;

/**
 * What a soak saw.
 *
 * @param service  the protocol soaked
 * @param clients  well-behaved clients started
 * @param requests requests of each
 * @param right    well-behaved clients whose every answer was right
 * @param wrong    the first few things that were wrong for the others (at most {@link Soak#SHOWN})
 * @param wrongCount how many well-behaved clients saw something wrong, or could not finish
 * @param hostile  the misbehaving clients, in the order spew, endless, pipeline
 * @param fresh    what was wrong for a client connecting after the soak, if anything
 * @param seconds  from the start of the well-behaved clients to the end of the last
 */
public record SoakResult(String service, int clients, int requests, int right, List<String> wrong, int wrongCount,
                         List<HostileOutcome> hostile, Optional<String> fresh, double seconds) {

    public HostileOutcome hostile(String name) {
        return hostile.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no hostile client " + name));
    }

    /** True when every promise held: every good answer right, every hostile answer the protocol's, a fresh client served. */
    public boolean held() {
        return wrongCount == 0 && right == clients && fresh.isEmpty()
                && hostile.stream().allMatch(h -> h.problem().isEmpty());
    }

    /** The figures, one line per part. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(java.util.Locale.ROOT, "soak %s: %d of %d clients right (%d requests each, %d answers checked) in %.1f s%n",
                service, right, clients, requests, (long) right * (requests + 1), seconds));
        wrong.forEach(w -> out.append("  wrong: ").append(w).append('\n'));
        hostile.forEach(h -> out.append("  ").append(h.line()).append('\n'));
        out.append("  fresh client: ").append(fresh.orElse("served right")).append('\n');
        out.append(held() ? "  held" : "  NOT HELD");
        return out.toString();
    }
}
