package dev.switchboard.adapter.in.tcp.metrics;

import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.MetricQuery;
import dev.switchboard.adapter.tcp.metrics.protocol.MetricsRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads request lines of the metrics protocol straight from the bytes of a read, with no
 * {@code String} per field: ASCII lines are split and their numbers parsed in place, and keys
 * come from a small per-connection cache (a connection usually writes the same few keys again
 * and again). A line with any byte outside ASCII, or a number the fast path does not take
 * (exponents, digit-group underscores, more than 15 digits), goes the general way of
 * {@link MetricsRequest#parse}, so every line is read exactly as before.
 *
 * <p>One parser per connection; not thread-safe.
 */
final class MetricsLineParser {

    enum Kind { PUT, GET, WRONG }

    private static final int MAX_FAST_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = new double[23];
    private static final int CACHE_SIZE = 64;

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[][] cachedBytes = new byte[CACHE_SIZE][];
    private final MetricKey[] cachedKeys = new MetricKey[CACHE_SIZE];
    private final int[] starts = new int[5];
    private final int[] ends = new int[5];

    // the last line read
    private Kind kind;
    private MetricKey key;
    private double value;
    private long timestamp;
    private MetricQuery query;

    Kind kind() {
        return kind;
    }

    MetricKey key() {
        return key;
    }

    double value() {
        return value;
    }

    long timestamp() {
        return timestamp;
    }

    MetricQuery query() {
        return query;
    }

    /** Reads one line ({@code length} bytes from {@code from}, no line end); returns its kind. */
    Kind parse(byte[] bytes, int from, int length) {
        int end = from + length;
        for (int i = from; i < end; i++) {
            if (bytes[i] < 0) {
                return general(bytes, from, length);
            }
        }
        int fields = split(bytes, from, end);
        if (fields == 4 && isVerb(bytes, 0, 'p', 'u', 't')) {
            if (!fastValue(bytes, starts[2], ends[2]) || !fastTimestamp(bytes, starts[3], ends[3])) {
                return general(bytes, from, length);
            }
            key = key(bytes, starts[1], ends[1]);
            return kind = Kind.PUT;
        }
        if (fields >= 1 && isVerb(bytes, 0, 'g', 'e', 't')) {
            // gets are few and carry patterns and ranges: the general parser reads them
            return general(bytes, from, length);
        }
        return kind = Kind.WRONG;
    }

    /** Splits on runs of ASCII whitespace, as the general parser does; at most 5 fields are kept. */
    private int split(byte[] bytes, int from, int end) {
        int fields = 0;
        int i = from;
        while (i < end && fields < 5) {
            while (i < end && isSpace(bytes[i])) {
                i++;
            }
            int start = i;
            while (i < end && !isSpace(bytes[i])) {
                i++;
            }
            if (i > start) {
                starts[fields] = start;
                ends[fields] = i;
                fields++;
            }
        }
        return fields;
    }

    /** {@link Character#isWhitespace} on an ASCII byte. */
    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= 9 && b <= 13) || (b >= 28 && b <= 31);
    }

    private boolean isVerb(byte[] bytes, int field, char a, char b, char c) {
        int s = starts[field];
        return ends[field] - s == 3 && bytes[s] == a && bytes[s + 1] == b && bytes[s + 2] == c;
    }

    /** {@code [+-]?digits[.digits]} or {@code [+-]?.digits} with at most 15 digits, as the exact double. */
    private boolean fastValue(byte[] bytes, int from, int end) {
        int i = from;
        boolean negative = false;
        if (bytes[i] == '+' || bytes[i] == '-') {
            negative = bytes[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b >= '0' && b <= '9') {
                if (++digits > MAX_FAST_DIGITS) {
                    return false;
                }
                mantissa = mantissa * 10 + (b - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (b == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return false;
            }
        }
        if (digits == 0) {
            return false;
        }
        // mantissa < 2^53 and 10^fraction are exact doubles: one division rounds correctly
        double d = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
        value = negative ? -d : d;
        return true;
    }

    /** {@code [+-]?digits} with at most 18 digits. */
    private boolean fastTimestamp(byte[] bytes, int from, int end) {
        int i = from;
        boolean negative = false;
        if (bytes[i] == '+' || bytes[i] == '-') {
            negative = bytes[i] == '-';
            i++;
        }
        if (i == end || end - i > 18) {
            return false;
        }
        long t = 0;
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b < '0' || b > '9') {
                return false;
            }
            t = t * 10 + (b - '0');
        }
        timestamp = negative ? -t : t;
        return true;
    }

    /** The key of these (ASCII, whitespace-free) bytes, from the cache when this connection used it lately. */
    private MetricKey key(byte[] bytes, int from, int end) {
        int h = 0;
        for (int i = from; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        int slot = (h ^ (h >>> 16)) & (CACHE_SIZE - 1);
        byte[] cached = cachedBytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, bytes, from, end)) {
            return cachedKeys[slot];
        }
        MetricKey made = MetricKey.of(new String(bytes, from, end - from, StandardCharsets.ISO_8859_1));
        cachedBytes[slot] = Arrays.copyOfRange(bytes, from, end);
        cachedKeys[slot] = made;
        return made;
    }

    /** Any line the fast path does not take: decoded as UTF-8 and read by the general parser. */
    private Kind general(byte[] bytes, int from, int length) {
        String text;
        try {
            text = utf8.reset().decode(ByteBuffer.wrap(bytes, from, length)).toString();
        } catch (CharacterCodingException e) {
            return kind = Kind.WRONG;
        }
        MetricsRequest request = MetricsRequest.parse(text);
        if (request instanceof MetricsRequest.Put put) {
            key = put.point().key();
            value = put.point().value();
            timestamp = put.point().timestamp();
            return kind = Kind.PUT;
        }
        if (request instanceof MetricsRequest.Get get) {
            query = get.query();
            return kind = Kind.GET;
        }
        return kind = Kind.WRONG;
    }
}
