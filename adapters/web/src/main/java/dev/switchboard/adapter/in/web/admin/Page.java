package dev.switchboard.adapter.in.web.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a long list answer: {@code limit} (default {@value #DEFAULT_LIMIT}, at most
 * {@value #MAX_LIMIT}) items after an opaque {@code cursor}, and the cursor of the next page while
 * more remain. A cursor names the last item handed out, not a position, so items added or removed
 * meanwhile never make a page repeat or skip one that stayed.
 *
 * @param next the cursor for the following page; empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> next) {

    public static final int DEFAULT_LIMIT = 1_000;
    public static final int MAX_LIMIT = 10_000;
    private static final String PREFIX = "v1:";

    /** The query's {@code limit} and {@code cursor}, checked (a bad one answers 400). */
    public record Request(int limit, Optional<String> after) {

        public static Request of(Map<String, String> query) throws ApiException {
            return new Request(limit(query.get("limit")), after(query.get("cursor")));
        }

        private static int limit(String text) throws ApiException {
            if (text == null) {
                return DEFAULT_LIMIT;
            }
            try {
                int limit = Integer.parseInt(text.trim());
                if (limit >= 1 && limit <= MAX_LIMIT) {
                    return limit;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + text + "'");
        }

        private static Optional<String> after(String cursor) throws ApiException {
            if (cursor == null || cursor.isEmpty()) {
                return Optional.empty();
            }
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                if (decoded.startsWith(PREFIX)) {
                    return Optional.of(decoded.substring(PREFIX.length()));
                }
            } catch (IllegalArgumentException e) {
                // answered below
            }
            throw new ApiException(400, "bad cursor");
        }
    }

    /**
     * The page of {@code all} after the request's cursor, in the order of their keys
     * ({@link String#compareTo}); keys must be unique. {@code all} need not be sorted.
     */
    public static <T> Page<T> of(List<T> all, Function<T, String> keyOf, Request request) {
        List<T> after = new ArrayList<>();
        for (T item : all) {
            if (request.after().isEmpty() || keyOf.apply(item).compareTo(request.after().get()) > 0) {
                after.add(item);
            }
        }
        after.sort(Comparator.comparing(keyOf));
        if (after.size() <= request.limit()) {
            return new Page<>(List.copyOf(after), Optional.empty());
        }
        List<T> items = List.copyOf(after.subList(0, request.limit()));
        return new Page<>(items, Optional.of(cursor(keyOf.apply(items.get(items.size() - 1)))));
    }

    /**
     * The page of {@code all}, a list kept in arrival order whose items only ever join at the end,
     * after the item whose key the cursor names.
     */
    public static <T> Page<T> inArrivalOrder(List<T> all, Function<T, String> keyOf, Request request) {
        int start = 0;
        if (request.after().isPresent()) {
            String last = request.after().get();
            start = all.size();
            for (int i = all.size() - 1; i >= 0; i--) {
                if (keyOf.apply(all.get(i)).equals(last)) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = (int) Math.min(all.size(), (long) start + request.limit());
        List<T> items = List.copyOf(all.subList(start, end));
        Optional<String> next = end < all.size() ? Optional.of(cursor(keyOf.apply(all.get(end - 1)))) : Optional.empty();
        return new Page<>(items, next);
    }

    static String cursor(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }
}
