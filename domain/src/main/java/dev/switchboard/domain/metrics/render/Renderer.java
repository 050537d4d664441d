package dev.switchboard.domain.metrics.render;

import dev.switchboard.domain.metrics.graphite.GraphiteTime;
import dev.switchboard.domain.metrics.render.RenderFunction.Param;
import dev.switchboard.domain.metrics.retention.Aggregation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Evaluates render targets over a {@link SeriesSource}: a path fetches every matching series, a
 * function call transforms what its arguments evaluate to. The function set is a subset of
 * Graphite's (see {@link #functions()}); names of the results follow Graphite's, so a
 * dashboard's legends read the same. Any mistake in a target (unknown function, wrong argument)
 * is an {@link IllegalArgumentException} naming it.
 */
public final class Renderer {

    private static final List<String> AGGREGATIONS = List.of("average", "avg", "sum", "total", "min", "max", "last");
    private static final List<RenderFunction> FUNCTIONS = List.of(
            fn("sumSeries", "Combine", "Adds the series together, slot by slot (missing values skipped).",
                    Param.many("seriesLists", "seriesList")),
            fn("averageSeries", "Combine", "The average of the series, slot by slot (missing values skipped).",
                    Param.many("seriesLists", "seriesList")),
            fn("maxSeries", "Combine", "The largest value of the series, slot by slot.",
                    Param.many("seriesLists", "seriesList")),
            fn("minSeries", "Combine", "The smallest value of the series, slot by slot.",
                    Param.many("seriesLists", "seriesList")),
            fn("groupByNode", "Combine", "Groups the series by one node of their names and aggregates each group.",
                    Param.required("seriesList", "seriesList"), Param.required("nodeNum", "nodeOrTag"),
                    Param.choice("callback", false, AGGREGATIONS)),
            fn("alias", "Alias", "Names the series.",
                    Param.required("seriesList", "seriesList"), Param.required("newName", "string")),
            fn("aliasByNode", "Alias", "Names each series by some nodes of its name (0-based, negative from the end).",
                    Param.required("seriesList", "seriesList"), new Param("nodes", "nodeOrTag", true, true, List.of())),
            fn("scale", "Transform", "Multiplies every value by a factor.",
                    Param.required("seriesList", "seriesList"), Param.required("factor", "float")),
            fn("offset", "Transform", "Adds a constant to every value.",
                    Param.required("seriesList", "seriesList"), Param.required("factor", "float")),
            fn("absolute", "Transform", "The absolute value of every value.",
                    Param.required("seriesList", "seriesList")),
            fn("perSecond", "Transform", "The rate of change per second of a counter; a decrease is a wrap "
                    + "(maxValue given) or missing.",
                    Param.required("seriesList", "seriesList"), Param.optional("maxValue", "float")),
            fn("nonNegativeDerivative", "Transform", "The change from the previous value; a decrease is a wrap "
                    + "(maxValue given) or missing.",
                    Param.required("seriesList", "seriesList"), Param.optional("maxValue", "float")),
            fn("summarize", "Transform", "Aggregates the values into buckets of an interval (default sum).",
                    Param.required("seriesList", "seriesList"), Param.required("intervalString", "interval"),
                    Param.choice("func", false, AGGREGATIONS), Param.optional("alignToFrom", "boolean")),
            fn("movingAverage", "Calculate", "The average of the last windowSize points (or interval) at each point.",
                    Param.required("seriesList", "seriesList"), Param.required("windowSize", "intOrInterval")),
            fn("consolidateBy", "Special", "How maxDataPoints merges this series' points.",
                    Param.required("seriesList", "seriesList"), Param.choice("consolidationFunc", true,
                            List.of("average", "sum", "min", "max", "last"))),
            fn("constantLine", "Special", "A horizontal line at a value over the whole range.",
                    Param.required("value", "float")));

    private final SeriesSource source;

    public Renderer(SeriesSource source) {
        this.source = Objects.requireNonNull(source, "'source' must not be null");
    }

    private static RenderFunction fn(String name, String group, String description, Param... params) {
        return new RenderFunction(name, group, description, List.of(params));
    }

    /** The functions this renderer knows, for {@code /functions}. */
    public static List<RenderFunction> functions() {
        return FUNCTIONS;
    }

    /**
     * Evaluates every target over {@code [from, until]} and consolidates each resulting series to
     * at most {@code maxDataPoints} values (0 = no limit).
     */
    public List<Series> render(List<String> targets, long from, long until, int maxDataPoints) {
        if (from > until) {
            throw new IllegalArgumentException("from (" + from + ") is after until (" + until + ")");
        }
        List<Series> out = new ArrayList<>();
        for (String target : targets) {
            for (Series s : evaluate(Target.parse(target), from, until)) {
                out.add(s.consolidate(maxDataPoints));
            }
        }
        return out;
    }

    /** Evaluates one target to its series. */
    public List<Series> evaluate(Target target, long from, long until) {
        Object value = value(target, from, until);
        if (value instanceof SeriesList list) {
            return list.series;
        }
        throw new IllegalArgumentException("not a series: " + target.text());
    }

    /** What a function argument evaluates to. */
    private record SeriesList(List<Series> series) {
    }

    private Object value(Target target, long from, long until) {
        if (target instanceof Target.Path p) {
            return new SeriesList(source.fetch(p.text(), from, until));
        }
        if (target instanceof Target.Number n) {
            return n.value();
        }
        if (target instanceof Target.Text t) {
            return t.value();
        }
        if (target instanceof Target.Bool b) {
            return b.value();
        }
        return new SeriesList(call((Target.Call) target, from, until));
    }

    private List<Series> call(Target.Call c, long from, long until) {
        switch (c.name()) {
            case "sumSeries", "sum" -> {
                return List.of(combineAll(c, from, until, Aggregation.SUM, "sumSeries"));
            }
            case "averageSeries", "avg" -> {
                return List.of(combineAll(c, from, until, Aggregation.AVERAGE, "averageSeries"));
            }
            case "maxSeries" -> {
                return List.of(combineAll(c, from, until, Aggregation.MAX, "maxSeries"));
            }
            case "minSeries" -> {
                return List.of(combineAll(c, from, until, Aggregation.MIN, "minSeries"));
            }
            case "alias" -> {
                String name = text(c, 1, "newName", from, until);
                return map(series(c, 0, from, until), s -> s.named(name));
            }
            case "aliasByNode" -> {
                List<Integer> nodes = new ArrayList<>();
                for (int i = 1; i < c.args().size(); i++) {
                    nodes.add(integer(c, i, "nodes", from, until));
                }
                if (nodes.isEmpty()) {
                    throw new IllegalArgumentException("aliasByNode needs at least one node");
                }
                return map(series(c, 0, from, until), s -> s.named(nodes(s.name(), nodes)));
            }
            case "scale" -> {
                double factor = number(c, 1, "factor", from, until);
                return map(series(c, 0, from, until), s -> s.withValues(
                        "scale(" + s.name() + "," + format(factor) + ")", apply(s, v -> v * factor)));
            }
            case "offset" -> {
                double amount = number(c, 1, "factor", from, until);
                return map(series(c, 0, from, until), s -> s.withValues(
                        "offset(" + s.name() + "," + format(amount) + ")", apply(s, v -> v + amount)));
            }
            case "absolute" -> {
                return map(series(c, 0, from, until), s -> s.withValues(
                        "absolute(" + s.name() + ")", apply(s, Math::abs)));
            }
            case "perSecond" -> {
                Double max = optionalNumber(c, 1, "maxValue", from, until);
                return map(series(c, 0, from, until), s -> s.withValues(
                        "perSecond(" + s.name() + ")", derivative(s, max, true)));
            }
            case "nonNegativeDerivative" -> {
                Double max = optionalNumber(c, 1, "maxValue", from, until);
                return map(series(c, 0, from, until), s -> s.withValues(
                        "nonNegativeDerivative(" + s.name() + ")", derivative(s, max, false)));
            }
            case "summarize" -> {
                return summarize(c, from, until);
            }
            case "movingAverage" -> {
                return movingAverage(c, from, until);
            }
            case "groupByNode" -> {
                int node = integer(c, 1, "nodeNum", from, until);
                Aggregation how = c.args().size() > 2 || c.keywords().containsKey("callback")
                        ? Aggregation.parse(text(c, 2, "callback", from, until)) : Aggregation.AVERAGE;
                Map<String, List<Series>> groups = new LinkedHashMap<>();
                for (Series s : series(c, 0, from, until)) {
                    groups.computeIfAbsent(nodes(s.name(), List.of(node)), k -> new ArrayList<>()).add(s);
                }
                List<Series> out = new ArrayList<>();
                groups.forEach((key, members) -> out.add(combine(members, how, key).withPath(key)));
                return out;
            }
            case "consolidateBy" -> {
                Aggregation how = Aggregation.parse(text(c, 1, "consolidationFunc", from, until));
                return map(series(c, 0, from, until), s -> s.consolidatedBy(how).named(
                        "consolidateBy(" + s.name() + ",'" + how.lowerName() + "')"));
            }
            case "constantLine" -> {
                double value = number(c, 0, "value", from, until);
                long step = Math.max(1, (until - from) / 2);
                Target arg = arg(c, 0, "value");
                return List.of(new Series(arg.text(), from, step, new double[] {value, value, value}));
            }
            default -> throw new IllegalArgumentException("unknown function: " + c.name());
        }
    }

    private Series combineAll(Target.Call c, long from, long until, Aggregation how, String function) {
        List<Series> all = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            all.addAll(series(c, i, from, until));
        }
        TreeSet<String> paths = new TreeSet<>();
        all.forEach(s -> paths.add(s.pathExpression()));
        String name = function + "(" + String.join(",", paths) + ")";
        if (all.isEmpty()) {
            return new Series(name, from, Math.max(1, until - from + 1), new double[0]);
        }
        return combine(all, how, name);
    }

    /** Aligns the series to one grid (the least common multiple of their steps) and aggregates each slot. */
    static Series combine(List<Series> members, Aggregation how, String name) {
        long step = members.get(0).step();
        for (Series s : members) {
            step = lcm(step, s.step());
        }
        List<Series> aligned = new ArrayList<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Series s : members) {
            Series a = s.coarsen(step);
            aligned.add(a);
            if (a.size() > 0) {
                start = Math.min(start, a.start());
                end = Math.max(end, a.end());
            }
        }
        if (start == Long.MAX_VALUE) {
            return new Series(name, members.get(0).start(), step, new double[0]);
        }
        int n = (int) ((end - start) / step);
        double[] out = new double[n];
        double[] column = new double[aligned.size()];
        for (int i = 0; i < n; i++) {
            long ts = start + i * step;
            for (int j = 0; j < aligned.size(); j++) {
                column[j] = aligned.get(j).valueAt(ts);
            }
            out[i] = how.apply(column);
        }
        return new Series(name, name, start, step, out, Aggregation.AVERAGE);
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    private static double[] derivative(Series s, Double maxValue, boolean perSecond) {
        double[] out = new double[s.size()];
        double prev = Double.NaN;
        long prevTs = 0;
        for (int i = 0; i < s.size(); i++) {
            double v = s.value(i);
            if (Double.isNaN(v)) {
                out[i] = Double.NaN;
                if (!perSecond) {
                    prev = Double.NaN; // Graphite's derivative starts again after a gap
                }
                continue;
            }
            if (Double.isNaN(prev)) {
                out[i] = Double.NaN;
            } else {
                double diff = v - prev;
                if (diff < 0) {
                    diff = maxValue != null && maxValue >= v ? (maxValue - prev) + v + 1 : Double.NaN;
                }
                // a rate spans the gap since the last value seen
                out[i] = perSecond ? diff / (s.timestamp(i) - prevTs) : diff;
            }
            prev = v;
            prevTs = s.timestamp(i);
        }
        return out;
    }

    private List<Series> summarize(Target.Call c, long from, long until) {
        String intervalText = text(c, 1, "intervalString", from, until);
        long interval = GraphiteTime.interval(intervalText);
        boolean hasFunc = c.args().size() > 2 || c.keywords().containsKey("func");
        Aggregation how = hasFunc ? Aggregation.parse(text(c, 2, "func", from, until)) : Aggregation.SUM;
        String howText = hasFunc ? text(c, 2, "func", from, until) : "sum";
        boolean alignToFrom = (c.args().size() > 3 || c.keywords().containsKey("alignToFrom"))
                && bool(c, 3, "alignToFrom", from, until);
        List<Series> out = new ArrayList<>();
        for (Series s : series(c, 0, from, until)) {
            long origin = alignToFrom ? s.start() : 0;
            long first = origin + Math.floorDiv(s.start() - origin, interval) * interval;
            int buckets = s.size() == 0 ? 0 : (int) (Math.floorDiv(s.end() - 1 - first, interval) + 1);
            double[] values = new double[buckets];
            double[] all = s.values();
            int i = 0;
            for (int b = 0; b < buckets; b++) {
                long bucketEnd = first + (b + 1) * interval;
                int begin = i;
                while (i < all.length && s.timestamp(i) < bucketEnd) {
                    i++;
                }
                values[b] = how.apply(all, begin, i);
            }
            String name = "summarize(" + s.name() + ", \"" + intervalText + "\", \"" + howText + "\""
                    + (alignToFrom ? ", true" : "") + ")";
            out.add(new Series(name, s.pathExpression(), first, interval, values, s.consolidation()));
        }
        return out;
    }

    /**
     * Each value becomes the average of the non-missing values among it and the points before it
     * in the window; the window before {@code from} is read too, so the first points average over
     * real data.
     */
    private List<Series> movingAverage(Target.Call c, long from, long until) {
        Target window = arg(c, 1, "windowSize");
        Object w = value(window, from, until);
        List<Series> plain = series(c, 0, from, until);
        long lookBack = 0;
        for (Series s : plain) {
            lookBack = Math.max(lookBack, windowPoints(w, s) * s.step());
        }
        List<Series> extended = lookBack == 0 ? plain : series(c, 0, from - lookBack, until);
        String label = window instanceof Target.Text t ? "'" + t.value() + "'" : window.text();
        List<Series> out = new ArrayList<>();
        for (Series s : extended) {
            int points = (int) windowPoints(w, s);
            long first = Math.floorDiv(from, s.step()) * s.step();
            int skip = (int) Math.max(0, Math.min(s.size(), (first - s.start()) / s.step()));
            double[] all = s.values();
            double[] values = new double[s.size() - skip];
            for (int i = skip; i < all.length; i++) {
                values[i - skip] = Aggregation.AVERAGE.apply(all, Math.max(0, i - points + 1), i + 1);
            }
            out.add(new Series("movingAverage(" + s.name() + "," + label + ")", s.pathExpression(),
                    s.start() + skip * s.step(), s.step(), values, s.consolidation()));
        }
        return out;
    }

    private static long windowPoints(Object window, Series s) {
        if (window instanceof Double d) {
            if (d < 1 || d != Math.rint(d)) {
                throw new IllegalArgumentException("movingAverage: windowSize must be a whole number of points");
            }
            return d.longValue();
        }
        if (window instanceof String text) {
            return Math.max(1, GraphiteTime.interval(text) / s.step());
        }
        throw new IllegalArgumentException("movingAverage: windowSize must be a number or an interval");
    }

    /** The nodes of a series name picked by index, as {@code aliasByNode} and {@code groupByNode} read it. */
    static String nodes(String name, List<Integer> picks) {
        String path = name;
        int open = path.lastIndexOf('(');
        if (open >= 0) {
            path = path.substring(open + 1);
        }
        int cut = path.length();
        for (int i = 0; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (ch == ',' || ch == ')') {
                cut = i;
                break;
            }
        }
        String[] parts = path.substring(0, cut).strip().split("\\.", -1);
        List<String> chosen = new ArrayList<>();
        for (int pick : picks) {
            int index = pick < 0 ? parts.length + pick : pick;
            if (index < 0 || index >= parts.length) {
                throw new IllegalArgumentException("node " + pick + " is out of range for " + name);
            }
            chosen.add(parts[index]);
        }
        return String.join(".", chosen);
    }

    private interface ValueOp {
        double apply(double v);
    }

    private static double[] apply(Series s, ValueOp op) {
        double[] values = s.values();
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.isNaN(values[i]) ? Double.NaN : op.apply(values[i]);
        }
        return values;
    }

    private interface SeriesOp {
        Series apply(Series s);
    }

    private static List<Series> map(List<Series> in, SeriesOp op) {
        List<Series> out = new ArrayList<>(in.size());
        for (Series s : in) {
            out.add(op.apply(s));
        }
        return out;
    }

    /** Graphite prints factors like {@code %g}: {@code 2}, {@code 0.5}. */
    static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static Target arg(Target.Call c, int index, String keyword) {
        if (index < c.args().size()) {
            return c.args().get(index);
        }
        Target t = c.keywords().get(keyword);
        if (t == null) {
            throw new IllegalArgumentException(c.name() + ": argument '" + keyword + "' is missing");
        }
        return t;
    }

    private List<Series> series(Target.Call c, int index, long from, long until) {
        Object v = value(arg(c, index, "seriesList"), from, until);
        if (v instanceof SeriesList list) {
            return list.series;
        }
        throw new IllegalArgumentException(c.name() + ": argument " + (index + 1) + " must be a series");
    }

    private double number(Target.Call c, int index, String keyword, long from, long until) {
        Object v = value(arg(c, index, keyword), from, until);
        if (v instanceof Double d) {
            return d;
        }
        throw new IllegalArgumentException(c.name() + ": '" + keyword + "' must be a number");
    }

    private Double optionalNumber(Target.Call c, int index, String keyword, long from, long until) {
        if (index >= c.args().size() && !c.keywords().containsKey(keyword)) {
            return null;
        }
        Target t = arg(c, index, keyword);
        if (t instanceof Target.Path p && p.text().equals("None")) {
            return null;
        }
        return number(c, index, keyword, from, until);
    }

    private int integer(Target.Call c, int index, String keyword, long from, long until) {
        double d = number(c, index, keyword, from, until);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException(c.name() + ": '" + keyword + "' must be a whole number");
        }
        return (int) d;
    }

    private String text(Target.Call c, int index, String keyword, long from, long until) {
        Object v = value(arg(c, index, keyword), from, until);
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(c.name() + ": '" + keyword + "' must be a quoted string");
    }

    private boolean bool(Target.Call c, int index, String keyword, long from, long until) {
        Object v = value(arg(c, index, keyword), from, until);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(c.name() + ": '" + keyword + "' must be true or false");
    }
}
