package dev.switchboard.domain.metrics.retention;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Retention and roll-up of one series, whisper's rules in memory: archives finest first
 * ({@code 10s:6h,1m:7d}), each coarser precision a multiple of the finer one and each keeping
 * longer. {@link #rollUp} turns a key's points into the points to keep:
 * <ul>
 *   <li>a point older than the last archive's retention is dropped;</li>
 *   <li>a slot of archive {@code i > 0} (say one minute) whose whole span has aged past archive
 *       {@code i-1}'s retention becomes one point at the slot's start, the aggregation of the
 *       points it holds (the finer archive's values);</li>
 *   <li>every other finished slot of the finest archive becomes one point at its start, the
 *       aggregation of the points put into it (so two points in one 10 s slot are averaged,
 *       summed, ... as {@code --aggregation} says, never silently one of them);</li>
 *   <li>the slot still open ({@code now} inside it, or later) is left as it was put.</li>
 * </ul>
 * A key therefore holds at most about {@code retention / precision} points per archive, whatever
 * the feed. Rolling up what is already rolled up changes nothing.
 */
public final class Retention {

    private static final Pattern PART = Pattern.compile("(\\d+)([a-z]*):(\\d+)([a-z]*)");

    private final List<Archive> archives;
    private final Aggregation aggregation;

    public Retention(List<Archive> archives, Aggregation aggregation) {
        Objects.requireNonNull(archives, "'archives' must not be null");
        this.aggregation = Objects.requireNonNull(aggregation, "'aggregation' must not be null");
        if (archives.isEmpty()) {
            throw new IllegalArgumentException("a retention needs at least one archive");
        }
        for (int i = 1; i < archives.size(); i++) {
            Archive finer = archives.get(i - 1);
            Archive coarser = archives.get(i);
            if (coarser.precision() <= finer.precision() || coarser.precision() % finer.precision() != 0) {
                throw new IllegalArgumentException("archive " + (i + 1) + ": its precision (" + coarser.precision()
                        + "s) must be a larger multiple of the one before (" + finer.precision() + "s)");
            }
            if (coarser.retention() <= finer.retention()) {
                throw new IllegalArgumentException("archive " + (i + 1) + " must keep longer than the one before");
            }
        }
        this.archives = List.copyOf(archives);
    }

    /**
     * Reads whisper's form: comma-separated {@code precision:retention}, each a number with an
     * optional unit ({@code s}, {@code m}/{@code min}, {@code h}, {@code d}, {@code w}, {@code y});
     * a retention without a unit counts points ({@code 60:1440} = one a minute for a day).
     */
    public static Retention parse(String text, Aggregation aggregation) {
        Objects.requireNonNull(text, "'text' must not be null");
        List<Archive> archives = new ArrayList<>();
        for (String part : text.strip().split(",")) {
            Matcher m = PART.matcher(part.strip().toLowerCase(java.util.Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("not an archive: '" + part.strip()
                        + "' (expected precision:retention, e.g. 10s:6h)");
            }
            long precision = Long.parseLong(m.group(1)) * unit(m.group(2), part);
            long retention = m.group(4).isEmpty()
                    ? Long.parseLong(m.group(3)) * precision
                    : Long.parseLong(m.group(3)) * unit(m.group(4), part);
            archives.add(new Archive(precision, retention));
        }
        return new Retention(archives, aggregation);
    }

    private static long unit(String unit, String part) {
        return switch (unit) {
            case "", "s", "sec", "second", "seconds" -> 1;
            case "m", "min", "minute", "minutes" -> 60;
            case "h", "hour", "hours" -> 3600;
            case "d", "day", "days" -> 86_400;
            case "w", "week", "weeks" -> 7 * 86_400;
            case "y", "year", "years" -> 365 * 86_400;
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "' in '" + part.strip() + "'");
        };
    }

    public List<Archive> archives() {
        return archives;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    /** How far back anything is kept. */
    public long maxRetention() {
        return archives.get(archives.size() - 1).retention();
    }

    /** The oldest timestamp still kept at {@code now}. */
    public long horizon(long now) {
        return now - maxRetention();
    }

    /** The precision a read starting at {@code from} gets: the finest archive that still covers it. */
    public long precisionFor(long from, long now) {
        for (Archive a : archives) {
            if (from >= now - a.retention()) {
                return a.precision();
            }
        }
        return archives.get(archives.size() - 1).precision();
    }

    /**
     * Rolls one key's points up as of {@code now}. {@code timestamps} must be ascending (one value
     * per timestamp, as a store keeps them); the arrays are read in {@code [0, n)} and written in
     * place. Answers how many points are kept, now in {@code [0, answer)}.
     */
    public int rollUp(long[] timestamps, double[] values, int n, long now) {
        long horizon = horizon(now);
        int out = 0;
        int i = 0;
        while (i < n && timestamps[i] < horizon) {
            i++;
        }
        while (i < n) {
            int archive = archiveOf(timestamps[i], now);
            if (archive < 0) {
                // the open slot and anything newer stay as they were put
                while (i < n) {
                    timestamps[out] = timestamps[i];
                    values[out++] = values[i++];
                }
                break;
            }
            long slot = archives.get(archive).slot(timestamps[i]);
            int start = i;
            i++;
            while (i < n && archiveOf(timestamps[i], now) == archive && archives.get(archive).slot(timestamps[i]) == slot) {
                i++;
            }
            double value = aggregation.apply(values, start, i);
            timestamps[out] = slot;
            values[out++] = value;
        }
        return out;
    }

    /**
     * One stretch of time whose points {@link #rollUp} merges into slots of {@code precision}:
     * {@code [from, until)}.
     */
    public record Window(long from, long until, long precision) {
    }

    /**
     * Where {@link #rollUp} at {@code now} merges points, coarsest archive first: a store can look
     * in these windows for slots holding more than one point, or a point off its slot's start,
     * and roll up only the keys that have one. Points before the first window are dropped;
     * points after the last are in the open slot.
     */
    public List<Window> windows(long now) {
        List<Window> out = new ArrayList<>();
        long lower = horizon(now);
        for (int a = archives.size() - 1; a >= 0; a--) {
            Archive archive = archives.get(a);
            long edge = a == 0 ? now : now - archives.get(a - 1).retention();
            long upper = Math.floorDiv(edge, archive.precision()) * archive.precision();
            if (upper > lower) {
                out.add(new Window(lower, upper, archive.precision()));
                lower = upper;
            }
        }
        return out;
    }

    /** The archive whose slot the point is rolled into, or -1 while its finest slot is still open. */
    private int archiveOf(long timestamp, long now) {
        for (int a = archives.size() - 1; a > 0; a--) {
            Archive archive = archives.get(a);
            if (archive.slot(timestamp) + archive.precision() <= now - archives.get(a - 1).retention()) {
                return a;
            }
        }
        Archive finest = archives.get(0);
        return finest.slot(timestamp) + finest.precision() <= now ? 0 : -1;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Archive a : archives) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(a.precision()).append("s:").append(a.retention()).append('s');
        }
        return out.append(' ').append(aggregation.lowerName()).toString();
    }
}
