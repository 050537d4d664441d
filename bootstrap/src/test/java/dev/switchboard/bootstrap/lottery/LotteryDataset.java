package dev.switchboard.bootstrap.lottery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The real agency files (a test resource), and what the draw must give for each, read straight from them. */
final class LotteryDataset {

    static final int AGENCIES = 5;
    static final int TOTAL_BETS = 78_697;

    private LotteryDataset() {
    }

    /** Unpacks agency-1.csv … agency-5.csv into the folder. */
    static Path unzip(Path dir) throws IOException {
        try (InputStream raw = LotteryDataset.class.getResourceAsStream("/lottery/lottery-dataset.zip");
             ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                Path target = dir.resolve(Path.of(entry.getName()).getFileName().toString());
                Files.copy(zip, target);
            }
        }
        return dir;
    }

    static Path file(Path dir, int agency) {
        return dir.resolve("agency-" + agency + ".csv");
    }

    /** Documents of the rows whose last field is the number, in file order. */
    static List<Integer> winnersIn(Path file, int number) throws IOException {
        List<Integer> documents = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.strip().split(",");
            if (fields.length == 5 && Integer.parseInt(fields[4]) == number) {
                documents.add(Integer.parseInt(fields[2]));
            }
        }
        return documents;
    }

    static long rows(Path dir) throws IOException {
        long rows = 0;
        for (int agency = 1; agency <= AGENCIES; agency++) {
            rows += Files.readAllLines(file(dir, agency), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count();
        }
        return rows;
    }
}
