package dev.switchboard.adapter.out.tcp.tokens;

/** The tokens server refused a greeting, closed the connection, or could not be reached. */
public final class TokenClientException extends Exception {

    public TokenClientException(String message) {
        super(message);
    }

    public TokenClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
