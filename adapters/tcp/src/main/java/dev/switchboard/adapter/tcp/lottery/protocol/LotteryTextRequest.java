package dev.switchboard.adapter.tcp.lottery.protocol;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * One frame body of the text dialect, parsed; and the writer of those bodies for clients.
 *
 * <pre>
 * batch:    &lt;agency&gt;;&lt;count&gt;\n then count lines &lt;first&gt;;&lt;last&gt;;&lt;document&gt;;&lt;birthdate&gt;;&lt;number&gt;\n
 * done:     END;&lt;agency&gt;
 * winners:  WINNERS;&lt;agency&gt;
 * </pre>
 *
 * A {@code \r} before any {@code \n} is ignored, and so is one {@code \n} at the end of
 * {@code END}/{@code WINNERS} or missing at the end of a batch's last line.
 */
public sealed interface LotteryTextRequest {

    /** The largest count a batch header may announce (a frame could not hold more anyway). */
    int MAX_COUNT = 1_000_000;

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

    static LotteryTextRequest parse(String body) {
        if (body.startsWith("END;")) {
            try {
                return new End(AgencyId.parse(stripEnd(body.substring(4))));
            } catch (IllegalArgumentException e) {
                return new Wrong(e.getMessage());
            }
        }
        if (body.startsWith("WINNERS;")) {
            try {
                return new Winners(AgencyId.parse(stripEnd(body.substring(8))));
            } catch (IllegalArgumentException e) {
                return new Wrong(e.getMessage());
            }
        }
        return parseBatch(body);
    }

    private static LotteryTextRequest parseBatch(String body) {
        int eol = body.indexOf('\n');
        String header = stripCr(eol < 0 ? body : body.substring(0, eol));
        int semicolon = header.indexOf(';');
        if (semicolon < 0 || !isDigits(header.substring(0, semicolon)) || !isDigits(header.substring(semicolon + 1))) {
            return new Wrong("unknown message: expected a batch, END;<agency> or WINNERS;<agency>");
        }
        String countText = header.substring(semicolon + 1);
        int count = countText.length() > 7 ? Integer.MAX_VALUE : Integer.parseInt(countText);
        if (count < 1 || count > MAX_COUNT) {
            return new BadBatch("count must be between 1 and " + MAX_COUNT, 0);
        }
        AgencyId agency;
        try {
            agency = AgencyId.parse(header.substring(0, semicolon));
        } catch (IllegalArgumentException e) {
            return new BadBatch(e.getMessage(), count);
        }
        String rest = eol < 0 ? "" : body.substring(eol + 1);
        if (rest.endsWith("\n")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] lines = rest.isEmpty() ? new String[0] : rest.split("\n", -1);
        if (lines.length != count) {
            return new BadBatch("count " + count + " does not match " + lines.length + " bet lines", count);
        }
        List<Bet> bets = new ArrayList<>(count);
        for (int i = 0; i < lines.length; i++) {
            String[] f = stripCr(lines[i]).split(";", -1);
            if (f.length != 5) {
                return new BadBatch("bet " + (i + 1) + ": expected 5 fields, got " + f.length, count);
            }
            try {
                bets.add(new Bet(agency, f[0], f[1], Bet.parseDocument(f[2]), Bet.parseBirthdate(f[3]), Bet.parseNumber(f[4])));
            } catch (IllegalArgumentException e) {
                return new BadBatch("bet " + (i + 1) + ": " + e.getMessage(), count);
            }
        }
        return new Batch(new BetBatch(agency, bets));
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
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
        out.append(batch.agency().value()).append(';').append(batch.size()).append('\n');
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
