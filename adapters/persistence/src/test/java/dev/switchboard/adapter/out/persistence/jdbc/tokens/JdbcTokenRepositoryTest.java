package dev.switchboard.adapter.out.persistence.jdbc.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.persistence.inmemory.tokens.AbstractTokenRepositoryTest;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.application.port.out.tokens.TokenRepository;
import dev.switchboard.domain.tokens.Token;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcTokenRepositoryTest extends AbstractTokenRepositoryTest {

    @TempDir
    Path dir;

    private JdbcTokenRepository open() {
        return new JdbcTokenRepository(JdbcDatabase.h2File(dir.resolve("tokens")));
    }

    @Override
    protected TokenRepository create() {
        return open();
    }

    @AfterEach
    void closeRepository() {
        ((JdbcTokenRepository) repository).close();
    }

    @Test
    void closeAndReopen_bringsTheTablesBack() {
        save(repository, C1, 3, "abc");
        save(repository, C1, 3, "xyz");
        save(repository, C1_OTHER_CONNECTION, 1, "abc");
        var before = repository.load();

        ((JdbcTokenRepository) repository).close();
        repository = open();

        assertThat(repository.load()).isEqualTo(before).containsExactly(
                table("abc", row(C1, 3, 2), row(C1_OTHER_CONNECTION, 1, 1)),
                table("xyz", row(C1, 3, 2)));
    }

    @Test
    void afterReopen_countingGoesOnFromTheStoredCounts() {
        save(repository, C1, 3, "abc");
        ((JdbcTokenRepository) repository).close();
        repository = open();

        save(repository, C1, 3, "abc");

        assertThat(repository.load()).containsExactly(table("abc", row(C1, 3, 2)));
    }

    @Test
    void close_commitsWhatIsQueued() {
        var pending = repository.saveAcceptance(C2, 1, Token.of("late"));
        ((JdbcTokenRepository) repository).close();

        assertThat(pending.toCompletableFuture()).isCompleted();
        repository = open();
        assertThat(repository.load()).containsExactly(table("late", row(C2, 1, 1)));
    }
}
