package dev.switchboard.bootstrap.bench;

import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.metrics.MetricsAssembly;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Load for the metrics protocol: each connection sends rounds of {@code pipeline} puts in one
 * write (16 keys per connection, a new timestamp per put), then reads their answers.
 */
final class MetricsLoad implements ServiceLoad {

    @Override
    public String service() {
        return "metrics";
    }

    @Override
    public Supplier<InetSocketAddress> install(ServerRuntime runtime, LoadSettings settings) {
        TcpComponent metrics = MetricsAssembly.install(runtime, LOOPBACK, 0);
        return metrics::localAddress;
    }

    @Override
    public LoadResult run(InetSocketAddress server, String target, LoadSettings settings) throws InterruptedException {
        LoadDriver.Measured measured = LoadDriver.run(settings, settings.pipeline(),
                index -> new Puts(new BenchSocket(server), index, settings.pipeline()));
        return new LoadResult(service(), target, settings, measured, List.of());
    }

    /** One connection's puts. */
    private static final class Puts implements LoadDriver.Connection {
        private final BenchSocket socket;
        private final int id;
        private final StringBuilder batch;
        private long sent;

        Puts(BenchSocket socket, int id, int pipeline) {
            this.socket = socket;
            this.id = id;
            this.batch = new StringBuilder(pipeline * 40);
        }

        @Override
        public int round(int n) throws IOException {
            batch.setLength(0);
            for (int i = 0; i < n; i++) {
                long ts = sent + i;
                batch.append("put bench.c").append(id).append(".k").append(ts % 16).append(' ')
                        .append(ts % 1000).append(".5 ").append(ts).append('\n');
            }
            socket.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
            sent += n;
            int refused = 0;
            for (int i = 0; i < n; i++) {
                // an answer is its status line, maybe a reason, then an empty line
                boolean ok = socket.readLine().equals("ok");
                while (!socket.readLine().isEmpty()) {
                    ok = false;
                }
                refused += ok ? 0 : 1;
            }
            return refused;
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
