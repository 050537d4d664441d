package dev.switchboard.benchmarks;

import dev.switchboard.adapter.tcp.lottery.protocol.BinaryBets;
import dev.switchboard.adapter.tcp.lottery.protocol.LotteryTextRequest;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Both lottery codecs reading one batch of 100 bets from its frame body; time per bet. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LotteryCodecBenchmark {

    private static final int BETS = 100;
    private static final AgencyId AGENCY = AgencyId.of(3);

    private byte[] text;
    private byte[] binary;

    @Setup
    public void bodies() {
        List<Bet> bets = new ArrayList<>();
        for (int i = 0; i < BETS; i++) {
            bets.add(new Bet(AGENCY, "Nombre" + i, "Apellido" + (i * 7), 30_000_000 + i,
                    LocalDate.of(1960 + i % 40, 1 + i % 12, 1 + i % 28), (i * 37) % 10_000));
        }
        BetBatch batch = new BetBatch(AGENCY, bets);
        text = LotteryTextRequest.batchBody(batch).getBytes(StandardCharsets.UTF_8);
        binary = BinaryBets.encodeBatch(batch);
    }

    @Benchmark
    @OperationsPerInvocation(BETS)
    public Object textBatch() {
        return LotteryTextRequest.parse(text, 0, text.length);
    }

    @Benchmark
    @OperationsPerInvocation(BETS)
    public Object binaryBatch() {
        return BinaryBets.decode(AGENCY, BETS, binary, Integer.BYTES); // after the count, as the pipeline reads it
    }
}
