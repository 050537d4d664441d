package dev.switchboard.application.service.metrics;

import dev.switchboard.domain.metrics.MetricGlob;
import dev.switchboard.domain.metrics.MetricKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Pattern matching over a sorted key listing, cut first to the keys that share the pattern's literal prefix. */
final class KeyListing {

    private KeyListing() {
    }

    /** The keys of {@code sorted} (ascending by {@link String#compareTo}) that the pattern matches, in order. */
    static List<MetricKey> matching(List<MetricKey> sorted, MetricGlob glob) {
        // without its last dot: a pattern of literal nodes only is a key itself
        String dotted = glob.literalPrefix();
        String prefix = dotted.isEmpty() ? "" : dotted.substring(0, dotted.length() - 1);
        int from = 0;
        if (!prefix.isEmpty()) {
            int at = Collections.binarySearch(sorted, MetricKey.of(prefix));
            from = at >= 0 ? at : -at - 1;
        }
        List<MetricKey> out = new ArrayList<>();
        for (int i = from; i < sorted.size(); i++) {
            String key = sorted.get(i).value();
            if (!key.startsWith(prefix)) {
                break;
            }
            if (glob.matches(key)) {
                out.add(sorted.get(i));
            }
        }
        return out;
    }
}
