package dev.switchboard.adapter.out.persistence.lottery;

import dev.switchboard.adapter.out.persistence.inmemory.lottery.InMemoryBetStore;
import dev.switchboard.application.port.out.lottery.BetStore;

class InMemoryBetStoreTest extends BetStoreContractTest {

    private final InMemoryBetStore store = new InMemoryBetStore();

    @Override
    protected BetStore store() {
        return store;
    }
}
