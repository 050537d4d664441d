package dev.switchboard.application.port.out.telemetry;

/**
 * What an inbound adapter tells about its traffic: connections, answered requests and refusals.
 * One per service; the kinds are the service's enums, so a misspelt kind does not compile
 * (it cannot make a new series).
 */
public interface Telemetry {

    void connectionOpened();

    void connectionClosed();

    /** A request of the given kind was answered; {@code startNanos} came from {@link System#nanoTime()}. */
    void answered(RequestKind kind, long startNanos);

    /** {@code count} requests of one kind were handled together, from {@code startNanos} on. */
    void answered(RequestKind kind, int count, long startNanos);

    /** A request was refused, or a connection failed, for the given reason. */
    void error(ErrorKind kind);

    /** {@code count} requests were refused for one reason. */
    void error(ErrorKind kind, int count);
}
