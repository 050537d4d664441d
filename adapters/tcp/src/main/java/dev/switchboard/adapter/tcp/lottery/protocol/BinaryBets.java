package dev.switchboard.adapter.tcp.lottery.protocol;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary dialect's wire layout (all integers big-endian int32):
 *
 * <pre>
 * bet (70 bytes):  agency int32 | first name 24 bytes UTF-8, NUL-padded | last name 24 bytes |
 *                  document int32 | birthdate 10 ASCII bytes YYYY-MM-DD | number int32
 * batch:           count int32 | count bets          (count 0 = the agency is done)
 * batch answer:    int32 1 (stored) or 0 (rejected)
 * done answer:     int32 n | n documents int32
 * </pre>
 */
public final class BinaryBets {

    public static final int BET_BYTES = 70;
    public static final int NAME_BYTES = 24;
    public static final int DATE_BYTES = 10;
    public static final int STORED = 1;
    public static final int REJECTED = 0;

    private BinaryBets() {
    }

    /** The bytes a batch of {@code count} bets takes on the wire, count prefix included. */
    public static long frameBytes(long count) {
        return Integer.BYTES + count * BET_BYTES;
    }

    /**
     * Reads a batch of an agency's connection; every bet must name that agency.
     *
     * @throws IllegalArgumentException any bet is malformed (then the whole batch is refused)
     */
    public static BetBatch decode(AgencyId agency, int count, byte[] bytes) {
        if (count < 1 || bytes.length != count * BET_BYTES) {
            throw new IllegalArgumentException("a batch of " + count + " bets takes " + count * BET_BYTES + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<Bet> bets = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            try {
                int betAgency = in.getInt();
                if (betAgency != agency.value()) {
                    throw new IllegalArgumentException("agency " + betAgency + " on agency " + agency + "'s connection");
                }
                String first = name(in, "first name");
                String last = name(in, "last name");
                int document = in.getInt();
                byte[] date = new byte[DATE_BYTES];
                in.get(date);
                String dateText = new String(date, StandardCharsets.ISO_8859_1);
                int number = in.getInt();
                bets.add(new Bet(agency, first, last, document, Bet.parseBirthdate(dateText), number));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bet " + i + ": " + e.getMessage(), e);
            }
        }
        return new BetBatch(agency, bets);
    }

    // A name is the bytes before the first NUL; everything after it must be NUL too.
    private static String name(ByteBuffer in, String what) {
        byte[] field = new byte[NAME_BYTES];
        in.get(field);
        int end = 0;
        while (end < NAME_BYTES && field[end] != 0) {
            end++;
        }
        for (int i = end; i < NAME_BYTES; i++) {
            if (field[i] != 0) {
                throw new IllegalArgumentException(what + " has bytes after its NUL padding");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(field, 0, end)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not UTF-8");
        }
    }

    /** Writes one bet's 70 bytes. */
    public static void encode(Bet bet, ByteBuffer out) {
        out.putInt(bet.agency().value());
        out.put(Arrays.copyOf(bet.firstName().getBytes(StandardCharsets.UTF_8), NAME_BYTES));
        out.put(Arrays.copyOf(bet.lastName().getBytes(StandardCharsets.UTF_8), NAME_BYTES));
        out.putInt(bet.document());
        out.put(bet.birthdateText().getBytes(StandardCharsets.US_ASCII));
        out.putInt(bet.number());
    }

    /** A whole batch frame: count, then the bets. */
    public static byte[] encodeBatch(BetBatch batch) {
        ByteBuffer out = ByteBuffer.allocate((int) frameBytes(batch.size()));
        out.putInt(batch.size());
        batch.bets().forEach(bet -> encode(bet, out));
        return out.array();
    }

    public static byte[] answer(int value) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
    }

    /** n, then n documents. */
    public static byte[] winners(List<Integer> documents) {
        ByteBuffer out = ByteBuffer.allocate(Integer.BYTES * (1 + documents.size()));
        out.putInt(documents.size());
        documents.forEach(out::putInt);
        return out.array();
    }
}
