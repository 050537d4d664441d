package dev.switchboard.adapter.out.persistence.jdbc.lottery;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of a batch's bets in {@code lottery_bet_batch.body}: bet after bet, each a first
 * name and a last name (varint length, UTF-8), then document, birthdate (days since 1970-01-01)
 * and number, 4 bytes each, big-endian.
 */
final class BetBatchCodec {

    private BetBatchCodec() {
    }

    static byte[] encode(BetBatch batch) {
        int n = batch.size();
        byte[] out = new byte[n * 24 + 16];
        int p = 0;
        for (int i = 0; i < n; i++) {
            byte[] first = batch.firstName(i).getBytes(StandardCharsets.UTF_8);
            byte[] last = batch.lastName(i).getBytes(StandardCharsets.UTF_8);
            int need = p + first.length + last.length + 10 + 12;
            if (need > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, need));
            }
            p = putText(out, p, first);
            p = putText(out, p, last);
            p = putInt(out, p, batch.document(i));
            p = putInt(out, p, Math.toIntExact(batch.birthdateEpochDay(i)));
            p = putInt(out, p, batch.number(i));
        }
        return Arrays.copyOf(out, p);
    }

    /** Adds to {@code into} the bets of an encoded batch that have this number, in order. */
    static void matching(byte[] body, AgencyId agency, int number, List<Bet> into) {
        int p = 0;
        while (p < body.length) {
            int firstLen = 0;
            int shift = 0;
            byte b;
            do {
                b = body[p++];
                firstLen |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            int firstAt = p;
            p += firstLen;
            int lastLen = 0;
            shift = 0;
            do {
                b = body[p++];
                lastLen |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            int lastAt = p;
            p += lastLen;
            int document = getInt(body, p);
            int birthdate = getInt(body, p + 4);
            int betNumber = getInt(body, p + 8);
            p += 12;
            if (betNumber == number) {
                into.add(new Bet(agency, new String(body, firstAt, firstLen, StandardCharsets.UTF_8),
                        new String(body, lastAt, lastLen, StandardCharsets.UTF_8), document,
                        LocalDate.ofEpochDay(birthdate), betNumber));
            }
        }
    }

    private static int putText(byte[] out, int p, byte[] text) {
        int v = text.length;
        while ((v & ~0x7F) != 0) {
            out[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[p++] = (byte) v;
        System.arraycopy(text, 0, out, p, text.length);
        return p + text.length;
    }

    private static int putInt(byte[] out, int p, int v) {
        out[p] = (byte) (v >>> 24);
        out[p + 1] = (byte) (v >>> 16);
        out[p + 2] = (byte) (v >>> 8);
        out[p + 3] = (byte) v;
        return p + 4;
    }

    private static int getInt(byte[] in, int p) {
        return (in[p] << 24) | ((in[p + 1] & 0xFF) << 16) | ((in[p + 2] & 0xFF) << 8) | (in[p + 3] & 0xFF);
    }
}
