package dev.switchboard.adapter.in.tcp.metrics.message;

import dev.switchboard.domain.metrics.MetricPoint;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.domain.metrics.PythonFloat;
import java.util.regex.Pattern;

/** One request line of the metrics protocol, parsed. */
public sealed interface MetricsRequest {

    record Put(MetricPoint point) implements MetricsRequest {
    }

    record Get(MetricQuery query) implements MetricsRequest {
    }

    /** Anything the protocol does not accept; answered {@code error\nwrong command\n\n}. */
    record Wrong(String why) implements MetricsRequest {
    }

    /** Fields are separated by whitespace, as Python's {@code str.split()} separates them. */
    Pattern FIELD_SEPARATOR = Pattern.compile("\\s+");

    /**
     * Reads a line as the classic server does: the verb, then whitespace-separated arguments;
     * {@code put <key> <value> <timestamp>} or {@code get <key|*>}.
     */
    static MetricsRequest parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return new Wrong("empty line");
        }
        String[] parts = FIELD_SEPARATOR.split(trimmed);
        switch (parts[0]) {
            case "put" -> {
                if (parts.length != 4) {
                    return new Wrong("put takes a key, a value and a timestamp");
                }
                try {
                    return new Put(MetricPoint.of(parts[1], PythonFloat.parse(parts[2]), PythonFloat.parseLong(parts[3])));
                } catch (IllegalArgumentException e) {
                    return new Wrong(e.getMessage());
                }
            }
            case "get" -> {
                if (parts.length != 2) {
                    return new Wrong("get takes one key or *");
                }
                return new Get(MetricQuery.parse(parts[1]));
            }
            default -> {
                return new Wrong("unknown verb");
            }
        }
    }
}
