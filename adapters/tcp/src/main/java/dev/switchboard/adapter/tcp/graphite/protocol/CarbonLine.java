package dev.switchboard.adapter.tcp.graphite.protocol;

import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Carbon's plaintext line, read straight from bytes: {@code <path> <value> <timestamp>},
 * separated by runs of spaces or tabs (a trailing {@code \r} is whitespace too). The value is a
 * finite decimal ({@code 23.7}, {@code -1e3}); {@code nan} and {@code inf} are refused, since no
 * store keeps them. The timestamp is epoch seconds, a decimal part cut off as carbon does
 * ({@code 1700000000.9} is {@code 1700000000}); {@code -1} means now. Anything else is invalid:
 * the line is dropped, never answered.
 */
public final class CarbonLine {

    private static final double[] POWERS = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    private CarbonLine() {
    }

    /**
     * Parses {@code bytes[from, to)} (no {@code \n}) and appends the point to {@code out}.
     *
     * @return whether the line was valid (an invalid one adds nothing)
     */
    public static boolean parse(byte[] bytes, int from, int to, long now, MetricBatch out) {
        int i = skipSpace(bytes, from, to);
        int pathStart = i;
        i = skipField(bytes, i, to);
        int pathEnd = i;
        i = skipSpace(bytes, i, to);
        int valueStart = i;
        i = skipField(bytes, i, to);
        int valueEnd = i;
        i = skipSpace(bytes, i, to);
        int tsStart = i;
        i = skipField(bytes, i, to);
        int tsEnd = i;
        i = skipSpace(bytes, i, to);
        if (pathEnd == pathStart || valueEnd == valueStart || tsEnd == tsStart || i != to) {
            return false;
        }
        double value = number(bytes, valueStart, valueEnd);
        double ts = number(bytes, tsStart, tsEnd);
        if (!Double.isFinite(value) || !Double.isFinite(ts) || Math.abs(ts) > 9.0e15) {
            return false;
        }
        long timestamp = (long) ts; // toward zero, as int(float(ts))
        if (timestamp == -1) {
            timestamp = now;
        }
        String path = text(bytes, pathStart, pathEnd);
        if (path == null) {
            return false;
        }
        out.add(MetricKey.of(path), value, timestamp);
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == 0x0b || b == '\f';
    }

    private static int skipSpace(byte[] b, int i, int to) {
        while (i < to && isSpace(b[i])) {
            i++;
        }
        return i;
    }

    private static int skipField(byte[] b, int i, int to) {
        while (i < to && !isSpace(b[i])) {
            i++;
        }
        return i;
    }

    /**
     * A decimal number, or NaN when the text is not one. Up to 18 digits with a power of ten up
     * to 22 are computed exactly in one rounding (the mantissa and the power are exact doubles);
     * anything longer goes through {@link Double#parseDouble}, after the same grammar check.
     */
    static double number(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (b[i] == '+' || b[i] == '-') {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        boolean any = false;
        boolean exact = true;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            any = true;
            if (digits < 18) {
                mantissa = mantissa * 10 + (b[i] - '0');
                if (mantissa != 0) {
                    digits++;
                }
            } else {
                exact = false;
            }
            i++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                any = true;
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    if (mantissa != 0) {
                        digits++;
                    }
                    fraction++;
                } else {
                    exact = false;
                }
                i++;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                expNegative = b[i] == '-';
                i++;
            }
            if (i == to) {
                return Double.NaN;
            }
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (exponent < 10_000) {
                    exponent = exponent * 10 + (b[i] - '0');
                }
                i++;
            }
            if (expNegative) {
                exponent = -exponent;
            }
        }
        if (i != to) {
            return Double.NaN;
        }
        int scale = exponent - fraction;
        if (exact && mantissa < (1L << 53) && scale >= -22 && scale <= 22) {
            // both operands are exact doubles: one operation, one correct rounding
            double d = scale >= 0 ? mantissa * POWERS[scale] : mantissa / POWERS[-scale];
            return negative ? -d : d;
        }
        return Double.parseDouble(new String(b, from, to - from, StandardCharsets.US_ASCII));
    }

    private static String text(byte[] b, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
