package dev.switchboard.benchmarks;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenRequestReader;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenResponse;
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

/**
 * The tokens codec, one token line as {@code bench tokens} sends it: read by the byte-level fast
 * path, by the streaming reader (what any other line takes: UTF-8 decode, Gson's
 * {@code JsonReader}), and as a Gson tree (the reader before); the answer written by Gson.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenCodecBenchmark {

    private final byte[] line = "{\"op\":\"Token\",\"payload\":{\"token\":\"tok-0417\"}}".getBytes(StandardCharsets.US_ASCII);
    private final String text = new String(line, StandardCharsets.US_ASCII);
    private final TokenResponse accepted = new TokenResponse.Accepted("tok-0417");

    @Benchmark
    public Object readFastPathFromBytes() {
        return TokenRequestReader.read(line, 0, line.length);
    }

    @Benchmark
    public Object readStreaming() {
        return TokenRequestReader.read(text);
    }

    @Benchmark
    public Object readTree() {
        JsonObject message = JsonParser.parseString(new String(line, StandardCharsets.UTF_8)).getAsJsonObject();
        return message.getAsJsonObject("payload").get("token").getAsString();
    }

    @Benchmark
    public byte[] writeAcceptedWithGson() {
        return accepted.toLine().getBytes(StandardCharsets.UTF_8);
    }
}
