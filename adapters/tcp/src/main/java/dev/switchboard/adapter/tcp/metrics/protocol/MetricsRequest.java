package dev.switchboard.adapter.tcp.metrics.protocol;

import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import java.util.ArrayList;
import java.util.List;

/** One request line of the metrics protocol, parsed. */
public sealed interface MetricsRequest {

    /** The longest line a server takes, {@code \n} excluded; a longer one is a wrong command and the connection closes. */
    int MAX_LINE_BYTES = 64 * 1024;

    record Put(MetricPoint point) implements MetricsRequest {
    }

    record Get(MetricQuery query) implements MetricsRequest {
    }

    /** Anything the protocol does not accept; answered {@code error\nwrong command\n\n}. */
    record Wrong(String why) implements MetricsRequest {
    }

    /**
     * Reads a line as the classic server does: the verb, then whitespace-separated arguments;
     * {@code put <key> <value> <timestamp>} or {@code get <key|*|pattern> [<from> <until>]}.
     */
    static MetricsRequest parse(String line) {
        List<String> parts = fields(line);
        if (parts.isEmpty()) {
            return new Wrong("empty line");
        }
        switch (parts.get(0)) {
            case "put" -> {
                if (parts.size() != 4) {
                    return new Wrong("put takes a key, a value and a timestamp");
                }
                try {
                    return new Put(MetricPoint.of(parts.get(1), PythonFloat.parse(parts.get(2)),
                            PythonFloat.parseLong(parts.get(3))));
                } catch (IllegalArgumentException e) {
                    return new Wrong(e.getMessage());
                }
            }
            case "get" -> {
                if (parts.size() != 2 && parts.size() != 4) {
                    return new Wrong("get takes a key, * or a pattern, and optionally from and until");
                }
                try {
                    MetricQuery query = MetricQuery.parse(parts.get(1));
                    if (parts.size() == 4) {
                        // an extension (SPEC 13): inclusive epoch seconds; the course client never sends it
                        query = query.between(PythonFloat.parseLong(parts.get(2)), PythonFloat.parseLong(parts.get(3)));
                    }
                    return new Get(query);
                } catch (IllegalArgumentException e) {
                    return new Wrong(e.getMessage());
                }
            }
            default -> {
                return new Wrong("unknown verb");
            }
        }
    }

    /** Splits on runs of whitespace, as Python's {@code str.split()} does; at most 5 fields are kept. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>(4);
        int i = 0;
        int n = line.length();
        while (i < n && fields.size() < 5) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                fields.add(line.substring(start, i));
            }
        }
        return fields;
    }
}
