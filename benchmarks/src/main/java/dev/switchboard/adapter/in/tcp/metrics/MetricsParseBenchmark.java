package dev.switchboard.adapter.in.tcp.metrics;

import dev.switchboard.adapter.tcp.metrics.protocol.MetricsRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The metrics codec: one bench put line read from its bytes in place ({@link MetricsLineParser})
 * against the general way (UTF-8 decode, split into Strings, Python float rules by regex).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsParseBenchmark {

    private final byte[] line = "put bench.c12.k3 123.5 1764626000000123".getBytes(StandardCharsets.US_ASCII);
    private final MetricsLineParser parser = new MetricsLineParser();

    @Benchmark
    public void bytesInPlace(Blackhole bh) {
        bh.consume(parser.parse(line, 0, line.length));
        bh.consume(parser.key());
        bh.consume(parser.value());
        bh.consume(parser.timestamp());
    }

    @Benchmark
    public Object generalFromString() {
        return MetricsRequest.parse(new String(line, 0, line.length, StandardCharsets.UTF_8));
    }
}
