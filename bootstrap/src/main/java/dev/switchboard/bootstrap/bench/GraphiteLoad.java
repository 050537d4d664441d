package dev.switchboard.bootstrap.bench;

import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.metrics.MetricsAssembly;
import dev.switchboard.bootstrap.metrics.MetricsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load for carbon's plaintext protocol, which never answers: each connection streams its share
 * of lines (the same keys, values and timestamps as {@code bench metrics}' puts), {@code pipeline}
 * lines a write, then half-closes and waits for the server to close in turn. A server reads a
 * connection's bytes in order before it sees the end, so the time to the last close is the time
 * to ingest everything; this measures any carbon receiver alike (Graphite's carbon-cache too).
 */
final class GraphiteLoad implements ServiceLoad {

    @Override
    public String service() {
        return "graphite";
    }

    @Override
    public java.util.function.Supplier<InetSocketAddress> install(ServerRuntime runtime, LoadSettings settings) {
        MetricsAssembly.Installed metrics = MetricsAssembly.install(runtime, LOOPBACK, 0,
                MetricsOptions.CLASSIC.withGraphitePort(0));
        TcpComponent carbon = metrics.graphite().orElseThrow();
        return carbon::localAddress;
    }

    @Override
    public LoadResult run(InetSocketAddress server, String target, LoadSettings settings) throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + settings.time().toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < settings.conns(); c++) {
            int id = c;
            Thread t = new Thread(() -> {
                try {
                    sent.addAndGet(stream(server, id, settings.share(id), settings.pipeline(), deadline));
                } catch (IOException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, "connection " + id + ": " + e.getMessage());
                }
            }, "bench-graphite-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LoadDriver.Measured measured = new LoadDriver.Measured(sent.get(), errors.get(), seconds, new long[0],
                Optional.ofNullable(firstError.get()));
        return new LoadResult(service(), target, settings, measured, List.of());
    }

    /** Streams one connection's lines; answers how many were sent before the server closed. */
    private static long stream(InetSocketAddress server, int id, long share, int pipeline, long deadline)
            throws IOException {
        try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
            socket.setSoTimeout((int) LoadDriver.GRACE.toMillis() * 4);
            OutputStream out = socket.getOutputStream();
            StringBuilder batch = new StringBuilder(pipeline * 40);
            long done = 0;
            while (done < share && System.nanoTime() < deadline) {
                int n = (int) Math.min(pipeline, share - done);
                batch.setLength(0);
                for (int i = 0; i < n; i++) {
                    long ts = done + i;
                    batch.append("bench.c").append(id).append(".k").append(ts % 16).append(' ')
                            .append(ts % 1000).append(".5 ").append(ts).append('\n');
                }
                out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                done += n;
            }
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[256];
            while (in.read(sink) >= 0) {
                // carbon answers nothing; anything read is ignored until the server closes
            }
            return done;
        }
    }
}
