package dev.switchboard.domain.tokens;

/** Checks shared by the value objects of this package. */
final class Text {

    private Text() {
    }

    /** Whether the text holds a character that would break a printed table line (newline, tab, NUL...). */
    static boolean hasControl(String text) {
        return text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || c == 0x2028 || c == 0x2029);
    }
}
