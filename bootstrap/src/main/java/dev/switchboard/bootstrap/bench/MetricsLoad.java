package dev.switchboard.bootstrap.bench;

import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.metrics.MetricsAssembly;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Load for the metrics protocol, from one selector thread: each connection sends rounds of
 * {@code pipeline} puts in one write (16 keys per connection unless {@code --keys} says how many in all, a new timestamp per put, from the clock in microseconds so that runs never overwrite each other's points) and checks
 * that every answer is exactly {@code ok}. With {@code redis}, the same points go to a Redis server
 * as RESP {@code SET <key>:<timestamp> <value>} (one Redis key per point, so Redis keeps every
 * point as the metrics store does), every answer checked to be {@code +OK}.
 */
final class MetricsLoad implements ServiceLoad {

    private final boolean redis;
    /** Distinct keys in all, shared out between the connections; 0: 16 per connection. */
    private final int keys;
    /** Added to every sequence number: the clock in microseconds, then past the requests sent so far. */
    private long base = System.currentTimeMillis() * 1000;

    MetricsLoad(boolean redis, int keys) {
        this.redis = redis;
        this.keys = keys;
    }

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
        // timestamps never repeat between runs, so a second run against one server appends as the first did
        int perConnection = keys == 0 ? 16 : Math.max(1, keys / settings.conns());
        SelectorLoad.Wire wire = redis ? new RespSet(base, perConnection) : new Puts(base, perConnection);
        base += settings.share(0);
        LoadDriver.Measured measured;
        try {
            measured = SelectorLoad.run(server, settings, wire);
        } catch (IOException e) {
            throw new IllegalStateException("the selector failed: " + e.getMessage(), e);
        }
        return new LoadResult(service(), redis ? "redis/" + target : target, settings, measured, List.of());
    }

    private static final byte[] PUT = "put bench.c".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DOT_K = ".k".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HALF = ".5".getBytes(StandardCharsets.US_ASCII);

    /** The key of put {@code seq} of connection {@code conn}: {@code bench.c<conn>.k<seq % keys>}, without "bench.c". */
    private static void keyTail(ByteBuffer out, int conn, long seq, int keys) {
        SelectorLoad.putDecimal(out, conn);
        out.put(DOT_K);
        SelectorLoad.putDecimal(out, seq % keys);
    }

    /** {@code put bench.c<conn>.k<seq%keys> <seq%1000>.5 <seq>\n}, answered {@code ok\n\n}. */
    private static final class Puts implements SelectorLoad.Wire {
        private final long base;
        private final int keys;

        Puts(long base, int keys) {
            this.base = base;
            this.keys = keys;
        }

        @Override
        public void request(int conn, long n, ByteBuffer out) {
            long seq = base + n;
            out.put(PUT);
            keyTail(out, conn, seq, keys);
            out.put((byte) ' ');
            SelectorLoad.putDecimal(out, seq % 1000);
            out.put(HALF);
            out.put((byte) ' ');
            SelectorLoad.putDecimal(out, seq);
            out.put((byte) '\n');
        }

        @Override
        public int maxRequestBytes() {
            return 80;
        }

        @Override
        public SelectorLoad.Judge judge() {
            return new SelectorLoad.Judge() {
                private int lines;
                private boolean ok;

                @Override
                public int line(byte[] bytes, int length) {
                    if (length == 0) {
                        boolean good = ok && lines == 1;
                        lines = 0;
                        ok = false;
                        return good ? OK : REFUSED;
                    }
                    if (lines++ == 0) {
                        ok = length == 2 && bytes[0] == 'o' && bytes[1] == 'k';
                    }
                    return PENDING;
                }
            };
        }
    }

    private static final byte[] SET = "*3\r\n$3\r\nSET\r\n$".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BENCH_C = "bench.c".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

    /** {@code SET bench.c<conn>.k<seq%keys>:<seq> <seq%1000>.5} in RESP, answered {@code +OK\r\n}. */
    private static final class RespSet implements SelectorLoad.Wire {
        private final long base;
        private final int keys;

        RespSet(long base, int keys) {
            this.base = base;
            this.keys = keys;
        }

        @Override
        public void request(int conn, long n, ByteBuffer out) {
            long seq = base + n;
            int keyLength = BENCH_C.length + SelectorLoad.digits(conn) + DOT_K.length
                    + SelectorLoad.digits(seq % keys) + 1 + SelectorLoad.digits(seq);
            out.put(SET);
            SelectorLoad.putDecimal(out, keyLength);
            out.put(CRLF).put(BENCH_C);
            keyTail(out, conn, seq, keys);
            out.put((byte) ':');
            SelectorLoad.putDecimal(out, seq);
            out.put(CRLF).put((byte) '$');
            SelectorLoad.putDecimal(out, SelectorLoad.digits(seq % 1000) + HALF.length);
            out.put(CRLF);
            SelectorLoad.putDecimal(out, seq % 1000);
            out.put(HALF).put(CRLF);
        }

        @Override
        public int maxRequestBytes() {
            return 120;
        }

        @Override
        public SelectorLoad.Judge judge() {
            return (bytes, length) -> length == 3 && bytes[0] == '+' && bytes[1] == 'O' && bytes[2] == 'K'
                    ? SelectorLoad.Judge.OK : SelectorLoad.Judge.REFUSED;
        }
    }
}
