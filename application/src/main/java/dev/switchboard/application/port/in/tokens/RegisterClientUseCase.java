package dev.switchboard.application.port.in.tokens;

import dev.switchboard.domain.tokens.ClientId;
import java.util.Objects;

/** Use case: a client greets with the number of tokens it will send. */
public interface RegisterClientUseCase {

    void register(RegisterClientCommand command);

    /** A greeting: who the client is (id and address) and how many tokens it announces. */
    record RegisterClientCommand(ClientId client, long tokensExpected) {

        public RegisterClientCommand {
            Objects.requireNonNull(client, "'client' must not be null");
            if (tokensExpected < 0) {
                throw new IllegalArgumentException("tokensExpected must not be negative");
            }
        }
    }
}
