package dev.switchboard.bootstrap.metrics;

import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.UsageException;
import dev.switchboard.domain.metrics.retention.Aggregation;
import dev.switchboard.domain.metrics.retention.Retention;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * The metrics service's Graphite options, shared by {@code metrics-server} and {@code serve}.
 *
 * @param graphitePort carbon plaintext port ({@link #OFF} = no listener, 0 = a free port)
 * @param retention    whisper-style archives; empty keeps every point, as the classic server does
 * @param aggregation  how points of one slot merge (roll-up and render)
 */
public record MetricsOptions(int graphitePort, Optional<Retention> retention, Aggregation aggregation) {

    public static final int OFF = -1;
    public static final int DEFAULT_GRAPHITE_PORT = 2003;
    /** No carbon listener, no retention: the classic service. */
    public static final MetricsOptions CLASSIC = new MetricsOptions(OFF, Optional.empty(), Aggregation.AVERAGE);

    public MetricsOptions {
        Objects.requireNonNull(retention, "'retention' must not be null");
        Objects.requireNonNull(aggregation, "'aggregation' must not be null");
    }

    public static Options addTo(Options options, int defaultGraphitePort) {
        String port = defaultGraphitePort == OFF ? "off" : Integer.toString(defaultGraphitePort);
        return options
                .addOption(Cli.opt("graphite-port", "N", "carbon plaintext port (Graphite agents), 0 = off [" + port + "]"))
                .addOption(Cli.opt("retention", "ARCHIVES",
                        "keep points as whisper's archives, finest first, e.g. 10s:6h,1m:7d [keep every point]"))
                .addOption(Cli.opt("aggregation", "F",
                        "how points in one slot merge: average|sum|min|max|last [average]"));
    }

    /** Reads the options; on the command line a graphite port of 0 means off. */
    public static MetricsOptions from(CommandLine line, int defaultGraphitePort) throws UsageException {
        int port = line.hasOption("graphite-port") ? Cli.port(line, "graphite-port", 0) : defaultGraphitePort;
        Aggregation aggregation;
        try {
            aggregation = Aggregation.parse(Cli.string(line, "aggregation", "average"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--aggregation: " + e.getMessage());
        }
        Optional<Retention> retention = Optional.empty();
        String text = line.getOptionValue("retention");
        if (text != null) {
            try {
                retention = Optional.of(Retention.parse(text, aggregation));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--retention " + text + ": " + e.getMessage());
            }
        }
        return new MetricsOptions(port == 0 ? OFF : port, retention, aggregation);
    }

    /** The same options with the carbon listener on {@code port} (0 = a free one). */
    public MetricsOptions withGraphitePort(int port) {
        return new MetricsOptions(port, retention, aggregation);
    }
}
