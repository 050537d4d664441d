package dev.switchboard.bootstrap.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A request/answer load on many connections, driven by one NIO selector thread, so the client
 * costs the machine one thread whatever the number of connections. Each connection sends a
 * round of requests in one write, reads and judges every answer, then sends the next round,
 * until its share of the requests is sent or the time bound passes; a connection still waiting
 * {@link LoadDriver#GRACE} after the time bound is closed and counted as an error.
 */
final class SelectorLoad {

    /** Answer lines longer than this are a broken server, not an answer. */
    private static final int MAX_LINE = 1 << 20;

    /** One protocol's side of the load. */
    interface Wire {

        /** Puts request {@code seq} of connection {@code conn} into {@code out} (ASCII). */
        void request(int conn, long seq, ByteBuffer out);

        /** The most bytes one request may take. */
        int maxRequestBytes();

        /** A fresh judge of one connection's answers. */
        Judge judge();

        /**
         * What connection {@code conn} (with {@code share} requests to send) writes once before its
         * first round, answered by one line that {@link #greeted} must accept; null for none.
         */
        default byte[] greeting(int conn, long share) {
            return null;
        }

        /** Whether the answer line to {@link #greeting} lets the connection go on. */
        default boolean greeted(byte[] line, int length) {
            return true;
        }
    }

    /** Reads one connection's answers line by line. */
    interface Judge {
        int PENDING = -1;
        int OK = 0;
        int REFUSED = 1;

        /** One answer line without its {@code \n}; returns {@link #PENDING} until an answer is complete. */
        int line(byte[] bytes, int length);
    }

    private SelectorLoad() {
    }

    static LoadDriver.Measured run(InetSocketAddress server, LoadSettings settings, Wire wire) throws IOException {
        long cpuStart = Cpu.currentThread();
        long start = System.nanoTime();
        long deadline = start + settings.time().toNanos();
        long hardDeadline = deadline + LoadDriver.GRACE.toNanos();
        Tally tally = new Tally(start);
        List<Conn> conns = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int c = 0; c < settings.conns(); c++) {
                Conn conn = new Conn(c, settings.share(c), settings.pipeline(), wire);
                try {
                    conn.connect(server, selector);
                    conns.add(conn);
                } catch (GreetingRefused e) {
                    tally.fail("connection " + c + ": " + e.getMessage());
                } catch (IOException e) {
                    tally.fail("connection " + c + ": cannot connect to " + server.getHostString() + ":"
                            + server.getPort() + ": " + e.getMessage());
                }
            }
            int active = 0;
            for (Conn conn : conns) {
                if (conn.nextRound(deadline, tally)) {
                    active++;
                }
            }
            while (active > 0) {
                if (System.nanoTime() > hardDeadline) {
                    tally.fail("still waiting " + LoadDriver.GRACE.toSeconds() + " s after the time bound; closed");
                    break;
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn conn = (Conn) key.attachment();
                    if (!conn.step(key, deadline, tally)) {
                        active--;
                    }
                }
                selector.selectedKeys().clear();
            }
        } finally {
            conns.forEach(Conn::close);
        }
        // the whole load ran on this one thread: its CPU time is the client's
        return tally.measured(Cpu.currentThread() - cpuStart);
    }

    /** What every connection did, kept by the one thread. */
    private static final class Tally {
        private final long start;
        private long ops;
        private long errors;
        private long end;
        private long[] rounds = new long[1024];
        private int roundCount;
        private String firstError;

        Tally(long start) {
            this.start = start;
            this.end = start;
        }

        void round(long nanos, int answered, int refused, int conn) {
            if (roundCount == rounds.length) {
                rounds = Arrays.copyOf(rounds, roundCount * 2);
            }
            rounds[roundCount++] = nanos;
            ops += answered - refused;
            if (refused > 0) {
                errors += refused;
                firstError("connection " + conn + ": " + refused + " of " + answered + " requests refused");
            }
            end = Math.max(end, System.nanoTime());
        }

        void fail(String why) {
            errors++;
            firstError(why);
        }

        private void firstError(String why) {
            if (firstError == null) {
                firstError = why;
            }
        }

        LoadDriver.Measured measured(long clientCpuNanos) {
            return new LoadDriver.Measured(ops, errors, (end - start) / 1e9, Arrays.copyOf(rounds, roundCount),
                    Optional.ofNullable(firstError), clientCpuNanos);
        }
    }

    /** The server did not accept a connection's greeting. */
    private static final class GreetingRefused extends IOException {
        GreetingRefused(String message) {
            super(message);
        }
    }

    /** One connection: its round in flight and the answer line being read. */
    private static final class Conn {
        private final int index;
        private final long share;
        private final int pipeline;
        private final Wire wire;
        private final Judge judge;
        private final ByteBuffer out;
        private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        private byte[] line = new byte[256];
        private int lineLength;
        private SocketChannel channel;
        private SelectionKey key;
        private long sent;
        private int roundSize;
        private int outstanding;
        private int refused;
        private long roundStart;

        Conn(int index, long share, int pipeline, Wire wire) {
            this.index = index;
            this.share = share;
            this.pipeline = pipeline;
            this.wire = wire;
            this.judge = wire.judge();
            this.out = ByteBuffer.allocateDirect(pipeline * wire.maxRequestBytes());
        }

        void connect(InetSocketAddress server, Selector selector) throws IOException {
            channel = SocketChannel.open();
            try {
                channel.socket().setTcpNoDelay(true);
                channel.socket().connect(server, 5_000);
                greet();
                channel.configureBlocking(false);
                key = channel.register(selector, SelectionKey.OP_READ, this);
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        /** Writes the wire's greeting and reads its one answer line while the channel still blocks. */
        private void greet() throws IOException {
            byte[] greeting = wire.greeting(index, share);
            if (greeting == null) {
                return;
            }
            ByteBuffer hello = ByteBuffer.wrap(greeting);
            while (hello.hasRemaining()) {
                channel.write(hello);
            }
            channel.socket().setSoTimeout(5_000);
            InputStream answer = channel.socket().getInputStream();
            int b;
            while ((b = answer.read()) != '\n') {
                if (b < 0) {
                    throw new GreetingRefused("the server closed the connection after the greeting");
                }
                if (lineLength == line.length) {
                    if (lineLength >= MAX_LINE) {
                        throw new GreetingRefused("a greeting answer over " + MAX_LINE + " bytes");
                    }
                    line = Arrays.copyOf(line, lineLength * 2);
                }
                line[lineLength++] = (byte) b;
            }
            int length = lineLength;
            lineLength = 0;
            if (!wire.greeted(line, length)) {
                throw new GreetingRefused("greeting answered " + new String(line, 0, length, StandardCharsets.UTF_8));
            }
        }

        /** Sends the next round if there is one to send; false when this connection is done. */
        boolean nextRound(long deadline, Tally tally) {
            if (sent >= share || System.nanoTime() >= deadline) {
                close();
                return false;
            }
            int n = (int) Math.min(pipeline, share - sent);
            out.clear();
            for (int i = 0; i < n; i++) {
                wire.request(index, sent + i, out);
            }
            out.flip();
            sent += n;
            roundSize = n;
            outstanding = n;
            refused = 0;
            roundStart = System.nanoTime();
            return flush(tally);
        }

        private boolean flush(Tally tally) {
            try {
                channel.write(out);
                key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                return true;
            } catch (IOException e) {
                return broken(tally, "write failed: " + e.getMessage());
            }
        }

        /** Handles a ready key; false when this connection is done (finished or broken). */
        boolean step(SelectionKey ready, long deadline, Tally tally) {
            if (!ready.isValid()) {
                return broken(tally, "connection lost");
            }
            if (ready.isWritable() && !flush(tally)) {
                return false;
            }
            if (!ready.isReadable()) {
                return true;
            }
            int n;
            try {
                n = channel.read(in);
            } catch (IOException e) {
                return broken(tally, "read failed: " + e.getMessage());
            }
            if (n < 0) {
                return broken(tally, "the server closed the connection");
            }
            in.flip();
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b != '\n') {
                    if (lineLength == line.length) {
                        if (lineLength >= MAX_LINE) {
                            return broken(tally, "an answer line over " + MAX_LINE + " bytes");
                        }
                        line = Arrays.copyOf(line, lineLength * 2);
                    }
                    line[lineLength++] = b;
                    continue;
                }
                int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                lineLength = 0;
                int verdict = judge.line(line, length);
                if (verdict == Judge.PENDING) {
                    continue;
                }
                if (outstanding == 0) {
                    return broken(tally, "an answer nobody asked for");
                }
                refused += verdict;
                if (--outstanding == 0) {
                    tally.round(System.nanoTime() - roundStart, roundSize, refused, index);
                    if (in.hasRemaining()) {
                        return broken(tally, "an answer nobody asked for");
                    }
                    in.clear();
                    return nextRound(deadline, tally);
                }
            }
            in.clear();
            return true;
        }

        private boolean broken(Tally tally, String why) {
            tally.fail("connection " + index + ": " + why);
            if (outstanding > 0) {
                tally.round(System.nanoTime() - roundStart, roundSize - outstanding, refused, index);
            }
            outstanding = 0;
            close();
            return false;
        }

        void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing left to release
                }
            }
        }
    }

    /** Writes a non-negative number in ASCII decimal. */
    static void putDecimal(ByteBuffer out, long value) {
        if (value < 10) {
            out.put((byte) ('0' + value));
            return;
        }
        int digits = digits(value);
        int at = out.position() + digits;
        out.position(at);
        long v = value;
        while (v > 0) {
            out.put(--at, (byte) ('0' + v % 10));
            v /= 10;
        }
    }

    static int digits(long value) {
        int d = 1;
        long v = value;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    static void putAscii(ByteBuffer out, byte[] ascii) {
        out.put(ascii);
    }
}
