package dev.switchboard.bootstrap.lottery;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An agency's bets file: one bet per line, {@code first_name,last_name,document,birthdate,number},
 * no header, UTF-8, CRLF or LF line ends; empty lines are skipped. The agency comes from the
 * command line, not the file.
 */
public final class AgencyCsv {

    /** A line of the file is not a bet; the message names the file and line. */
    public static final class BadFileException extends Exception {
        BadFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private AgencyCsv() {
    }

    public static List<Bet> read(Path file, AgencyId agency) throws BadFileException {
        List<Bet> bets = new ArrayList<>();
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isEmpty()) {
                    continue;
                }
                bets.add(parse(line, agency));
            }
        } catch (IllegalArgumentException e) {
            throw new BadFileException(file + ":" + lineNumber + ": " + e.getMessage(), e);
        } catch (CharacterCodingException e) {
            throw new BadFileException(file + ":" + (lineNumber + 1) + ": not UTF-8", e);
        } catch (IOException e) {
            throw new BadFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return bets;
    }

    static Bet parse(String line, AgencyId agency) {
        String[] f = line.split(",", -1);
        if (f.length != 5) {
            throw new IllegalArgumentException("expected 5 comma-separated fields, got " + f.length);
        }
        return new Bet(agency, f[0], f[1], Bet.parseDocument(f[2].trim()), Bet.parseBirthdate(f[3].trim()),
                Bet.parseNumber(f[4].trim()));
    }
}
