package dev.switchboard.application.service.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.testing.MutableClock;
import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.Token;
import dev.switchboard.domain.tokens.TokenRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenReportServiceTest {

    private static final ClientId C1 = new ClientId("c1", "127.0.0.1", 50312);

    private final TokenRegistry registry = TokenRegistry.empty();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:15:00.734Z"));
    private final List<String> published = new ArrayList<>();
    private final TokenReportService reports = new TokenReportService(registry, clock, published::add);

    @Test
    void reportIfChanged_withNothingYet_publishesNothing() {
        registry.register(C1, 3);

        assertThat(reports.reportIfChanged()).isFalse();
        assertThat(published).isEmpty();
    }

    @Test
    void reportIfChanged_publishesTheLayoutOnce_andAgainOnlyAfterTheNextChange() {
        registry.register(C1, 3);
        registry.accept(C1, Token.of("abc"));
        registry.accept(C1, Token.of("abc"));

        assertThat(reports.reportIfChanged()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(reports.reportIfChanged()).as("nothing changed: not printed again").isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(reports.reportIfChanged()).isFalse();

        registry.accept(C1, Token.of("abc"));
        clock.advance(Duration.ofSeconds(10));
        assertThat(reports.reportIfChanged()).isTrue();

        assertThat(published).containsExactly("""
                ============================================================
                abc
                    client(c1) addr(127.0.0.1:50312) expected(3) received(2)
                ============================================================
                Total 1 handlers at 2026-11-22T10:15:00Z
                """, """
                ============================================================
                abc
                    client(c1) addr(127.0.0.1:50312) expected(3) received(3)
                ============================================================
                Total 1 handlers at 2026-11-22T10:15:30Z
                """);
    }
}
