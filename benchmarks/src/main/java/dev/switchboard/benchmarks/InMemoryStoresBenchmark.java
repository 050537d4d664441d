package dev.switchboard.benchmarks;

import dev.switchboard.adapter.out.persistence.inmemory.lottery.InMemoryBetStore;
import dev.switchboard.adapter.out.persistence.inmemory.tokens.InMemoryTokenRepository;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.Token;
import dev.switchboard.domain.tokens.TokenRegistry;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory stores of tokens and the lottery (the metric stores: {@link MetricStoreBenchmark}):
 * one token accepted (stored, then counted in its handler's table, over 1,000 distinct tokens and
 * 50 clients, as {@code bench tokens}); one batch of 100 bets stored (time per bet).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InMemoryStoresBenchmark {

    private static final int BETS = 100;

    private final Token[] tokens = new Token[1000];
    private final ClientId[] clients = new ClientId[50];
    private TokenRegistry registry;
    private InMemoryTokenRepository repository;
    private InMemoryBetStore bets;
    private BetBatch batch;
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        registry = TokenRegistry.empty();
        repository = new InMemoryTokenRepository();
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = Token.of("tok-" + i);
        }
        for (int i = 0; i < clients.length; i++) {
            clients[i] = new ClientId("c" + i, "127.0.0.1", 40_000 + i);
            registry.register(clients[i], Long.MAX_VALUE / 2);
        }
        BetBatch.Builder builder = BetBatch.builder(AgencyId.of(1), BETS);
        for (int i = 0; i < BETS; i++) {
            builder.add("Nombre" + i, "Apellido" + i, 30_000_000 + i, LocalDate.of(1980, 1, 1).toEpochDay() + i,
                    (i * 37) % 10_000);
        }
        batch = builder.build();
    }

    @Setup(Level.Iteration)
    public void freshBetStore() {
        bets = new InMemoryBetStore();
    }

    @Benchmark
    public long tokenAccepted() {
        int i = next++;
        ClientId client = clients[i % clients.length];
        Token token = tokens[(i * 7) % tokens.length];
        repository.saveAcceptance(client, Long.MAX_VALUE / 2, token);
        return registry.accept(client, token);
    }

    @Benchmark
    @OperationsPerInvocation(BETS)
    public Object betBatchStored() {
        return bets.saveBatch(batch);
    }
}
