package dev.switchboard.adapter.out.tcp.metrics;

/** The server answered {@code error}, the answer could not be read, or the connection broke. */
public class ClientError extends Exception {

    public ClientError(String message) {
        super(message);
    }

    public ClientError(String message, Throwable cause) {
        super(message, cause);
    }
}
