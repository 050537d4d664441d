package dev.switchboard.application.port.in.tokens;

import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.Token;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Use case: a greeted client sends a token. The token goes through its handler (with the
 * simulated delay); the stage completes with the client's received count once the acceptance is
 * stored (for a durable store: committed), or fails if it could not be stored.
 */
public interface SubmitTokenUseCase {

    CompletionStage<Long> submit(SubmitTokenCommand command);

    record SubmitTokenCommand(ClientId client, Token token) {

        public SubmitTokenCommand {
            Objects.requireNonNull(client, "'client' must not be null");
            Objects.requireNonNull(token, "'token' must not be null");
        }
    }
}
