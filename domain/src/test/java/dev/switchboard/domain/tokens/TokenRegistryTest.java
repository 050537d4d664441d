package dev.switchboard.domain.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRegistryTest {

    private static final ClientId C1 = new ClientId("c1", "127.0.0.1", 50312);
    private static final ClientId C1_AGAIN = new ClientId("c1", "127.0.0.1", 50999);
    private static final ClientId C2 = new ClientId("c2", "127.0.0.1", 50400);
    private static final Token ABC = Token.of("abc");
    private static final Token XYZ = Token.of("xyz");

    private final TokenRegistry registry = TokenRegistry.empty();

    @Test
    void accept_givesTheHandlerARowWithTheClientsCounts() {
        registry.register(C1, 3);

        long received = registry.accept(C1, ABC);

        assertThat(received).isEqualTo(1);
        assertThat(registry.tables()).containsExactly(
                new HandlerTable(ABC, List.of(new HandlerRow(C1, 3, 1))));
    }

    @Test
    void received_isSharedByEveryHandlerTheClientAppearsIn() {
        registry.register(C1, 3);
        registry.accept(C1, ABC);
        registry.accept(C1, XYZ);

        assertThat(registry.tables()).containsExactly(
                new HandlerTable(ABC, List.of(new HandlerRow(C1, 3, 2))),
                new HandlerTable(XYZ, List.of(new HandlerRow(C1, 3, 2))));
    }

    @Test
    void sameTokenTwice_keepsOneRowAndCountsBoth() {
        registry.register(C1, 2);
        registry.accept(C1, ABC);
        registry.accept(C1, ABC);

        assertThat(registry.table(ABC)).hasValue(new HandlerTable(ABC, List.of(new HandlerRow(C1, 2, 2))));
    }

    @Test
    void moreTokensThanExpected_areAcceptedAndCounted() {
        registry.register(C1, 1);
        registry.accept(C1, ABC);
        registry.accept(C1, XYZ);
        long received = registry.accept(C1, ABC);

        assertThat(received).isEqualTo(3);
        assertThat(registry.table(ABC).orElseThrow().rows()).containsExactly(new HandlerRow(C1, 1, 3));
    }

    @Test
    void sameIdFromTwoConnections_isTwoClientsWithTwoRows() {
        registry.register(C1, 1);
        registry.register(C1_AGAIN, 5);
        registry.accept(C1, ABC);
        registry.accept(C1_AGAIN, ABC);
        registry.accept(C1_AGAIN, XYZ);

        assertThat(registry.table(ABC).orElseThrow().rows()).containsExactly(
                new HandlerRow(C1, 1, 1), new HandlerRow(C1_AGAIN, 5, 2));
    }

    @Test
    void tables_orderTokensLexicographicallyAndRowsByIdThenIpThenPort() {
        ClientId b = new ClientId("b", "127.0.0.1", 1);
        ClientId aHighIp = new ClientId("a", "127.0.0.2", 1);
        ClientId aLowPort = new ClientId("a", "127.0.0.1", 2);
        ClientId aHighPort = new ClientId("a", "127.0.0.1", 3);
        for (ClientId c : List.of(b, aHighIp, aHighPort, aLowPort)) {
            registry.register(c, 1);
            registry.accept(c, Token.of("m"));
        }
        registry.accept(b, Token.of("B"));
        registry.accept(b, Token.of("a"));

        assertThat(registry.tables()).extracting(t -> t.token().value()).containsExactly("B", "a", "m");
        assertThat(registry.table(Token.of("m")).orElseThrow().rows()).extracting(HandlerRow::client)
                .containsExactly(aLowPort, aHighPort, aHighIp, b);
    }

    @Test
    void accept_fromAClientThatNeverGreeted_isRefused() {
        assertThatThrownBy(() -> registry.accept(C2, ABC)).isInstanceOf(IllegalStateException.class);
        assertThat(registry.tables()).isEmpty();
    }

    @Test
    void takeChanges_reportsOnceThenNothingUntilTheNextChange() {
        registry.register(C1, 3);
        assertThat(registry.takeChanges()).as("a greeting alone shows nothing").isEmpty();

        registry.accept(C1, ABC);
        assertThat(registry.takeChanges()).hasValueSatisfying(t -> assertThat(t).hasSize(1));
        assertThat(registry.takeChanges()).isEmpty();

        registry.accept(C1, ABC);
        assertThat(registry.takeChanges()).hasValueSatisfying(t ->
                assertThat(t.get(0).rows().get(0).received()).isEqualTo(2));
    }

    @Test
    void reRegister_keepsReceivedAndShowsTheNewExpected() {
        registry.register(C1, 3);
        registry.accept(C1, ABC);
        registry.takeChanges();

        registry.register(C1, 7);

        assertThat(registry.takeChanges()).isPresent();
        assertThat(registry.table(ABC).orElseThrow().rows()).containsExactly(new HandlerRow(C1, 7, 1));
    }

    @Test
    void restored_bringsTablesBackAndCountsAsAChange() {
        List<HandlerTable> stored = List.of(
                new HandlerTable(XYZ, List.of(new HandlerRow(C1, 3, 2))),
                new HandlerTable(ABC, List.of(new HandlerRow(C2, 1, 1), new HandlerRow(C1, 3, 2))));

        TokenRegistry restored = TokenRegistry.restored(stored);

        assertThat(restored.tables()).containsExactly(
                new HandlerTable(ABC, List.of(new HandlerRow(C1, 3, 2), new HandlerRow(C2, 1, 1))),
                new HandlerTable(XYZ, List.of(new HandlerRow(C1, 3, 2))));
        assertThat(restored.takeChanges()).isPresent();
        assertThat(restored.accept(C1, ABC)).isEqualTo(3);
    }

    @Test
    void acceptsFromManyThreadsAtOnce_areEachCountedOnce_andEverySnapshotAgreesPerClient() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        List<ClientId> clients = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            clients.add(new ClientId("c" + t, "127.0.0.1", 40000 + t));
            registry.register(clients.get(t), perThread);
        }
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ClientId client = clients.get(t);
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    registry.accept(client, Token.of("t" + (i % 50)));
                }
            });
            worker.start();
            workers.add(worker);
        }
        go.countDown();
        // snapshots taken while the counts move: within one, a client's rows all show one count
        while (workers.stream().anyMatch(Thread::isAlive)) {
            java.util.Map<ClientId, java.util.Set<Long>> seen = new java.util.HashMap<>();
            registry.tables().forEach(table -> table.rows().forEach(row ->
                    seen.computeIfAbsent(row.client(), c -> new java.util.HashSet<>()).add(row.received())));
            seen.values().forEach(counts -> assertThat(counts).hasSize(1));
        }
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(registry.handlerCount()).isEqualTo(50);
        assertThat(registry.tables()).allSatisfy(table -> assertThat(table.rows())
                .extracting(HandlerRow::received).containsOnly((long) perThread));
        assertThat(registry.takeChanges()).isPresent();
        assertThat(registry.takeChanges()).isEmpty();
    }
}
