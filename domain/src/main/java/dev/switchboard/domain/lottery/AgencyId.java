package dev.switchboard.domain.lottery;

/** Value object: the number of a lottery agency, 1 or more. */
public record AgencyId(int value) implements Comparable<AgencyId> {

    public AgencyId {
        if (value < 1) {
            throw new IllegalArgumentException("an agency id is a positive number, not " + value);
        }
    }

    public static AgencyId of(int value) {
        return new AgencyId(value);
    }

    /** Reads a decimal agency id as it appears on the wire ({@code END;3}); digits only. */
    public static AgencyId parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("an agency id is a positive number, not '" + text + "'");
        }
        try {
            return new AgencyId(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("agency id out of range: " + text);
        }
    }

    @Override
    public int compareTo(AgencyId other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
