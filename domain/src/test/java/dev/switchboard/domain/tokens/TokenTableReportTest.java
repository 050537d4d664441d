package dev.switchboard.domain.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenTableReportTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:15:00Z");

    @Test
    void render_printsTheExactLayout() {
        List<HandlerTable> tables = List.of(
                new HandlerTable(Token.of("abc"), List.of(
                        new HandlerRow(new ClientId("c1", "127.0.0.1", 50312), 3, 2),
                        new HandlerRow(new ClientId("c2", "127.0.0.1", 50400), 1, 1))),
                new HandlerTable(Token.of("xyz"), List.of(
                        new HandlerRow(new ClientId("c1", "127.0.0.1", 50312), 3, 2))));

        assertThat(TokenTableReport.render(tables, AT)).isEqualTo("""
                ============================================================
                abc
                    client(c1) addr(127.0.0.1:50312) expected(3) received(2)
                    client(c2) addr(127.0.0.1:50400) expected(1) received(1)
                xyz
                    client(c1) addr(127.0.0.1:50312) expected(3) received(2)
                ============================================================
                Total 2 handlers at 2026-11-22T10:15:00Z
                """);
    }

    @Test
    void render_printsATokenWithATabOrANewlineEscaped_soEveryLineKeepsItsPlace() {
        List<HandlerTable> tables = List.of(
                new HandlerTable(Token.of("a\tb"), List.of(new HandlerRow(new ClientId("c1", "127.0.0.1", 1), 2, 2))),
                new HandlerTable(Token.of("line\nbreak"), List.of(new HandlerRow(new ClientId("c1", "127.0.0.1", 1), 2, 2))));

        assertThat(TokenTableReport.render(tables, AT)).isEqualTo("""
                ============================================================
                a\\tb
                    client(c1) addr(127.0.0.1:1) expected(2) received(2)
                line\\nbreak
                    client(c1) addr(127.0.0.1:1) expected(2) received(2)
                ============================================================
                Total 2 handlers at 2026-11-22T10:15:00Z
                """);
    }

    @Test
    void render_withNoHandlers_printsTheFrameAndAZeroTotal() {
        assertThat(TokenTableReport.render(List.of(), AT)).isEqualTo("""
                ============================================================
                ============================================================
                Total 0 handlers at 2026-11-22T10:15:00Z
                """);
    }
}
