package dev.switchboard.adapter.in.web.admin.tokens;

import dev.switchboard.adapter.in.web.admin.ApiException;
import dev.switchboard.adapter.in.web.admin.ApiRoute;
import dev.switchboard.adapter.in.web.admin.Page;
import dev.switchboard.application.port.in.tokens.GetTokenTablesUseCase;
import dev.switchboard.domain.tokens.HandlerRow;
import dev.switchboard.domain.tokens.HandlerTable;
import dev.switchboard.domain.tokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/tokens}: every handler's table,
 * {@code {"handlers":[{"token":"abc","rows":[{"id":"c1","addr":"127.0.0.1:50312","expected":3,"received":2}]}]}};
 * {@code GET /api/tokens?token=abc}: the same shape with that one handler (404 if no client sent it).
 * The handlers come in pages ({@link Page}: {@code limit}, {@code cursor}), tokens in order, with
 * {@code "next"} while more remain.
 */
public final class TokensApi implements ApiRoute {

    record RowView(String id, String addr, long expected, long received) {
    }

    record HandlerView(String token, List<RowView> rows) {
    }

    record TokensView(List<HandlerView> handlers) {
    }

    private final GetTokenTablesUseCase tables;

    public TokensApi(GetTokenTablesUseCase tables) {
        this.tables = Objects.requireNonNull(tables, "'tables' must not be null");
    }

    @Override
    public Object get(Map<String, String> query) throws ApiException {
        String wanted = query.get("token");
        if (wanted == null) {
            List<HandlerTable> all = tables.tables();
            Page<HandlerTable> page = Page.of(all, t -> t.token().value(), Page.Request.of(query));
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("handlers", page.items().stream().map(TokensApi::view).toList());
            page.next().ifPresent(next -> view.put("next", next));
            return view;
        }
        Token token;
        try {
            token = Token.of(wanted);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad token: " + e.getMessage());
        }
        HandlerTable table = tables.table(token)
                .orElseThrow(() -> new ApiException(404, "no handler for token '" + wanted + "'"));
        return new TokensView(List.of(view(table)));
    }

    private static HandlerView view(HandlerTable table) {
        List<RowView> rows = new ArrayList<>(table.rows().size());
        for (HandlerRow row : table.rows()) {
            rows.add(new RowView(row.client().id(), row.client().addr(), row.expected(), row.received()));
        }
        return new HandlerView(table.token().value(), rows);
    }
}
