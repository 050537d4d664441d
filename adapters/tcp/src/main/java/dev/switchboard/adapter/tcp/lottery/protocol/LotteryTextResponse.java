package dev.switchboard.adapter.tcp.lottery.protocol;

import java.util.ArrayList;
import java.util.List;

/** The answers of the text dialect (each one a frame body), and their reading for clients. */
public final class LotteryTextResponse {

    public static final String SUCCESS = "success;Batch stored successfully.";
    public static final String NO_WINNERS = "NO_WINNERS";
    public static final String ERROR_PREFIX = "error;";
    public static final String DRAW_PENDING = ERROR_PREFIX + "draw pending";
    public static final String FRAME_TOO_LARGE = ERROR_PREFIX + "frame too large";
    public static final String STORAGE_FAILED = ERROR_PREFIX + "storage failed";

    private LotteryTextResponse() {
    }

    public static String error(String reason) {
        return ERROR_PREFIX + reason.replace('\n', ' ');
    }

    /** {@code dni1;dni2;...}, or {@code NO_WINNERS} for none. */
    public static String winners(List<Integer> documents) {
        if (documents.isEmpty()) {
            return NO_WINNERS;
        }
        StringBuilder out = new StringBuilder(documents.size() * 9);
        for (int document : documents) {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(document);
        }
        return out.toString();
    }

    /**
     * Reads a winners answer.
     *
     * @throws IllegalArgumentException the answer is an error or not a winners list
     */
    public static List<Integer> parseWinners(String answer) {
        if (answer.startsWith(ERROR_PREFIX)) {
            throw new IllegalArgumentException(answer.substring(ERROR_PREFIX.length()));
        }
        if (answer.equals(NO_WINNERS)) {
            return List.of();
        }
        List<Integer> documents = new ArrayList<>();
        for (String field : answer.split(";", -1)) {
            try {
                documents.add(Integer.parseInt(field));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a winners answer: " + answer);
            }
        }
        return documents;
    }
}
