package dev.switchboard.adapter.in.web.admin.graphite;

import dev.switchboard.adapter.in.web.admin.Json;
import dev.switchboard.application.port.in.metrics.FindMetricsUseCase;
import dev.switchboard.application.port.in.metrics.RenderMetricsUseCase;
import dev.switchboard.application.port.in.metrics.RenderMetricsUseCase.RenderRequest;
import dev.switchboard.domain.metrics.MetricNode;
import dev.switchboard.domain.metrics.render.RenderFunction;
import dev.switchboard.domain.metrics.render.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Graphite's HTTP API, the part Grafana's Graphite data source uses, under the admin's
 * {@code /graphite}: {@code /render} (GET or form POST; {@code target} repeated, {@code from},
 * {@code until}, {@code format=json}, {@code maxDataPoints}), {@code /metrics/find} (treejson),
 * {@code /functions}, {@code /version} and empty tag lookups. Parameters arrive already merged
 * from the query string and a form body; the answer is a status, a type and a body.
 */
public final class GraphiteApi {

    /** What to send back. */
    public record Reply(int status, String contentType, String body) {
    }

    private static final String JSON = "application/json; charset=utf-8";
    /** The Graphite release whose API this follows, as {@code /version} tells Grafana. */
    static final String VERSION = "1.1.10";

    private final RenderMetricsUseCase render;
    private final FindMetricsUseCase find;

    public GraphiteApi(RenderMetricsUseCase render, FindMetricsUseCase find) {
        this.render = Objects.requireNonNull(render, "'render' must not be null");
        this.find = Objects.requireNonNull(find, "'find' must not be null");
    }

    /**
     * Answers one request; {@code path} is what follows {@code /graphite}.
     *
     * @param params every parameter by name, each with all its values in order
     */
    public Reply handle(String path, Map<String, List<String>> params) {
        try {
            return switch (path) {
                case "/render", "/render/" -> render(params);
                case "/metrics/find", "/metrics/find/", "/metrics" -> find(params);
                case "/functions", "/functions/" -> json(200, functions());
                case "/version", "/version/" -> new Reply(200, "text/plain; charset=utf-8", VERSION + "\n");
                case "/tags/autoComplete/tags", "/tags/autoComplete/values", "/tags" -> json(200, List.of());
                default -> error(404, "not found: /graphite" + path);
            };
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private Reply render(Map<String, List<String>> params) {
        List<String> targets = new ArrayList<>();
        for (String t : params.getOrDefault("target", List.of())) {
            if (!t.isBlank()) {
                targets.add(t);
            }
        }
        String format = first(params, "format", "json").toLowerCase(Locale.ROOT);
        if (!format.equals("json")) {
            throw new IllegalArgumentException("only format=json is served, not " + format);
        }
        int maxDataPoints = 0;
        String max = first(params, "maxDataPoints", "");
        if (!max.isBlank()) {
            try {
                maxDataPoints = (int) Math.max(0, Math.min(Integer.MAX_VALUE, Double.parseDouble(max.strip())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("maxDataPoints is not a number: " + max);
            }
        }
        List<Series> series = render.render(new RenderRequest(targets, first(params, "from", "-24h"),
                first(params, "until", "now"), maxDataPoints));
        return new Reply(200, JSON, renderJson(series));
    }

    /** {@code [{"target":..,"tags":{"name":..},"datapoints":[[v|null,ts],..]},..]}, written by hand: it is the big one. */
    static String renderJson(List<Series> series) {
        int points = 0;
        for (Series s : series) {
            points += s.size();
        }
        StringBuilder out = new StringBuilder(64 + points * 24);
        out.append('[');
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (i > 0) {
                out.append(',');
            }
            String name = Json.write(s.name());
            out.append("{\"target\":").append(name).append(",\"tags\":{\"name\":").append(name)
                    .append("},\"datapoints\":[");
            for (int j = 0; j < s.size(); j++) {
                if (j > 0) {
                    out.append(',');
                }
                out.append('[');
                appendValue(out, s.value(j));
                out.append(',').append(s.timestamp(j)).append(']');
            }
            out.append("]}");
        }
        return out.append(']').toString();
    }

    /** Powers of ten that are exact doubles, for {@link #appendValue}. */
    private static final double[] TENS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

    /**
     * A point's value as JSON: {@code null} for NaN and infinities, else a number that reads back
     * as exactly {@code v}. Most metric values are short decimals (a load of 0.42, a count): for
     * those the digits are found with a few multiplications, since {@code Double.toString} (its
     * general algorithm) took 40 % of a large render; anything else still goes through it.
     */
    static void appendValue(StringBuilder out, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            out.append("null");
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            out.append((long) v).append(".0");
            return;
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) {
            // the fewest fractional digits k whose integer m = v * 10^k gives back v as m / 10^k:
            // m and 10^k are exact doubles (|m| < 10^15 < 2^53), so the division is correctly
            // rounded, as the parse of the decimal "m e-k" is: both give the same double
            for (int k = 1; k < TENS.length; k++) {
                long m = Math.round(a * TENS[k]);
                if (m / TENS[k] == a) {
                    if (v < 0) {
                        out.append('-');
                    }
                    String digits = Long.toString(m);
                    int point = digits.length() - k;
                    if (point <= 0) {
                        out.append("0.");
                        for (int z = point; z < 0; z++) {
                            out.append('0');
                        }
                        out.append(digits);
                    } else {
                        out.append(digits, 0, point).append('.').append(digits, point, digits.length());
                    }
                    return;
                }
            }
        }
        out.append(v);
    }

    private Reply find(Map<String, List<String>> params) {
        String query = first(params, "query", "").strip();
        if (query.isEmpty()) {
            throw new IllegalArgumentException("find needs a query");
        }
        String format = first(params, "format", "treejson").toLowerCase(Locale.ROOT);
        List<Object> out = new ArrayList<>();
        for (MetricNode node : find.find(query)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("text", node.text());
            entry.put("id", node.path());
            int leaf = node.leaf() ? 1 : 0;
            entry.put("leaf", leaf);
            entry.put("expandable", 1 - leaf);
            entry.put("allowChildren", 1 - leaf);
            if (format.equals("treejson")) {
                entry.put("context", Map.of());
            }
            out.add(entry);
        }
        return json(200, out);
    }

    private Map<String, Object> functions() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RenderFunction f : render.functions()) {
            List<Object> params = new ArrayList<>();
            StringBuilder signature = new StringBuilder(f.name()).append('(');
            for (RenderFunction.Param p : f.params()) {
                Map<String, Object> param = new LinkedHashMap<>();
                param.put("name", p.name());
                param.put("type", p.type());
                param.put("required", p.required());
                if (p.multiple()) {
                    param.put("multiple", true);
                }
                if (!p.options().isEmpty()) {
                    param.put("options", p.options());
                }
                params.add(param);
                if (signature.charAt(signature.length() - 1) != '(') {
                    signature.append(", ");
                }
                signature.append(p.multiple() ? "*" : "").append(p.name());
            }
            Map<String, Object> def = new LinkedHashMap<>();
            def.put("name", f.name());
            def.put("function", signature.append(')').toString());
            def.put("description", f.description());
            def.put("module", "switchboard");
            def.put("group", f.group());
            def.put("params", params);
            out.put(f.name(), def);
        }
        return out;
    }

    private static String first(Map<String, List<String>> params, String name, String fallback) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    private static Reply json(int status, Object body) {
        return new Reply(status, JSON, Json.write(body));
    }

    private static Reply error(int status, String message) {
        return json(status, Map.of("error", message));
    }
}
