package dev.switchboard.bootstrap.soak;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One blocking client connection of the soak and the bench. Reads time out; a write that cannot
 * go on within the stall time (the server stopped reading) is ended by closing the socket from a
 * timer, so no client ever waits without bound.
 */
public final class Wire implements AutoCloseable {

    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private volatile boolean stalled;

    Wire(InetSocketAddress server) throws IOException {
        this(server, 16 * 1024);
    }

    /** @param bufferBytes how much of the server's answers one read may take in */
    public Wire(InetSocketAddress server, int bufferBytes) throws IOException {
        socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), bufferBytes);
        } catch (IOException e) {
            close();
            throw new IOException("cannot connect to " + server.getHostString() + ":" + server.getPort() + ": "
                    + e.getMessage(), e);
        }
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes unless the server stops taking bytes for {@code stallMillis}: then the socket is closed
     * and this returns false. An {@link IOException} means the server closed or reset the connection.
     */
    boolean writeWithin(byte[] bytes, long stallMillis, ScheduledExecutorService timer) throws IOException {
        ScheduledFuture<?> guard = timer.schedule(() -> {
            stalled = true;
            close();
        }, stallMillis, TimeUnit.MILLISECONDS);
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            if (stalled) {
                return false;
            }
            throw e;
        } finally {
            guard.cancel(false);
        }
    }

    /** Reads from now on wait at most this long (0: without bound is not allowed here). */
    void readTimeout(int millis) throws IOException {
        if (millis <= 0) {
            throw new IllegalArgumentException("a read timeout must be positive");
        }
        socket.setSoTimeout(millis);
    }

    InputStream in() {
        return in;
    }

    /** The next {@code \n}-terminated line without its end, or null at a clean end of stream. */
    String readLine() throws IOException {
        return readLine(in);
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("the connection ended inside a line");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** The next line; the end of the stream is an error here. */
    public String expectLine() throws IOException {
        String line = readLine();
        if (line == null) {
            throw new EOFException("the server closed the connection");
        }
        return line;
    }

    /** Exactly {@code n} bytes; the end of the stream before them is an error. */
    byte[] readExactly(int n) throws IOException {
        return readExactly(in, n);
    }

    static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new EOFException("the connection ended after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
