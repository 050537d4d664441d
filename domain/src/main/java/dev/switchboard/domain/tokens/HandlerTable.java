package dev.switchboard.domain.tokens;

import java.util.List;
import java.util.Objects;

/** Snapshot of one handler: its token and its rows, ordered by (id, ip, port). */
public record HandlerTable(Token token, List<HandlerRow> rows) {

    public HandlerTable {
        Objects.requireNonNull(token, "'token' must not be null");
        rows = List.copyOf(rows);
    }
}
