package dev.switchboard.bootstrap.bench;

import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.soak.Wire;
import dev.switchboard.bootstrap.tokens.TokenOptions;
import dev.switchboard.bootstrap.tokens.TokensAssembly;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Load for the tokens protocol: each connection greets as its own client ({@code bench-<n>},
 * expecting its share), then sends rounds of {@code pipeline} tokens in one write, drawn in turn
 * from {@code --distinct} distinct values (connection {@code n} starts at the {@code n}-th), and
 * reads their answers; {@code --pipeline 1} is a client that waits for each answer. The messages are
 * written and checked as plain text rather than through a JSON library, so the client's share of
 * the CPU stays small.
 */
final class TokensLoad implements ServiceLoad {

    static final int DEFAULT_DISTINCT_TOKENS = 100;

    private static final String READY = "\"op\":\"Ready\"";
    private static final String ACCEPTED = "\"op\":\"Accepted\"";

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
        LoadDriver.Measured measured = LoadDriver.run(settings, settings.pipeline(),
                index -> Tokens.greet(new Wire(server, 64 * 1024), index, settings.share(index), settings.pipeline(),
                        tokenLines));
        return new LoadResult(service(), target, settings, measured, List.of());
    }

    /** One client's tokens. */
    private static final class Tokens implements LoadDriver.Connection {
        private final Wire socket;
        private final ByteArrayOutputStream batch;
        private final byte[][] lines;
        private int next;

        private Tokens(Wire socket, int first, int pipeline, byte[][] lines) {
            this.socket = socket;
            this.next = first;
            this.lines = lines;
            this.batch = new ByteArrayOutputStream(pipeline * 56);
        }

        static Tokens greet(Wire socket, int index, long expected, int pipeline, byte[][] lines)
                throws IOException {
            try {
                socket.write(("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"bench-" + index
                        + "\",\"tokens_expected\":" + expected + "}}\n").getBytes(StandardCharsets.US_ASCII));
                String answer = socket.expectLine();
                if (!answer.contains(READY)) {
                    throw new IOException("greeting answered " + answer);
                }
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            return new Tokens(socket, index % lines.length, pipeline, lines);
        }

        @Override
        public int round(int n) throws IOException {
            batch.reset();
            for (int i = 0; i < n; i++) {
                batch.writeBytes(lines[next]);
                next = (next + 1) % lines.length;
            }
            socket.write(batch.toByteArray());
            int refused = 0;
            for (int i = 0; i < n; i++) {
                refused += socket.expectLine().contains(ACCEPTED) ? 0 : 1;
            }
            return refused;
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
