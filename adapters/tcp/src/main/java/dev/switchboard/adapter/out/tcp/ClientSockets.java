package dev.switchboard.adapter.out.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** The socket every client of this adapter opens: no Nagle delay, one timeout for the connect and for each read. */
public final class ClientSockets {

    private ClientSockets() {
    }

    /** A connected socket with its two streams. */
    public record Connected(Socket socket, InputStream in, OutputStream out) {
    }

    /** Connects within {@code timeout}, then reads time out after it too; nothing is left open when it throws. */
    public static Connected connect(InetSocketAddress server, Duration timeout) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, millis);
            socket.setSoTimeout(millis);
            return new Connected(socket, socket.getInputStream(), socket.getOutputStream());
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** Closes, ignoring a failure: nothing is left to release then. */
    public static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }
}
