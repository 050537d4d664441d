package dev.switchboard.adapter.out.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.persistence.inmemory.tokens.AbstractTokenRepositoryTest;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.PostgresTestDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.tokens.JdbcTokenRepository;
import dev.switchboard.application.port.out.tokens.TokenRepository;
import dev.switchboard.domain.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The token repository contract on PostgreSQL, and one client's tokens counted by two nodes. */
class PostgresTokenRepositoryTest extends AbstractTokenRepositoryTest {

    private PostgresTestDatabase pg;

    @Override
    protected TokenRepository create() throws Exception {
        pg = PostgresTestDatabase.create();
        return pg.open(JdbcTokenRepository::new);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void acceptancesOfOneClientOnTwoNodes_allCountInOneRow() throws Exception {
        try (JdbcDatabase other = JdbcDatabase.open(pg.settings()); JdbcTokenRepository nodeB = new JdbcTokenRepository(other)) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                TokenRepository node = i % 2 == 0 ? repository : nodeB;
                acks.add(node.saveAcceptance(C1, 100, Token.of("t" + (i % 5))).toCompletableFuture());
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            assertThat(nodeB.load()).hasSize(5).allSatisfy(table ->
                    assertThat(table.rows()).containsExactly(row(C1, 100, 100)));
        }
    }
}
