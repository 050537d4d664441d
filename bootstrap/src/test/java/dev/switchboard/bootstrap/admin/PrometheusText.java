package dev.switchboard.bootstrap.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, as a scraper reads it: every
 * line is a {@code # HELP}, a {@code # TYPE}, another comment, or a sample
 * {@code name{label="value",...} number [timestamp]}; a family's TYPE comes before its samples
 * and once only; histogram samples are {@code _bucket} (with {@code le}), {@code _sum} and
 * {@code _count}; buckets are cumulative and end at {@code +Inf} equal to the count. Anything else
 * throws {@link IllegalArgumentException} naming the line.
 */
final class PrometheusText {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Family(String name, String type, String help, List<Sample> samples) {
    }

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "untyped");

    private final Map<String, Family> families;

    private PrometheusText(Map<String, Family> families) {
        this.families = families;
    }

    static PrometheusText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + number + ": " + line;
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                requireName(parts[0], where);
                if (line.startsWith("# HELP ")) {
                    help.put(parts[0], parts.length > 1 ? parts[1] : "");
                } else {
                    if (parts.length < 2 || !TYPES.contains(parts[1])) {
                        throw new IllegalArgumentException("unknown type at " + where);
                    }
                    if (families.containsKey(parts[0])) {
                        throw new IllegalArgumentException("second TYPE for a family at " + where);
                    }
                    families.put(parts[0], new Family(parts[0], parts[1], help.getOrDefault(parts[0], ""), new ArrayList<>()));
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Sample sample = sample(line, where);
            Family family = familyOf(families, sample.name())
                    .orElseThrow(() -> new IllegalArgumentException("sample before its TYPE at " + where));
            family.samples().add(sample);
        }
        families.values().forEach(PrometheusText::checkFamily);
        return new PrometheusText(families);
    }

    private static Optional<Family> familyOf(Map<String, Family> families, String sampleName) {
        Family exact = families.get(sampleName);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sampleName.endsWith(suffix)) {
                Family family = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (family != null && (family.type().equals("histogram") || family.type().equals("summary"))) {
                    return Optional.of(family);
                }
            }
        }
        return Optional.empty();
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = requireName(line.substring(0, i), where);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new IllegalArgumentException("label without '=' at " + where);
                }
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches()) {
                    throw new IllegalArgumentException("bad label name '" + label + "' at " + where);
                }
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("unquoted label value at " + where);
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("label repeated at " + where);
                }
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("no value at " + where);
        }
        String[] rest = line.substring(i + 1).split(" ");
        if (rest.length > 2) {
            throw new IllegalArgumentException("trailing text at " + where);
        }
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        return new Sample(name, Map.copyOf(labels), number(rest[0], where));
    }

    private static double number(String text, String where) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad number '" + text + "' at " + where, e);
                }
        }
    }

    private static String requireName(String name, String where) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name '" + name + "' at " + where);
        }
        return name;
    }

    private static void checkFamily(Family family) {
        if (!family.type().equals("histogram")) {
            return;
        }
        Map<Map<String, String>, List<Sample>> bySeries = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample s : family.samples()) {
            if (s.name().equals(family.name() + "_bucket")) {
                if (!s.labels().containsKey("le")) {
                    throw new IllegalArgumentException(family.name() + ": bucket without le");
                }
                Map<String, String> series = new LinkedHashMap<>(s.labels());
                series.remove("le");
                bySeries.computeIfAbsent(Map.copyOf(series), k -> new ArrayList<>()).add(s);
            } else if (s.name().equals(family.name() + "_count")) {
                counts.put(s.labels(), s.value());
            } else if (!s.name().equals(family.name() + "_sum")) {
                throw new IllegalArgumentException(family.name() + ": unexpected histogram sample " + s.name());
            }
        }
        bySeries.forEach((series, buckets) -> {
            double previous = 0;
            double previousLe = Double.NEGATIVE_INFINITY;
            for (Sample b : buckets) {
                double le = number(b.labels().get("le"), family.name());
                if (le <= previousLe || b.value() < previous) {
                    throw new IllegalArgumentException(family.name() + ": buckets not cumulative at le=" + le);
                }
                previous = b.value();
                previousLe = le;
            }
            if (previousLe != Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(family.name() + ": no +Inf bucket for " + series);
            }
            if (!counts.containsKey(series) || counts.get(series) != previous) {
                throw new IllegalArgumentException(family.name() + ": +Inf bucket differs from _count for " + series);
            }
        });
    }

    Optional<Family> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    Map<String, Family> families() {
        return families;
    }

    /** The value of the one sample with this name whose labels include the given pairs. */
    double value(String sampleName, String... labelPairs) {
        List<Sample> found = samples(sampleName, labelPairs);
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.size() + " samples named " + sampleName + " with " + List.of(labelPairs));
        }
        return found.get(0).value();
    }

    List<Sample> samples(String sampleName, String... labelPairs) {
        List<Sample> found = new ArrayList<>();
        for (Family family : families.values()) {
            for (Sample s : family.samples()) {
                if (s.name().equals(sampleName) && hasLabels(s, labelPairs)) {
                    found.add(s);
                }
            }
        }
        return found;
    }

    private static boolean hasLabels(Sample sample, String... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(sample.labels().get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
