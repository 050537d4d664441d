package dev.switchboard.domain.lottery;

import java.time.LocalDate;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.RandomAccess;

/**
 * Value object: bets one agency sends together; stored all or none. Never empty.
 *
 * <p>Kept as columns (one array per field), as decoders fill it and stores keep it: a batch of
 * thousands of bets is a handful of arrays, not thousands of objects. {@link #bets()} gives the
 * rows as {@link Bet}s when a caller wants them.
 *
 * <p>An agency may number its batches ({@link #batchNumber()}): a positive number it increases,
 * so that a batch resent after a lost answer is recognised and not stored twice.
 */
public final class BetBatch {

    private final AgencyId agency;
    private final String[] firstNames;
    private final String[] lastNames;
    private final int[] documents;
    private final long[] birthdates;
    private final int[] numbers;
    private final long batchNumber;

    private BetBatch(AgencyId agency, String[] firstNames, String[] lastNames, int[] documents, long[] birthdates,
                     int[] numbers, long batchNumber) {
        this.agency = agency;
        this.firstNames = firstNames;
        this.lastNames = lastNames;
        this.documents = documents;
        this.birthdates = birthdates;
        this.numbers = numbers;
        this.batchNumber = batchNumber;
    }

    /**
     * A batch of these bets, without a batch number.
     *
     * @throws IllegalArgumentException no bets, or a bet of another agency
     */
    public BetBatch(AgencyId agency, List<Bet> bets) {
        this(checked(agency, bets));
    }

    private BetBatch(Builder filled) {
        this(filled.agency, filled.firstNames, filled.lastNames, filled.documents, filled.birthdates, filled.numbers,
                0);
    }

    private static Builder checked(AgencyId agency, List<Bet> bets) {
        Objects.requireNonNull(agency, "'agency' must not be null");
        Objects.requireNonNull(bets, "'bets' must not be null");
        if (bets.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one bet");
        }
        Builder builder = new Builder(agency, bets.size());
        for (Bet bet : bets) {
            if (!bet.agency().equals(agency)) {
                throw new IllegalArgumentException("a bet of agency " + bet.agency() + " in a batch of agency " + agency);
            }
            builder.addChecked(bet.firstName(), bet.lastName(), bet.document(), bet.birthdate().toEpochDay(),
                    bet.number());
        }
        return builder;
    }

    /** A builder for exactly {@code size} bets of one agency, filled column by column as a decoder reads them. */
    public static Builder builder(AgencyId agency, int size) {
        return new Builder(Objects.requireNonNull(agency, "'agency' must not be null"), size);
    }

    /**
     * The same bets under a batch number.
     *
     * @throws IllegalArgumentException the number is not positive
     */
    public BetBatch numbered(long number) {
        if (number < 1) {
            throw new IllegalArgumentException("a batch number is a positive integer, not " + number);
        }
        return new BetBatch(agency, firstNames, lastNames, documents, birthdates, numbers, number);
    }

    public AgencyId agency() {
        return agency;
    }

    public int size() {
        return numbers.length;
    }

    /** The agency's number for this batch, if it gave one. */
    public OptionalLong batchNumber() {
        return batchNumber == 0 ? OptionalLong.empty() : OptionalLong.of(batchNumber);
    }

    public String firstName(int i) {
        return firstNames[i];
    }

    public String lastName(int i) {
        return lastNames[i];
    }

    public int document(int i) {
        return documents[i];
    }

    /** The {@code i}-th birthdate as days since 1970-01-01 ({@link LocalDate#toEpochDay()}). */
    public long birthdateEpochDay(int i) {
        return birthdates[i];
    }

    public LocalDate birthdate(int i) {
        return LocalDate.ofEpochDay(birthdates[i]);
    }

    public int number(int i) {
        return numbers[i];
    }

    /** The {@code i}-th bet as a row. */
    public Bet bet(int i) {
        return new Bet(agency, firstNames[i], lastNames[i], documents[i], birthdate(i), numbers[i]);
    }

    /** The bets as rows, in order (made on access; the batch keeps only its columns). */
    public List<Bet> bets() {
        return new Rows();
    }

    private final class Rows extends AbstractList<Bet> implements RandomAccess {
        @Override
        public Bet get(int index) {
            Objects.checkIndex(index, size());
            return bet(index);
        }

        @Override
        public int size() {
            return BetBatch.this.size();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BetBatch other && agency.equals(other.agency) && batchNumber == other.batchNumber
                && Arrays.equals(numbers, other.numbers) && Arrays.equals(documents, other.documents)
                && Arrays.equals(birthdates, other.birthdates) && Arrays.equals(firstNames, other.firstNames)
                && Arrays.equals(lastNames, other.lastNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(agency, batchNumber, Arrays.hashCode(documents), Arrays.hashCode(numbers));
    }

    @Override
    public String toString() {
        return "BetBatch[agency=" + agency + ", size=" + size()
                + (batchNumber == 0 ? "" : ", number=" + batchNumber) + "]";
    }

    /**
     * Fills a batch bet by bet, checking each field by the rules of {@link Bet}, without making a
     * {@link Bet} per row. Used by one thread.
     */
    public static final class Builder {
        private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
        private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

        private final AgencyId agency;
        private final String[] firstNames;
        private final String[] lastNames;
        private final int[] documents;
        private final long[] birthdates;
        private final int[] numbers;
        private int filled;

        private Builder(AgencyId agency, int size) {
            if (size < 1) {
                throw new IllegalArgumentException("a batch holds at least one bet");
            }
            this.agency = agency;
            this.firstNames = new String[size];
            this.lastNames = new String[size];
            this.documents = new int[size];
            this.birthdates = new long[size];
            this.numbers = new int[size];
        }

        /**
         * Adds the next bet.
         *
         * @param birthdate days since 1970-01-01 of a date whose year is 1..9999
         * @throws IllegalArgumentException a field breaks the rules of {@link Bet}, or the batch is full
         */
        public Builder add(String firstName, String lastName, int document, long birthdate, int number) {
            Bet.checkName("first name", firstName);
            Bet.checkName("last name", lastName);
            Bet.checkDocument(document);
            if (birthdate < FIRST_DAY || birthdate > LAST_DAY) {
                throw new IllegalArgumentException("birthdate year out of range 1..9999");
            }
            Bet.checkNumber(number);
            return addChecked(firstName, lastName, document, birthdate, number);
        }

        private Builder addChecked(String firstName, String lastName, int document, long birthdate, int number) {
            if (filled == numbers.length) {
                throw new IllegalArgumentException("the batch holds " + numbers.length + " bets");
            }
            firstNames[filled] = firstName;
            lastNames[filled] = lastName;
            documents[filled] = document;
            birthdates[filled] = birthdate;
            numbers[filled] = number;
            filled++;
            return this;
        }

        /** How many bets were added. */
        public int filled() {
            return filled;
        }

        /**
         * The batch.
         *
         * @throws IllegalStateException fewer bets were added than the builder was made for
         */
        public BetBatch build() {
            if (filled != numbers.length) {
                throw new IllegalStateException(filled + " of " + numbers.length + " bets added");
            }
            return new BetBatch(this);
        }
    }
}
