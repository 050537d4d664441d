package dev.switchboard.bootstrap.bench;

import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.tokens.TokenOptions;
import dev.switchboard.bootstrap.tokens.TokensAssembly;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Load for the tokens protocol, from one selector thread: each connection greets as its own client
 * ({@code bench-<n>}, expecting its share) and waits for {@code Ready}, then sends rounds of
 * {@code pipeline} tokens in one write, drawn in turn from {@code --distinct} distinct values
 * (connection {@code n} starts at the {@code n}-th), and checks that every answer is
 * {@code Accepted}; {@code --pipeline 1} is a client that waits for each answer. The messages are
 * written and checked as bytes rather than through a JSON library, so the client's share of the
 * CPU stays small.
 */
final class TokensLoad implements ServiceLoad {

    static final int DEFAULT_DISTINCT_TOKENS = 100;

    private static final byte[] READY = "\"op\":\"Ready\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCEPTED = "\"op\":\"Accepted\"".getBytes(StandardCharsets.US_ASCII);

    private final TokenOptions server;
    private final byte[][] tokenLines;

    /** With the in-process server's handler threads and delay, and how many distinct tokens to send. */
    TokensLoad(TokenOptions server, int distinct) {
        this.server = server;
        this.tokenLines = new byte[distinct][];
        for (int i = 0; i < distinct; i++) {
            tokenLines[i] = String.format("{\"op\":\"Token\",\"payload\":{\"token\":\"bench-t%02d\"}}\n", i)
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Override
    public String service() {
        return "tokens";
    }

    @Override
    public Supplier<InetSocketAddress> install(ServerRuntime runtime, LoadSettings settings) {
        // the periodic tables would print every handler of the run: the bench shows only its figures
        TcpComponent tokens = TokensAssembly.install(runtime, LOOPBACK, 0, server,
                new PrintStream(OutputStream.nullOutputStream()));
        return tokens::localAddress;
    }

    @Override
    public LoadResult run(InetSocketAddress server, String target, LoadSettings settings) throws InterruptedException {
        LoadDriver.Measured measured;
        try {
            measured = SelectorLoad.run(server, settings, new Tokens(tokenLines));
        } catch (IOException e) {
            throw new IllegalStateException("the selector failed: " + e.getMessage(), e);
        }
        return new LoadResult(service(), target, settings, measured, List.of());
    }

    /** Greets, then sends token line {@code (conn + seq) % distinct} as request {@code seq}. */
    private static final class Tokens implements SelectorLoad.Wire {
        private final byte[][] lines;
        private final int longest;

        Tokens(byte[][] lines) {
            this.lines = lines;
            int most = 0;
            for (byte[] line : lines) {
                most = Math.max(most, line.length);
            }
            this.longest = most;
        }

        @Override
        public byte[] greeting(int conn, long share) {
            return ("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"bench-" + conn
                    + "\",\"tokens_expected\":" + share + "}}\n").getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public boolean greeted(byte[] line, int length) {
            return contains(line, length, READY);
        }

        @Override
        public void request(int conn, long seq, ByteBuffer out) {
            out.put(lines[(int) ((conn + seq) % lines.length)]);
        }

        @Override
        public int maxRequestBytes() {
            return longest;
        }

        @Override
        public SelectorLoad.Judge judge() {
            return (bytes, length) -> contains(bytes, length, ACCEPTED)
                    ? SelectorLoad.Judge.OK : SelectorLoad.Judge.REFUSED;
        }
    }

    /** Whether {@code bytes[0..length)} holds {@code part}. */
    static boolean contains(byte[] bytes, int length, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
