package dev.switchboard.bootstrap.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Lottery, text dialect: client {@code i} is agency {@code i + 1} and sends one batch of
 * {@code requests} bets (documents {@code agency * 1000 + j}; every fourth bet has the winning
 * number), then {@code END}. The server must be started with {@code --agencies} equal to the
 * number of clients: the draw happens when the last agency is done, and each agency's held
 * answer must be exactly the documents of its own winning bets.
 */
final class LotterySoak implements SoakProtocol {

    static final int WINNING_NUMBER = 7574;
    static final String SUCCESS = "success;Batch stored successfully.";
    /** Larger than any answer of the text dialect: a longer length prefix is not an answer. */
    private static final int MAX_ANSWER = 1 << 20;

    private final int endWaitMillis;

    LotterySoak(int endWaitMillis) {
        this.endWaitMillis = endWaitMillis;
    }

    @Override
    public String service() {
        return "lottery";
    }

    static List<Integer> winners(int agency, int requests) {
        return IntStream.range(0, requests).filter(j -> j % 4 == 0).map(j -> agency * 1000 + j).boxed().toList();
    }

    @Override
    public String converse(Wire wire, int index, int requests) throws IOException {
        int agency = index + 1;
        StringBuilder batch = new StringBuilder(requests * 40).append(agency).append(';').append(requests).append('\n');
        for (int j = 0; j < requests; j++) {
            int number = j % 4 == 0 ? WINNING_NUMBER : j % 7000;
            batch.append("Ana;Soak;").append(agency * 1000 + j).append(";1990-01-01;").append(number).append('\n');
        }
        wire.write(frame(batch.toString()));
        String stored = readAnswer(wire.in());
        if (!SUCCESS.equals(stored)) {
            return "agency " + agency + "'s batch answered " + MetricsSoak.quote(stored);
        }
        wire.write(frame("END;" + agency));
        // the answer is held until every agency is done
        wire.readTimeout(endWaitMillis);
        return checkWinners(agency, requests, readAnswer(wire.in()), "END");
    }

    @Override
    public String fresh(Wire wire, int clients, int requests) throws IOException {
        wire.write(frame("WINNERS;1"));
        return checkWinners(1, requests, readAnswer(wire.in()), "WINNERS");
    }

    private static String checkWinners(int agency, int requests, String answer, String asked) {
        List<Integer> expected = winners(agency, requests);
        String want = expected.isEmpty() ? "NO_WINNERS"
                : expected.stream().map(String::valueOf).collect(Collectors.joining(";"));
        if (answer != null && !answer.startsWith("error") && !answer.equals("NO_WINNERS")) {
            // the order of the documents is not part of the contract
            int[] got = Arrays.stream(answer.split(";")).mapToInt(LotterySoak::parseOrMinus).sorted().toArray();
            if (Arrays.equals(got, expected.stream().mapToInt(Integer::intValue).toArray())) {
                return null;
            }
        } else if (want.equals(answer)) {
            return null;
        }
        return "agency " + agency + "'s " + asked + " answered " + MetricsSoak.quote(answer) + ", not " + want;
    }

    private static int parseOrMinus(String document) {
        try {
            return Integer.parseInt(document);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static byte[] frame(String body) {
        return frame(body.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putLong(body.length).put(body).array();
    }

    @Override
    public String readAnswer(InputStream in) throws IOException {
        byte[] prefix = in.readNBytes(8);
        if (prefix.length == 0) {
            return null;
        }
        if (prefix.length < 8) {
            throw new ProtocolViolation("an answer's length prefix cut short");
        }
        long length = ByteBuffer.wrap(prefix).getLong();
        if (length < 0 || length > MAX_ANSWER) {
            throw new ProtocolViolation("an answer of " + length + " bytes");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new ProtocolViolation("an answer cut short: " + body.length + " of " + length + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolViolation("an answer that is not UTF-8");
        }
    }

    @Override
    public byte[] junk(Random random, int size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size + 1024);
        while (bytes.size() < size) {
            int kind = random.nextInt(50);
            if (kind == 0) {
                // a random length prefix: almost surely over the limit, so the server answers and closes
                byte[] prefix = new byte[8];
                random.nextBytes(prefix);
                bytes.writeBytes(prefix);
            } else if (kind < 25) {
                byte[] body = new byte[random.nextInt(400)];
                random.nextBytes(body);
                bytes.writeBytes(frame(body));
            } else {
                // a batch-shaped body with random fields: gets past the header into the bet parser
                StringBuilder body = new StringBuilder();
                body.append(random.nextInt(8) - 1).append(';').append(random.nextInt(5) - 1).append('\n');
                int lines = random.nextInt(5);
                for (int k = 0; k < lines; k++) {
                    int fields = random.nextInt(7);
                    for (int f = 0; f < fields; f++) {
                        body.append(f == 0 ? "" : ";").append(randomField(random));
                    }
                    body.append(random.nextBoolean() ? "\n" : "\r\n");
                }
                bytes.writeBytes(frame(body.toString()));
            }
        }
        return bytes.toByteArray();
    }

    private static String randomField(Random random) {
        switch (random.nextInt(6)) {
            case 0:
                return String.valueOf(random.nextLong());
            case 1:
                return "19" + random.nextInt(100) + "-" + random.nextInt(14) + "-" + random.nextInt(33);
            case 2:
                return "";
            case 3:
                return "Ñandú".repeat(random.nextInt(8));
            case 4:
                return String.valueOf(random.nextInt(10_000));
            default:
                return "END";
        }
    }

    @Override
    public byte[] endlessStart() {
        // a length prefix of 4 GiB: refused from the prefix alone, the body is never awaited
        return ByteBuffer.allocate(8).putLong(1L << 32).array();
    }

    @Override
    public byte[] endlessMore() {
        byte[] more = new byte[64 * 1024];
        Arrays.fill(more, (byte) 'x');
        return more;
    }

    @Override
    public byte[] pipelineStart() {
        return new byte[0];
    }

    @Override
    public byte[] pipelined() {
        return frame("WINNERS;1");
    }
}
