package dev.switchboard.bootstrap.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A blocking client socket for the line protocols' benches: a round is one write, its answers are
 * read line by line. Kept minimal so the client spends little of the CPU the server needs.
 */
final class BenchSocket implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private byte[] line = new byte[256];

    BenchSocket(InetSocketAddress server) throws IOException {
        socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        } catch (IOException e) {
            close();
            throw new IOException("cannot connect to " + server.getHostString() + ":" + server.getPort() + ": "
                    + e.getMessage(), e);
        }
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next line, without its {@code \n}. */
    String readLine() throws IOException {
        int size = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b == '\n') {
                return new String(line, 0, size, StandardCharsets.UTF_8);
            }
            if (size == line.length) {
                line = Arrays.copyOf(line, size * 2);
            }
            line[size++] = (byte) b;
        }
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
