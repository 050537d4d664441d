package dev.switchboard.application.port.out.collector;

/** The spool directory could not be read or written. */
public final class SpoolException extends RuntimeException {

    public SpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
