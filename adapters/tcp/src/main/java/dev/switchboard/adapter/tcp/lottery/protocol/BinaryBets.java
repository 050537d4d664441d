package dev.switchboard.adapter.tcp.lottery.protocol;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
    private static final int FIRST_NAME = Integer.BYTES;
    private static final int LAST_NAME = FIRST_NAME + NAME_BYTES;
    private static final int DOCUMENT = LAST_NAME + NAME_BYTES;
    private static final int BIRTHDATE = DOCUMENT + Integer.BYTES;
    private static final int NUMBER = BIRTHDATE + DATE_BYTES;
    public static final int REJECTED = 0;

    private BinaryBets() {
    }

    /** The bytes a batch of {@code count} bets takes on the wire, count prefix included. */
    public static long frameBytes(long count) {
        return Integer.BYTES + count * BET_BYTES;
    }

    /**
     * Reads a batch of an agency's connection straight into a columnar {@link BetBatch}; every bet
     * must name that agency.
     *
     * @throws IllegalArgumentException any bet is malformed (then the whole batch is refused)
     */
    public static BetBatch decode(AgencyId agency, int count, byte[] bytes) {
        if (count < 1 || bytes.length != count * BET_BYTES) {
            throw new IllegalArgumentException("a batch of " + count + " bets takes " + count * BET_BYTES + " bytes");
        }
        return decode(agency, count, bytes, 0);
    }

    /**
     * {@link #decode(AgencyId, int, byte[])} of the {@code count * BET_BYTES} bytes from {@code offset}
     * (a read's own buffer: nothing of it is kept).
     */
    public static BetBatch decode(AgencyId agency, int count, byte[] bytes, int offset) {
        if (count < 1 || offset < 0 || bytes.length - offset < (long) count * BET_BYTES) {
            throw new IllegalArgumentException("a batch of " + count + " bets takes " + count * BET_BYTES + " bytes");
        }
        BetBatch.Builder batch = BetBatch.builder(agency, count);
        for (int i = 0, p = offset; i < count; i++, p += BET_BYTES) {
            try {
                int betAgency = intAt(bytes, p);
                if (betAgency != agency.value()) {
                    throw new IllegalArgumentException("agency " + betAgency + " on agency " + agency + "'s connection");
                }
                String first = name(bytes, p + FIRST_NAME, "first name");
                String last = name(bytes, p + LAST_NAME, "last name");
                int document = intAt(bytes, p + DOCUMENT);
                long birthdate = WireFields.birthdate(bytes, p + BIRTHDATE, p + BIRTHDATE + DATE_BYTES, true);
                batch.add(first, last, document, birthdate, intAt(bytes, p + NUMBER));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bet " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return batch.build();
    }

    private static int intAt(byte[] b, int p) {
        return (b[p] << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    // A name is the bytes before the first NUL; everything after it must be NUL too.
    private static String name(byte[] b, int from, String what) {
        int to = from + NAME_BYTES;
        int end = from;
        while (end < to && b[end] != 0) {
            end++;
        }
        for (int i = end; i < to; i++) {
            if (b[i] != 0) {
                throw new IllegalArgumentException(what + " has bytes after its NUL padding");
            }
        }
        if (!WireFields.isUtf8(b, from, end)) {
            throw new IllegalArgumentException(what + " is not UTF-8");
        }
        return WireFields.text(b, from, end);
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
        for (int i = 0; i < batch.size(); i++) {
            encode(batch.bet(i), out);
        }
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
