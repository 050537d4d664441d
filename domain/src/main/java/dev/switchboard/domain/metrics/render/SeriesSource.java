package dev.switchboard.domain.metrics.render;

import java.util.List;

/** Where a render reads stored series: every key a pattern matches, over {@code [from, until]}. */
@FunctionalInterface
public interface SeriesSource {

    List<Series> fetch(String pattern, long from, long until);
}
