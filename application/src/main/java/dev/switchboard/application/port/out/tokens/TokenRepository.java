package dev.switchboard.application.port.out.tokens;

import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.HandlerTable;
import dev.switchboard.domain.tokens.Token;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: where the handler tables live between restarts. An acceptance is a change, not
 * a value (the client's received count grows by one; the handler gains the client's row if it
 * had none), so acceptances stored in any order give the same tables.
 */
public interface TokenRepository {

    /**
     * Stores one accepted token. The stage completes once the change survives a crash of the
     * process (for a durable store) and fails if it could not be stored; then nothing of it is
     * stored.
     *
     * @param expected the count the client announced, kept on its rows
     */
    CompletionStage<Void> saveAcceptance(ClientId client, long expected, Token token);

    /** Every stored table, tokens in lexicographic order, rows by (id, ip, port). */
    List<HandlerTable> load();
}
