package dev.switchboard.application.port.out.tokens;

/** Outbound port: where the periodic table goes (the server's standard output). */
@FunctionalInterface
public interface TokenReportPort {

    /** Publishes one whole report; its lines end with {@code \n}. */
    void publish(String report);
}
