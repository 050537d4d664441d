package dev.switchboard.application.service.tokens;

import dev.switchboard.application.port.in.tokens.GetTokenTablesUseCase;
import dev.switchboard.application.port.in.tokens.RegisterClientUseCase;
import dev.switchboard.application.port.in.tokens.SubmitTokenUseCase;
import dev.switchboard.application.port.out.tokens.TokenRepository;
import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.HandlerTable;
import dev.switchboard.domain.tokens.Token;
import dev.switchboard.domain.tokens.TokenRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Service: the tokens use cases. A token goes through its handler in the {@link HandlerPool}
 * (one at a time per token, with the simulated delay; with no delay, on the calling thread); the handler stores the acceptance, and
 * only once the repository has it (committed, for H2) does the registry count it and the stage
 * complete. So the tables never show an acceptance that could still be lost, and a storage
 * failure leaves them unchanged.
 */
public final class TokenService implements RegisterClientUseCase, SubmitTokenUseCase, GetTokenTablesUseCase {

    private final TokenRegistry registry;
    private final TokenRepository repository;
    private final HandlerPool handlers;

    public TokenService(TokenRegistry registry, TokenRepository repository, HandlerPool handlers) {
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        this.repository = Objects.requireNonNull(repository, "'repository' must not be null");
        this.handlers = Objects.requireNonNull(handlers, "'handlers' must not be null");
    }

    @Override
    public void register(RegisterClientCommand command) {
        registry.register(command.client(), command.tokensExpected());
    }

    @Override
    public CompletionStage<Long> submit(SubmitTokenCommand command) {
        ClientId client = command.client();
        Token token = command.token();
        long expected;
        try {
            expected = registry.expected(client);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        Supplier<CompletionStage<Long>> step = () -> repository.saveAcceptance(client, expected, token)
                .thenApply(stored -> registry.accept(client, token));
        // without a delay the handler's work is two non-blocking calls: done here, not on another thread
        return handlers.delayFree() ? handlers.runNow(step) : handlers.submit(token, step);
    }

    @Override
    public List<HandlerTable> tables() {
        return registry.tables();
    }

    @Override
    public Optional<HandlerTable> table(Token token) {
        return registry.table(token);
    }

    @Override
    public int handlerCount() {
        return registry.handlerCount();
    }
}
