package dev.switchboard.application.port.in.tokens;

import dev.switchboard.domain.tokens.HandlerTable;
import dev.switchboard.domain.tokens.Token;
import java.util.List;
import java.util.Optional;

/** Use case: read the handlers' tables, tokens in lexicographic order, rows by (id, ip, port). */
public interface GetTokenTablesUseCase {

    List<HandlerTable> tables();

    Optional<HandlerTable> table(Token token);

    int handlerCount();
}
