package dev.switchboard.adapter.out.persistence.inmemory.tokens;

import dev.switchboard.application.port.out.tokens.TokenRepository;
import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.HandlerTable;
import dev.switchboard.domain.tokens.Token;
import dev.switchboard.domain.tokens.TokenRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Persistence adapter: the tables in memory, kept by the domain's own {@link TokenRegistry}, so
 * what is saved loads back within the process (as a restarted service in a test would see it).
 * The registry is thread-safe without a lock, so acceptances from several I/O threads are saved
 * at the same time.
 */
public final class InMemoryTokenRepository implements TokenRepository {

    private static final CompletableFuture<Void> SAVED = CompletableFuture.completedFuture(null);

    private final TokenRegistry saved = TokenRegistry.empty();

    @Override
    public CompletionStage<Void> saveAcceptance(ClientId client, long expected, Token token) {
        saved.register(client, expected);
        saved.accept(client, token);
        return SAVED;
    }

    @Override
    public List<HandlerTable> load() {
        return saved.tables();
    }
}
