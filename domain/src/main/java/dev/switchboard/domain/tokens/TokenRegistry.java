package dev.switchboard.domain.tokens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Entity: every client and every token handler. One handler exists per distinct token; its table
 * has one row per client that sent the token. A client's {@code received} count is kept once and
 * shared by every handler the client appears in, so all of its rows show the same count.
 *
 * <p>The registry also remembers whether anything visible changed since the last
 * {@link #takeChanges()}, so the periodic table is printed only when it would differ.
 *
 * <p>Thread-safe: every method holds the registry's lock for a few map operations only.
 */
public final class TokenRegistry {

    /** A client's counters, shared by all its rows. */
    private static final class Counters {
        long expected;
        long received;
        int handlers;

        Counters(long expected, long received) {
            this.expected = expected;
            this.received = received;
        }
    }

    private final Map<ClientId, Counters> clients = new HashMap<>();
    private final TreeMap<Token, NavigableSet<ClientId>> handlers = new TreeMap<>();
    private boolean changed;

    private TokenRegistry() {
    }

    public static TokenRegistry empty() {
        return new TokenRegistry();
    }

    /**
     * A registry holding stored tables again (after a restart). The restored tables count as a
     * change, so they are printed once.
     */
    public static TokenRegistry restored(List<HandlerTable> tables) {
        TokenRegistry registry = new TokenRegistry();
        for (HandlerTable table : tables) {
            for (HandlerRow row : table.rows()) {
                Counters counters = registry.clients.computeIfAbsent(row.client(),
                        c -> new Counters(row.expected(), row.received()));
                counters.expected = row.expected();
                counters.received = Math.max(counters.received, row.received());
                if (registry.handlers.computeIfAbsent(table.token(), t -> new TreeSet<>()).add(row.client())) {
                    counters.handlers++;
                }
            }
        }
        registry.changed = !registry.handlers.isEmpty();
        return registry;
    }

    /**
     * A client greeted with the count of tokens it will send. A client already known (the same
     * id, ip and port, e.g. after a restart) keeps its received count and takes the new expected.
     */
    public synchronized void register(ClientId client, long expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected must not be negative");
        }
        Counters known = clients.get(client);
        if (known == null) {
            clients.put(client, new Counters(expected, 0));
            return;
        }
        if (known.expected != expected && known.handlers > 0) {
            changed = true;
        }
        known.expected = expected;
    }

    public synchronized boolean isRegistered(ClientId client) {
        return clients.containsKey(client);
    }

    /** The count the client announced. */
    public synchronized long expected(ClientId client) {
        return counters(client).expected;
    }

    /**
     * The client's token was accepted by its handler: the handler gets a row for the client if it
     * had none, and the client's received count grows by one (more tokens than expected are
     * counted too).
     *
     * @return the client's received count after this token
     * @throws IllegalStateException if the client never greeted
     */
    public synchronized long accept(ClientId client, Token token) {
        Counters counters = counters(client);
        counters.received++;
        if (handlers.computeIfAbsent(token, t -> new TreeSet<>()).add(client)) {
            counters.handlers++;
        }
        changed = true;
        return counters.received;
    }

    /** Every handler's table, tokens in lexicographic order. */
    public synchronized List<HandlerTable> tables() {
        List<HandlerTable> tables = new ArrayList<>(handlers.size());
        handlers.forEach((token, rows) -> tables.add(table(token, rows)));
        return tables;
    }

    /** One handler's table, if that token was ever accepted. */
    public synchronized Optional<HandlerTable> table(Token token) {
        NavigableSet<ClientId> rows = handlers.get(token);
        return rows == null ? Optional.empty() : Optional.of(table(token, rows));
    }

    public synchronized int handlerCount() {
        return handlers.size();
    }

    /**
     * The tables if anything changed since the last call, and clears the change; empty if nothing
     * changed. Reading and clearing happen together, so no change is lost between them.
     */
    public synchronized Optional<List<HandlerTable>> takeChanges() {
        if (!changed) {
            return Optional.empty();
        }
        changed = false;
        return Optional.of(tables());
    }

    private HandlerTable table(Token token, NavigableSet<ClientId> clientIds) {
        List<HandlerRow> rows = new ArrayList<>(clientIds.size());
        for (ClientId client : clientIds) {
            Counters counters = clients.get(client);
            rows.add(new HandlerRow(client, counters.expected, counters.received));
        }
        return new HandlerTable(token, rows);
    }

    private Counters counters(ClientId client) {
        Counters counters = clients.get(client);
        if (counters == null) {
            throw new IllegalStateException("client " + client.id() + " at " + client.addr() + " never greeted");
        }
        return counters;
    }
}
