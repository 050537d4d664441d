package dev.switchboard.adapter.tcp.lottery.protocol;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.nio.charset.StandardCharsets;

/**
 * One frame body of the text dialect, parsed; and the writer of those bodies for clients.
 *
 * <pre>
 * batch:    &lt;agency&gt;;&lt;count&gt;[;&lt;batch&gt;]\n then count lines &lt;first&gt;;&lt;last&gt;;&lt;document&gt;;&lt;birthdate&gt;;&lt;number&gt;\n
 * done:     END;&lt;agency&gt;
 * winners:  WINNERS;&lt;agency&gt;
 * </pre>
 *
 * A {@code \r} before any {@code \n} is ignored, and so is one {@code \n} at the end of
 * {@code END}/{@code WINNERS} or missing at the end of a batch's last line. The optional
 * {@code <batch>} is the agency's number for the batch (a positive integer, at most 18 digits):
 * a batch whose number the server already stored for the agency is answered again, not stored twice.
 */
public sealed interface LotteryTextRequest {

    /** The largest count a batch header may announce (a frame could not hold more anyway). */
    int MAX_COUNT = 1_000_000;

    String END_TEXT = "END;";
    String WINNERS_TEXT = "WINNERS;";
    byte[] END_PREFIX = END_TEXT.getBytes(StandardCharsets.US_ASCII);
    byte[] WINNERS_PREFIX = WINNERS_TEXT.getBytes(StandardCharsets.US_ASCII);

    record Batch(BetBatch batch) implements LotteryTextRequest {
    }

    record End(AgencyId agency) implements LotteryTextRequest {
    }

    record Winners(AgencyId agency) implements LotteryTextRequest {
    }

    /** A batch that cannot be stored; {@code count} is what its header announced (0 if unknown). */
    record BadBatch(String reason, int count) implements LotteryTextRequest {
    }

    /** Not a message of this protocol. */
    record Wrong(String reason) implements LotteryTextRequest {
    }

    /** A body that is not valid UTF-8 (frame boundaries are intact: the connection stays usable). */
    record NotUtf8(int bytes) implements LotteryTextRequest {
    }

    /** The longest batch number: 18 digits always fit a long. */
    int MAX_BATCH_NUMBER_DIGITS = 18;

    /** Reads a frame body given as text (its UTF-8 bytes are read as {@link #parse(byte[], int, int)} does). */
    static LotteryTextRequest parse(String body) {
        if (body.startsWith(END_TEXT) || body.startsWith(WINNERS_TEXT)) {
            return control(body);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    private static LotteryTextRequest control(String body) {
        if (body.startsWith(END_TEXT)) {
            try {
                return new End(AgencyId.parse(stripEnd(body.substring(END_TEXT.length()))));
            } catch (IllegalArgumentException e) {
                return new Wrong(e.getMessage());
            }
        }
        try {
            return new Winners(AgencyId.parse(stripEnd(body.substring(WINNERS_TEXT.length()))));
        } catch (IllegalArgumentException e) {
            return new Wrong(e.getMessage());
        }
    }

    /**
     * Reads a frame body straight from its bytes: a batch becomes a {@link BetBatch} column by
     * column, without a string of the whole body or a {@link Bet} per line. The answers are those
     * of {@link #parse(String)} for the same body; a body that is not UTF-8 is {@link NotUtf8}.
     */
    static LotteryTextRequest parse(byte[] b, int offset, int length) {
        int end = offset + length;
        if (!WireFields.isUtf8(b, offset, end)) {
            return new NotUtf8(length);
        }
        if (startsWith(b, offset, end, END_PREFIX) || startsWith(b, offset, end, WINNERS_PREFIX)) {
            return control(new String(b, offset, length, StandardCharsets.UTF_8));
        }
        int eol = indexOf(b, offset, end, (byte) '\n');
        int headerEnd = stripCr(b, offset, eol < 0 ? end : eol);
        int first = indexOf(b, offset, headerEnd, (byte) ';');
        if (first < 0) {
            return unknownMessage();
        }
        int second = indexOf(b, first + 1, headerEnd, (byte) ';');
        int countEnd = second < 0 ? headerEnd : second;
        if (!isDigits(b, offset, first) || !isDigits(b, first + 1, countEnd)
                || (second >= 0 && !isDigits(b, second + 1, headerEnd))) {
            return unknownMessage();
        }
        int count = countEnd - (first + 1) > 7 ? Integer.MAX_VALUE : (int) digits(b, first + 1, countEnd);
        if (count < 1 || count > MAX_COUNT) {
            return new BadBatch("count must be between 1 and " + MAX_COUNT, 0);
        }
        AgencyId agency;
        try {
            agency = AgencyId.parse(new String(b, offset, first - offset, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return new BadBatch(e.getMessage(), count);
        }
        long batchNumber = 0;
        if (second >= 0) {
            batchNumber = headerEnd - (second + 1) > MAX_BATCH_NUMBER_DIGITS ? -1 : digits(b, second + 1, headerEnd);
            if (batchNumber < 1) {
                return new BadBatch("a batch number is a positive integer of at most " + MAX_BATCH_NUMBER_DIGITS
                        + " digits", count);
            }
        }
        int restStart = eol < 0 ? end : eol + 1;
        int restEnd = end;
        if (restEnd > restStart && b[restEnd - 1] == '\n') {
            restEnd--;
        }
        int lines = restEnd == restStart ? 0 : 1 + countOf(b, restStart, restEnd, (byte) '\n');
        if (lines != count) {
            return new BadBatch("count " + count + " does not match " + lines + " bet lines", count);
        }
        BetBatch.Builder bets = BetBatch.builder(agency, count);
        int lineStart = restStart;
        for (int i = 1; i <= count; i++) {
            int lineEnd = indexOf(b, lineStart, restEnd, (byte) '\n');
            if (lineEnd < 0) {
                lineEnd = restEnd;
            }
            int stop = stripCr(b, lineStart, lineEnd);
            int f1 = indexOf(b, lineStart, stop, (byte) ';');
            int f2 = f1 < 0 ? -1 : indexOf(b, f1 + 1, stop, (byte) ';');
            int f3 = f2 < 0 ? -1 : indexOf(b, f2 + 1, stop, (byte) ';');
            int f4 = f3 < 0 ? -1 : indexOf(b, f3 + 1, stop, (byte) ';');
            if (f4 < 0 || indexOf(b, f4 + 1, stop, (byte) ';') >= 0) {
                return new BadBatch("bet " + i + ": expected 5 fields, got " + (1 + countOf(b, lineStart, stop, (byte) ';')),
                        count);
            }
            try {
                bets.add(WireFields.text(b, lineStart, f1), WireFields.text(b, f1 + 1, f2),
                        WireFields.document(b, f2 + 1, f3), WireFields.birthdate(b, f3 + 1, f4, false),
                        WireFields.number(b, f4 + 1, stop));
            } catch (IllegalArgumentException e) {
                return new BadBatch("bet " + i + ": " + e.getMessage(), count);
            }
            lineStart = lineEnd + 1;
        }
        BetBatch batch = bets.build();
        return new Batch(batchNumber == 0 ? batch : batch.numbered(batchNumber));
    }

    private static Wrong unknownMessage() {
        return new Wrong("unknown message: expected a batch, END;<agency> or WINNERS;<agency>");
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int from, int to, byte what) {
        for (int i = from; i < to; i++) {
            if (b[i] == what) {
                return i;
            }
        }
        return -1;
    }

    private static int countOf(byte[] b, int from, int to, byte what) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == what) {
                n++;
            }
        }
        return n;
    }

    // The end of a line without its '\r', if it has one.
    private static int stripCr(byte[] b, int from, int to) {
        return to > from && b[to - 1] == '\r' ? to - 1 : to;
    }

    private static boolean isDigits(byte[] b, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    // At most 18 digits, checked by the caller.
    private static long digits(byte[] b, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (b[i] - '0');
        }
        return value;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String stripEnd(String text) {
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return stripCr(t);
    }

    /** The body of a batch frame. */
    static String batchBody(BetBatch batch) {
        StringBuilder out = new StringBuilder(32 + batch.size() * 64);
        out.append(batch.agency().value()).append(';').append(batch.size());
        batch.batchNumber().ifPresent(n -> out.append(';').append(n));
        out.append('\n');
        for (Bet bet : batch.bets()) {
            out.append(bet.firstName()).append(';')
                    .append(bet.lastName()).append(';')
                    .append(bet.document()).append(';')
                    .append(bet.birthdateText()).append(';')
                    .append(bet.number()).append('\n');
        }
        return out.toString();
    }

    static String endBody(AgencyId agency) {
        return "END;" + agency.value();
    }

    static String winnersBody(AgencyId agency) {
        return "WINNERS;" + agency.value();
    }
}
