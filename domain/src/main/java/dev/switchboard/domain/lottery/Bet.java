package dev.switchboard.domain.lottery;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Objects;

/**
 * Value object: one bet of one agency. Names are kept to what both wire dialects can carry:
 * non-blank, at most {@value #MAX_NAME_BYTES} UTF-8 bytes (the binary field is 24 bytes,
 * NUL-padded), no {@code ;} (the text dialect's separator) and no control characters.
 *
 * @param document  the bettor's document number, a non-negative int32 (not unique)
 * @param birthdate a date with a four-digit year, so it is always 10 ASCII bytes on the wire
 * @param number    the number bet on, {@value #MIN_NUMBER}..{@value #MAX_NUMBER}
 */
public record Bet(AgencyId agency, String firstName, String lastName, int document, LocalDate birthdate, int number) {

    public static final int MAX_NAME_BYTES = 24;
    public static final int MIN_NUMBER = 0;
    public static final int MAX_NUMBER = 9999;

    private static final DateTimeFormatter ISO_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    public Bet {
        Objects.requireNonNull(agency, "'agency' must not be null");
        checkName("first name", firstName);
        checkName("last name", lastName);
        checkDocument(document);
        checkBirthdate(birthdate);
        checkNumber(number);
    }

    /**
     * A name both dialects can carry: non-blank, at most {@value #MAX_NAME_BYTES} UTF-8 bytes, no
     * {@code ;} and no control characters.
     *
     * @throws IllegalArgumentException the name breaks a rule; the message names {@code what}
     */
    public static void checkName(String what, String name) {
        Objects.requireNonNull(name, "'" + what + "' must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (utf8Length(name) > MAX_NAME_BYTES) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_NAME_BYTES + " bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ';' || Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " must not contain ';' or control characters");
            }
        }
    }

    // The UTF-8 length without encoding (unpaired surrogates count as '?', as getBytes writes them).
    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** @throws IllegalArgumentException a negative document */
    public static void checkDocument(int document) {
        if (document < 0) {
            throw new IllegalArgumentException("document must not be negative: " + document);
        }
    }

    /** @throws IllegalArgumentException a year outside 1..9999 (not 10 ASCII bytes on the wire) */
    public static void checkBirthdate(LocalDate birthdate) {
        Objects.requireNonNull(birthdate, "'birthdate' must not be null");
        if (birthdate.getYear() < 1 || birthdate.getYear() > 9999) {
            throw new IllegalArgumentException("birthdate year out of range: " + birthdate);
        }
    }

    /** @throws IllegalArgumentException a number outside {@value #MIN_NUMBER}..{@value #MAX_NUMBER} */
    public static void checkNumber(int number) {
        if (number < MIN_NUMBER || number > MAX_NUMBER) {
            throw new IllegalArgumentException("number must be between " + MIN_NUMBER + " and " + MAX_NUMBER + ", not " + number);
        }
    }

    /** Reads a birthdate written {@code YYYY-MM-DD} (exactly that, a real calendar date). */
    public static LocalDate parseBirthdate(String text) {
        if (text == null || text.length() != 10) {
            throw new IllegalArgumentException("birthdate must be YYYY-MM-DD, not '" + text + "'");
        }
        try {
            return LocalDate.parse(text, ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("birthdate must be a date YYYY-MM-DD, not '" + text + "'");
        }
    }

    /** Reads a document written in decimal digits, within int32. */
    public static int parseDocument(String text) {
        return parseDigits("document", text, 10);
    }

    /** Reads a bet number written in decimal digits. */
    public static int parseNumber(String text) {
        return parseDigits("number", text, 4);
    }

    private static int parseDigits(String what, String text, int maxDigits) {
        if (text == null || text.isEmpty() || text.length() > maxDigits
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + " must be decimal digits, not '" + text + "'");
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " out of range: " + text);
        }
    }

    /** {@code YYYY-MM-DD}, 10 ASCII characters. */
    public String birthdateText() {
        return birthdate.format(ISO_DATE);
    }
}
