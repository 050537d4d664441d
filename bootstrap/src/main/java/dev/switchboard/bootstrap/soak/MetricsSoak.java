package dev.switchboard.bootstrap.soak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Metrics: client {@code i} puts {@code requests} points under its own key {@code soak.c<i>}
 * (value {@code i + j}, timestamp {@code j + 1}) pipelined in one write, then gets the key: the
 * answer must be exactly those points in timestamp order.
 */
final class MetricsSoak implements SoakProtocol {

    @Override
    public String service() {
        return "metrics";
    }

    @Override
    public String converse(Wire wire, int index, int requests) throws IOException {
        String key = "soak.c" + index;
        StringBuilder puts = new StringBuilder(requests * 32);
        for (int j = 0; j < requests; j++) {
            puts.append("put ").append(key).append(' ').append(index + j).append(' ').append(j + 1).append('\n');
        }
        wire.write(puts.toString());
        for (int j = 0; j < requests; j++) {
            String answer = readAnswer(wire.in());
            if (!"ok\n\n".equals(answer)) {
                return "put " + j + " of " + key + " answered " + quote(answer);
            }
        }
        wire.write("get " + key + "\n");
        String answer = readAnswer(wire.in());
        return expectedGet(index, requests).equals(answer) ? null : "get " + key + " answered " + quote(answer);
    }

    @Override
    public String fresh(Wire wire, int clients, int requests) throws IOException {
        String wrong = converse(wire, clients, requests);
        if (wrong != null) {
            return wrong;
        }
        // and the points of the first well-behaved client are all still there, unchanged
        wire.write("get soak.c0\n");
        String answer = readAnswer(wire.in());
        return expectedGet(0, requests).equals(answer) ? null : "get soak.c0 after the soak answered " + quote(answer);
    }

    private static String expectedGet(int index, int requests) {
        StringBuilder expected = new StringBuilder("ok\n");
        for (int j = 0; j < requests; j++) {
            expected.append("soak.c").append(index).append(' ').append(index + j).append(".0 ").append(j + 1).append('\n');
        }
        return expected.append('\n').toString();
    }

    @Override
    public String readAnswer(InputStream in) throws IOException {
        String status = Wire.readLine(in);
        if (status == null) {
            return null;
        }
        StringBuilder answer = new StringBuilder(status).append('\n');
        if (status.equals("error")) {
            String reason = Wire.readLine(in);
            String end = Wire.readLine(in);
            if (reason == null || reason.isEmpty() || !"".equals(end)) {
                throw new ProtocolViolation("an error answer without its reason and empty line");
            }
            return answer.append(reason).append("\n\n").toString();
        }
        if (!status.equals("ok")) {
            throw new ProtocolViolation("an answer starting " + quote(status));
        }
        while (true) {
            String line = Wire.readLine(in);
            if (line == null) {
                throw new ProtocolViolation("an ok answer cut short");
            }
            answer.append(line).append('\n');
            if (line.isEmpty()) {
                return answer.toString();
            }
        }
    }

    @Override
    public byte[] junk(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    @Override
    public byte[] endlessStart() {
        return "put soak.endless ".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] endlessMore() {
        return "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    }

    /** Points the never-reading pipeliner puts under its key first: each of its gets then asks for all of them. */
    static final int PIPELINED_POINTS = 1000;

    @Override
    public byte[] pipelineStart() {
        StringBuilder puts = new StringBuilder();
        for (int j = 0; j < PIPELINED_POINTS; j++) {
            puts.append("put soak.pipelined ").append(j).append(' ').append(j + 1).append('\n');
        }
        return puts.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] pipelined() {
        // a put (a 4-byte answer) and a get of 1,000 points (some 12 KB): one read of these asks
        // for tens of MB of answers, which the server must not make before the client reads
        return "put soak.pipelined 1 1\nget soak.pipelined\n".getBytes(StandardCharsets.US_ASCII);
    }

    static String quote(String answer) {
        if (answer == null) {
            return "nothing (the connection ended)";
        }
        String shown = answer.length() > 200 ? answer.substring(0, 200) + "..." : answer;
        return "'" + shown.replace("\n", "\\n") + "'";
    }
}
