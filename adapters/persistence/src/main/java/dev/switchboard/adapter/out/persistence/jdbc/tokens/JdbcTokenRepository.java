package dev.switchboard.adapter.out.persistence.jdbc.tokens;

import dev.switchboard.adapter.out.persistence.jdbc.GroupCommitter;
import dev.switchboard.adapter.out.persistence.jdbc.JdbcDatabase;
import dev.switchboard.adapter.out.persistence.jdbc.StorageException;
import dev.switchboard.application.port.out.tokens.TokenRepository;
import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.HandlerRow;
import dev.switchboard.domain.tokens.HandlerTable;
import dev.switchboard.domain.tokens.Token;
import dev.switchboard.domain.tokens.TokenRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Persistence adapter: the tables in two tables, {@code token_client} (a client's expected and
 * received counts, kept once) and {@code token_row} (which client sent which token). An
 * acceptance is one transaction of two standard SQL {@code MERGE}s: the client's received grows
 * by one, and the row is inserted if missing. Acceptances go through a {@link GroupCommitter},
 * so pipelined tokens of every connection share commits, and each one's stage completes only
 * after its commit.
 */
public final class JdbcTokenRepository implements TokenRepository, AutoCloseable {

    private record Acceptance(ClientId client, long expected, Token token) {
    }

    private static final String SELECT_ROWS = """
            SELECT r.token, c.client_id, c.ip, c.port, c.expected, c.received
            FROM token_row r
            JOIN token_client c ON c.client_id = r.client_id AND c.ip = r.ip AND c.port = r.port""";

    private final JdbcDatabase database;
    private final GroupCommitter<Acceptance> writes;

    public JdbcTokenRepository(JdbcDatabase database) {
        this.database = database;
        String countClient = database.dialect().countTokenClient();
        String addRow = database.dialect().addTokenRow();
        this.writes = new GroupCommitter<>("tokens", database, (c, group) -> write(c, countClient, addRow, group), 1024);
    }

    private static void write(Connection c, String countClient, String addRow, List<Acceptance> group)
            throws SQLException {
        try (PreparedStatement client = c.prepareStatement(countClient);
             PreparedStatement row = c.prepareStatement(addRow)) {
            for (Acceptance a : group) {
                client.setString(1, a.client().id());
                client.setString(2, a.client().ip());
                client.setInt(3, a.client().port());
                client.setLong(4, a.expected());
                client.addBatch();
                row.setString(1, a.token().value());
                row.setString(2, a.client().id());
                row.setString(3, a.client().ip());
                row.setInt(4, a.client().port());
                row.addBatch();
            }
            client.executeBatch();
            row.executeBatch();
        }
    }

    @Override
    public CompletionStage<Void> saveAcceptance(ClientId client, long expected, Token token) {
        return writes.submit(new Acceptance(client, expected, token));
    }

    @Override
    public List<HandlerTable> load() {
        Map<Token, List<HandlerRow>> byToken = new LinkedHashMap<>();
        try (Connection c = database.connect();
             PreparedStatement ps = c.prepareStatement(SELECT_ROWS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ClientId client = new ClientId(rs.getString(2), rs.getString(3), rs.getInt(4));
                byToken.computeIfAbsent(new Token(rs.getString(1)), t -> new ArrayList<>())
                        .add(new HandlerRow(client, rs.getLong(5), rs.getLong(6)));
            }
        } catch (SQLException e) {
            throw new StorageException("could not read the token tables: " + e.getMessage(), e);
        }
        List<HandlerTable> tables = new ArrayList<>(byToken.size());
        byToken.forEach((token, rows) -> tables.add(new HandlerTable(token, rows)));
        // the domain orders tokens and rows, whatever collation the database sorts with
        return TokenRegistry.restored(tables).tables();
    }

    /** Commits what is queued, then stops the writer. */
    @Override
    public void close() {
        writes.close();
    }
}
