package dev.switchboard.adapter.out.persistence.inmemory.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.port.out.tokens.TokenRepository;
import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.HandlerRow;
import dev.switchboard.domain.tokens.HandlerTable;
import dev.switchboard.domain.tokens.Token;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of every {@link TokenRepository}: one subclass per adapter. */
public abstract class AbstractTokenRepositoryTest {

    protected static final ClientId C1 = new ClientId("c1", "127.0.0.1", 50312);
    protected static final ClientId C1_OTHER_CONNECTION = new ClientId("c1", "127.0.0.1", 50313);
    protected static final ClientId C2 = new ClientId("c2", "127.0.0.1", 40000);
    private static final Duration WAIT = Duration.ofSeconds(10);

    protected TokenRepository repository;

    /** A new, empty repository. */
    protected abstract TokenRepository create() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        repository = create();
    }

    protected static void save(TokenRepository repository, ClientId client, long expected, String token) {
        repository.saveAcceptance(client, expected, Token.of(token)).toCompletableFuture()
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    protected static HandlerRow row(ClientId client, long expected, long received) {
        return new HandlerRow(client, expected, received);
    }

    protected static HandlerTable table(String token, HandlerRow... rows) {
        return new HandlerTable(Token.of(token), List.of(rows));
    }

    @Test
    void load_isEmptyAtFirst() {
        assertThat(repository.load()).isEmpty();
    }

    @Test
    void saveAcceptance_addsTheClientsRowWithItsCounts() {
        save(repository, C1, 3, "abc");

        assertThat(repository.load()).containsExactly(table("abc", row(C1, 3, 1)));
    }

    @Test
    void received_isSharedByEveryHandlerTheClientAppearsIn() {
        save(repository, C1, 3, "abc");
        save(repository, C1, 3, "xyz");
        save(repository, C1, 3, "abc");

        assertThat(repository.load()).containsExactly(
                table("abc", row(C1, 3, 3)),
                table("xyz", row(C1, 3, 3)));
    }

    @Test
    void moreTokensThanExpected_areCounted() {
        for (int i = 0; i < 4; i++) {
            save(repository, C1, 2, "abc");
        }

        assertThat(repository.load()).containsExactly(table("abc", row(C1, 2, 4)));
    }

    @Test
    void sameIdFromTwoConnections_isTwoRows() {
        save(repository, C1, 1, "abc");
        save(repository, C1_OTHER_CONNECTION, 5, "abc");

        assertThat(repository.load()).containsExactly(
                table("abc", row(C1, 1, 1), row(C1_OTHER_CONNECTION, 5, 1)));
    }

    @Test
    void load_ordersTokensLexicographicallyAndRowsByIdIpPort() {
        ClientId a = new ClientId("a", "127.0.0.2", 1);
        ClientId b = new ClientId("b", "127.0.0.1", 9);
        ClientId a2 = new ClientId("a", "127.0.0.1", 7);
        save(repository, b, 1, "zeta");
        save(repository, a, 1, "Zeta");
        save(repository, a2, 1, "zeta");
        save(repository, a, 1, "zeta");

        List<HandlerTable> tables = repository.load();

        assertThat(tables).extracting(t -> t.token().value()).containsExactly("Zeta", "zeta");
        assertThat(tables.get(1).rows()).extracting(HandlerRow::client).containsExactly(a2, a, b);
    }

    @Test
    void concurrentAcceptances_ofOneClient_areAllCounted() {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> saves = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String token = "t" + (i % 7);
                saves.add(CompletableFuture.runAsync(() -> save(repository, C2, 200, token), pool));
            }
            CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        } finally {
            pool.shutdownNow();
        }

        List<HandlerTable> tables = repository.load();
        assertThat(tables).hasSize(7);
        assertThat(tables).allSatisfy(t -> assertThat(t.rows()).containsExactly(row(C2, 200, 200)));
    }
}
