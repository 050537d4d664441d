package dev.switchboard.bootstrap.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for the metrics protocol: {@code conns} connections, each sending rounds of
 * {@code pipeline} puts in one write and then reading their answers, until {@code ops} puts are
 * answered in all or {@code secs} have passed. Bounded in count and in time.
 */
public final class MetricsLoad {

    private MetricsLoad() {
    }

    public static LoadResult run(String host, int port, String target, int conns, int pipeline, long ops, double secs)
            throws InterruptedException {
        long deadline = System.nanoTime() + (long) (secs * 1e9);
        long perConnection = Math.max(1, ops / conns);
        AtomicLong answered = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> rounds = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < conns; c++) {
            int id = c;
            long[] latencies = new long[(int) Math.min(Integer.MAX_VALUE - 8, perConnection / pipeline + 1)];
            rounds.add(latencies);
            Thread t = new Thread(() -> {
                try {
                    connection(host, port, id, pipeline, perConnection, deadline, answered, errors, latencies);
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
            }, "bench-metrics-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = rounds.stream().flatMapToLong(r -> java.util.Arrays.stream(r).filter(v -> v > 0)).toArray();
        return new LoadResult("metrics", target, conns, pipeline, answered.get(), errors.get(), seconds, all);
    }

    private static void connection(String host, int port, int id, int pipeline, long total, long deadline,
                                   AtomicLong answered, AtomicLong errors, long[] latencies) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            long sent = 0;
            int round = 0;
            StringBuilder batch = new StringBuilder(pipeline * 40);
            while (sent < total && System.nanoTime() < deadline) {
                int n = (int) Math.min(pipeline, total - sent);
                batch.setLength(0);
                for (int i = 0; i < n; i++) {
                    long ts = sent + i;
                    batch.append("put bench.c").append(id).append(".k").append(ts % 16).append(' ')
                            .append(ts % 1000).append(".5 ").append(ts).append('\n');
                }
                long t0 = System.nanoTime();
                out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int i = 0; i < n; i++) {
                    if (!readAnswer(in)) {
                        errors.incrementAndGet();
                    }
                }
                if (round < latencies.length) {
                    latencies[round++] = System.nanoTime() - t0;
                }
                sent += n;
                answered.addAndGet(n);
            }
        }
    }

    /** Reads one answer up to its empty line; true when it was {@code ok}. */
    private static boolean readAnswer(InputStream in) throws IOException {
        int first = in.read();
        int previous = first;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b == '\n' && previous == '\n') {
                return first == 'o';
            }
            previous = b;
        }
    }
}
