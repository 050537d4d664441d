package dev.switchboard.adapter.out.persistence.collector;

import dev.switchboard.adapter.out.persistence.inmemory.collector.InMemoryReceiptStore;
import dev.switchboard.application.port.out.collector.ReceiptStore;

class InMemoryReceiptStoreTest extends AbstractReceiptStoreTest {

    @Override
    protected ReceiptStore store() {
        return new InMemoryReceiptStore();
    }
}
