package dev.switchboard.bootstrap.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Tokens: client {@code i} greets as {@code soak-<i>} announcing {@code requests} tokens, then
 * sends them pipelined ({@code s0} .. {@code s7} in turn): it must get {@code Ready}, then one
 * {@code Accepted} per token, each naming its token, in order.
 */
final class TokensSoak implements SoakProtocol {

    /** Distinct tokens the well-behaved clients share: each is one handler with a row per client. */
    static final int TOKENS = 8;

    private static final Pattern ANSWER = Pattern.compile("\\{\"op\":\"(Ready|Accepted|Error)\",\"payload\":\\{.*\\}\\}");
    private static final String READY = "{\"op\":\"Ready\",\"payload\":{}}";
    private static final String[] PIECES = {"{", "}", "\"op\"", ":", ",", "\"Greeting\"", "\"Token\"", "\"payload\"",
        "\"client_id\"", "\"tokens_expected\"", "\"token\"", "\"", "[", "]", "null", "-1", "1e999", "\\u0000", "\\",
        " ", "true", "\"x\""};

    @Override
    public String service() {
        return "tokens";
    }

    static String clientId(int index) {
        return "soak-" + index;
    }

    static String token(int j) {
        return "s" + (j % TOKENS);
    }

    @Override
    public String converse(Wire wire, int index, int requests) throws IOException {
        wire.write("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"" + clientId(index)
                + "\",\"tokens_expected\":" + requests + "}}\n");
        String ready = wire.expectLine();
        if (!ready.equals(READY)) {
            return clientId(index) + "'s greeting answered '" + ready + "'";
        }
        StringBuilder tokens = new StringBuilder(requests * 40);
        for (int j = 0; j < requests; j++) {
            tokens.append("{\"op\":\"Token\",\"payload\":{\"token\":\"").append(token(j)).append("\"}}\n");
        }
        wire.write(tokens.toString());
        for (int j = 0; j < requests; j++) {
            String answer = wire.expectLine();
            String expected = "{\"op\":\"Accepted\",\"payload\":{\"token\":\"" + token(j) + "\"}}";
            if (!answer.equals(expected)) {
                return clientId(index) + "'s token " + j + " answered '" + answer + "'";
            }
        }
        return null;
    }

    @Override
    public String fresh(Wire wire, int clients, int requests) throws IOException {
        return converse(wire, clients, Math.max(1, requests));
    }

    @Override
    public String readAnswer(InputStream in) throws IOException {
        String line = Wire.readLine(in);
        if (line != null && !ANSWER.matcher(line).matches()) {
            throw new ProtocolViolation("an answer that is not the protocol's: '" + line + "'");
        }
        return line;
    }

    @Override
    public byte[] junk(Random random, int size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size + 256);
        while (bytes.size() < size) {
            if (random.nextBoolean()) {
                byte[] raw = new byte[random.nextInt(200)];
                random.nextBytes(raw);
                bytes.writeBytes(raw);
            } else {
                // JSON-looking nonsense gets past the first character and into the parser
                int pieces = random.nextInt(30);
                for (int k = 0; k < pieces; k++) {
                    bytes.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
            bytes.write('\n');
        }
        return bytes.toByteArray();
    }

    @Override
    public byte[] endlessStart() {
        return "{\"op\":\"Token\",\"payload\":{\"token\":\"".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] endlessMore() {
        return "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] pipelineStart() {
        return "{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"soak-pipelined\",\"tokens_expected\":1}}\n"
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] pipelined() {
        return "{\"op\":\"Token\",\"payload\":{\"token\":\"soak-pipelined\"}}\n".getBytes(StandardCharsets.US_ASCII);
    }
}
