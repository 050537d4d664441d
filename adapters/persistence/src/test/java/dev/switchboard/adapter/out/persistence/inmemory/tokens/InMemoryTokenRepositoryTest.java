package dev.switchboard.adapter.out.persistence.inmemory.tokens;

import dev.switchboard.application.port.out.tokens.TokenRepository;

class InMemoryTokenRepositoryTest extends AbstractTokenRepositoryTest {

    @Override
    protected TokenRepository create() {
        return new InMemoryTokenRepository();
    }
}
