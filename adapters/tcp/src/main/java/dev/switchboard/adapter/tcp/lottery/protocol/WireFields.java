package dev.switchboard.adapter.tcp.lottery.protocol;

import dev.switchboard.domain.lottery.Bet;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The lottery's fields read straight from frame bytes, for both dialects: UTF-8 checked without
 * decoding, a name made into a string once, numbers and dates read digit by digit. A field that
 * does not read cleanly is handed to {@link Bet}'s own parser, so its error says exactly what a
 * field read from text would.
 */
final class WireFields {

    private WireFields() {
    }

    /** Whether {@code b[from, to)} is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
    static boolean isUtf8(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int need;
            int low = 0x80;
            int high = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                low = c == 0xE0 ? 0xA0 : 0x80;
                high = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                low = c == 0xF0 ? 0x90 : 0x80;
                high = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (i + need >= to) {
                return false;
            }
            int second = b[i + 1] & 0xFF;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k <= need; k++) {
                int next = b[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }

    /** The text of well-formed UTF-8 bytes; ASCII (the common case) is copied without decoding. */
    static String text(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return new String(b, from, to - from, StandardCharsets.UTF_8);
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** A document: decimal digits within int32 (else {@link Bet#parseDocument}'s error). */
    static int document(byte[] b, int from, int to) {
        int n = to - from;
        if (n >= 1 && n <= 9) {
            int value = digits(b, from, to);
            if (value >= 0) {
                return value;
            }
        }
        return Bet.parseDocument(text(b, from, to));
    }

    /** A bet number: at most 4 decimal digits (else {@link Bet#parseNumber}'s error). */
    static int number(byte[] b, int from, int to) {
        int n = to - from;
        if (n >= 1 && n <= 4) {
            int value = digits(b, from, to);
            if (value >= 0) {
                return value;
            }
        }
        return Bet.parseNumber(text(b, from, to));
    }

    /**
     * A birthdate {@code YYYY-MM-DD} as days since 1970-01-01 (else {@link Bet#parseBirthdate}'s
     * error, quoting the field as UTF-8 text, or byte for byte as Latin-1 when {@code latin1}).
     */
    static long birthdate(byte[] b, int from, int to, boolean latin1) {
        if (to - from == 10 && b[from + 4] == '-' && b[from + 7] == '-') {
            int year = digits(b, from, from + 4);
            int month = digits(b, from + 5, from + 7);
            int day = digits(b, from + 8, from + 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                try {
                    return LocalDate.of(year, month, day).toEpochDay();
                } catch (DateTimeException e) {
                    // not a calendar date: the text parser says why
                }
            }
        }
        String text = latin1 ? new String(b, from, to - from, StandardCharsets.ISO_8859_1) : text(b, from, to);
        return Bet.parseBirthdate(text).toEpochDay();
    }

    // The value of ASCII digits (at most 9 of them), or -1 if any byte is not a digit.
    private static int digits(byte[] b, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
