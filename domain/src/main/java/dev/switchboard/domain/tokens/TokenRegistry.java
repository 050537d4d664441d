package dev.switchboard.domain.tokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Entity: every client and every token handler. One handler exists per distinct token; its table
 * has one row per client that sent the token. A client's {@code received} count is kept once and
 * shared by every handler the client appears in, so all of its rows show the same count.
 *
 * <p>The registry also remembers whether anything visible changed since the last
 * {@link #takeChanges()}, so the periodic table is printed only when it would differ.
 *
 * <p>Thread-safe without a lock: the clients and the handlers are concurrent maps and a client's
 * counters are atomics, so tokens of different handlers (and clients) are counted at the same
 * time by different threads. A snapshot ({@link #tables()}) reads each client's counters once, so
 * every row of one client shows the same count within it.
 */
public final class TokenRegistry {

    /** A client's counters, shared by all its rows. */
    private static final class Counters {
        volatile long expected;
        final AtomicLong received;
        final AtomicInteger handlers = new AtomicInteger();

        Counters(long expected, long received) {
            this.expected = expected;
            this.received = new AtomicLong(received);
        }
    }

    private final ConcurrentMap<ClientId, Counters> clients = new ConcurrentHashMap<>();
    private final ConcurrentMap<Token, Set<ClientId>> handlers = new ConcurrentHashMap<>();
    private final AtomicBoolean changed = new AtomicBoolean();

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
                counters.received.accumulateAndGet(row.received(), Math::max);
                if (registry.rowsOf(table.token()).add(row.client())) {
                    counters.handlers.incrementAndGet();
                }
            }
        }
        registry.changed.set(!registry.handlers.isEmpty());
        return registry;
    }

    /**
     * A client greeted with the count of tokens it will send. A client already known (the same
     * id, ip and port, e.g. after a restart) keeps its received count and takes the new expected.
     */
    public void register(ClientId client, long expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected must not be negative");
        }
        // a client greets once, but a store that records every acceptance registers it each time:
        // the lock-free look-up first, a new entry only for a client not known yet
        Counters known = clients.get(client);
        if (known == null) {
            known = clients.putIfAbsent(client, new Counters(expected, 0));
            if (known == null) {
                return;
            }
        }
        long was = known.expected;
        known.expected = expected;
        if (was != expected && known.handlers.get() > 0) {
            markChanged();
        }
    }

    public boolean isRegistered(ClientId client) {
        return clients.containsKey(client);
    }

    /** The count the client announced. */
    public long expected(ClientId client) {
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
    public long accept(ClientId client, Token token) {
        Counters counters = counters(client);
        // a client sends a token many times: a lock-free look-up first, add (which locks a bin) only once
        Set<ClientId> rows = rowsOf(token);
        if (!rows.contains(client) && rows.add(client)) {
            counters.handlers.incrementAndGet();
        }
        long received = counters.received.incrementAndGet();
        markChanged();
        return received;
    }

    /** Every handler's table, tokens in lexicographic order. */
    public List<HandlerTable> tables() {
        List<Token> tokens = new ArrayList<>(handlers.keySet());
        Collections.sort(tokens);
        Map<ClientId, HandlerRow> rows = new HashMap<>();
        List<HandlerTable> tables = new ArrayList<>(tokens.size());
        for (Token token : tokens) {
            tables.add(table(token, handlers.get(token), rows));
        }
        return tables;
    }

    /** One handler's table, if that token was ever accepted. */
    public Optional<HandlerTable> table(Token token) {
        Set<ClientId> rows = handlers.get(token);
        return rows == null ? Optional.empty() : Optional.of(table(token, rows, new HashMap<>()));
    }

    public int handlerCount() {
        return handlers.size();
    }

    /**
     * The tables if anything changed since the last call, and clears the change; empty if nothing
     * changed. The change is cleared before the tables are read, so a change made meanwhile is
     * either in these tables or reported again by the next call: none is lost.
     */
    public Optional<List<HandlerTable>> takeChanges() {
        if (!changed.getAndSet(false)) {
            return Optional.empty();
        }
        return Optional.of(tables());
    }

    // Only written when it was clear: accepts on many threads do not all write the same field.
    private void markChanged() {
        if (!changed.get()) {
            changed.set(true);
        }
    }

    private Set<ClientId> rowsOf(Token token) {
        Set<ClientId> rows = handlers.get(token);
        return rows != null ? rows : handlers.computeIfAbsent(token, t -> ConcurrentHashMap.newKeySet());
    }

    // A client's row is made once per snapshot, so all its rows in one snapshot agree.
    private HandlerTable table(Token token, Set<ClientId> clientIds, Map<ClientId, HandlerRow> made) {
        List<ClientId> ids = new ArrayList<>(clientIds);
        Collections.sort(ids);
        List<HandlerRow> rows = new ArrayList<>(ids.size());
        for (ClientId client : ids) {
            rows.add(made.computeIfAbsent(client, c -> {
                Counters counters = clients.get(c);
                return new HandlerRow(c, counters.expected, counters.received.get());
            }));
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
