package dev.switchboard.adapter.out.tcp.lottery;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import dev.switchboard.adapter.out.tcp.ClientSockets;
import java.net.SocketException;
import java.time.Duration;

/** A blocking socket with big-endian reads and writes, shared by both dialects' connections. */
final class SocketChannel implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int readTimeoutMillis;

    SocketChannel(InetSocketAddress server, Duration timeout) throws LotteryClientError {
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        ClientSockets.Connected c;
        try {
            c = ClientSockets.connect(server, timeout);
        } catch (IOException e) {
            throw LotteryClientError.lost("cannot connect to " + server.getHostString() + ":" + server.getPort()
                    + ": " + e.getMessage(), e);
        }
        this.socket = c.socket();
        this.in = new DataInputStream(new BufferedInputStream(c.in()));
        this.out = new BufferedOutputStream(c.out());
    }

    DataInputStream in() {
        return in;
    }

    void write(byte[]... parts) throws LotteryClientError {
        try {
            for (byte[] part : parts) {
                out.write(part);
            }
            out.flush();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** Waits without a read timeout (for an answer held until the draw), then restores it. */
    void waitLong(boolean on) throws LotteryClientError {
        try {
            socket.setSoTimeout(on ? 0 : readTimeoutMillis);
        } catch (SocketException e) {
            throw lost(e);
        }
    }

    static LotteryClientError lost(IOException e) {
        if (e instanceof EOFException) {
            return LotteryClientError.lost("the server closed the connection", e);
        }
        return LotteryClientError.lost("connection failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        ClientSockets.closeQuietly(socket);
    }
}
