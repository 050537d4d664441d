package dev.switchboard.domain.tokens;

import java.time.Instant;
import java.util.List;

/**
 * The periodic table, byte for byte: a rule line, each token followed by its rows (indented by
 * four spaces), a closing rule, then the total and the time in UTC ISO-8601. No blank lines.
 *
 * <pre>
 * ============================================================
 * abc
 *     client(c1) addr(127.0.0.1:50312) expected(3) received(2)
 * ============================================================
 * Total 1 handlers at 2026-11-22T10:15:00Z
 * </pre>
 */
public final class TokenTableReport {

    public static final String RULE = "=".repeat(60);

    private TokenTableReport() {
    }

    /** The report for these tables (already in token order), every line ending with {@code \n}. */
    public static String render(List<HandlerTable> tables, Instant at) {
        StringBuilder out = new StringBuilder(128 + tables.size() * 80);
        out.append(RULE).append('\n');
        for (HandlerTable table : tables) {
            out.append(table.token().printable()).append('\n');
            for (HandlerRow row : table.rows()) {
                out.append("    client(").append(row.client().id())
                        .append(") addr(").append(row.client().addr())
                        .append(") expected(").append(row.expected())
                        .append(") received(").append(row.received())
                        .append(")\n");
            }
        }
        out.append(RULE).append('\n');
        out.append("Total ").append(tables.size()).append(" handlers at ").append(at).append('\n');
        return out.toString();
    }
}
