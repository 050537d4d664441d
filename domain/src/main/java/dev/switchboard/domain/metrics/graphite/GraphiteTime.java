package dev.switchboard.domain.metrics.graphite;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Graphite's {@code from}/{@code until} forms, read against a given "now" (epoch seconds, UTC):
 * <ul>
 *   <li>epoch seconds: {@code 1700000000};</li>
 *   <li>{@code now}, and offsets from it: {@code -1h}, {@code now-30min}, {@code -7d}, {@code +5m}
 *       (units {@code s|sec|second(s)}, {@code min|minute(s)} and {@code m}, {@code h|hour(s)},
 *       {@code d|day(s)}, {@code w|week(s)}, {@code mon|month(s)} = 30 days,
 *       {@code y|year(s)} = 365 days);</li>
 *   <li>absolute UTC times {@code HH:MM_YYYYMMDD} and {@code YYYYMMDD}.</li>
 * </ul>
 */
public final class GraphiteTime {

    private static final Pattern OFFSET = Pattern.compile("(?:now)?([+-])(\\d+)([a-z]+)");
    private static final Pattern EPOCH = Pattern.compile("-?\\d{9,}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

    private GraphiteTime() {
    }

    /**
     * Reads one time.
     *
     * @throws IllegalArgumentException naming the text when it is none of the forms
     */
    public static long parse(String text, long now) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("now")) {
            return now;
        }
        if (EPOCH.matcher(t).matches()) {
            return Long.parseLong(t);
        }
        Matcher m = OFFSET.matcher(t);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(2)) * unitSeconds(m.group(3), text);
            return m.group(1).equals("-") ? now - amount : now + amount;
        }
        try {
            if (t.matches("\\d{8}")) {
                return LocalDate.parse(t, DAY).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            }
            if (t.matches("\\d{1,2}:\\d{2}_\\d{8}")) {
                int underscore = t.indexOf('_');
                LocalTime time = LocalTime.parse(pad(t.substring(0, underscore)));
                return LocalDate.parse(t.substring(underscore + 1), DAY).atTime(time).toEpochSecond(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a time: " + text);
        }
        if (t.matches("-?\\d+")) {
            return Long.parseLong(t);
        }
        throw new IllegalArgumentException("not a time: " + text);
    }

    /**
     * Reads an interval such as {@code 1h}, {@code 5min}, {@code 30s} or {@code 10} (seconds)
     * into seconds, as {@code summarize} and {@code movingAverage} take it.
     */
    public static long interval(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = Pattern.compile("-?(\\d+)([a-z]*)").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an interval: " + text);
        }
        long seconds = Long.parseLong(m.group(1)) * (m.group(2).isEmpty() ? 1 : unitSeconds(m.group(2), text));
        if (seconds <= 0) {
            throw new IllegalArgumentException("an interval must be positive: " + text);
        }
        return seconds;
    }

    private static String pad(String hhmm) {
        return hhmm.length() == 4 ? "0" + hhmm : hhmm;
    }

    private static long unitSeconds(String unit, String text) {
        return switch (unit) {
            case "s", "sec", "secs", "second", "seconds" -> 1;
            case "m", "min", "mins", "minute", "minutes" -> 60;
            case "h", "hour", "hours" -> 3600;
            case "d", "day", "days" -> 86_400;
            case "w", "week", "weeks" -> 7 * 86_400;
            case "mon", "month", "months" -> 30 * 86_400;
            case "y", "year", "years" -> 365 * 86_400;
            default -> throw new IllegalArgumentException("unknown time unit '" + unit + "' in " + text);
        };
    }
}
