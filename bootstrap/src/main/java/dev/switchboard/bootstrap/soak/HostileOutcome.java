package dev.switchboard.bootstrap.soak;

import java.util.Optional;

/**
 * What one hostile client did.
 *
 * @param name        spew, endless or pipeline
 * @param bytesSent   bytes written in all
 * @param connections connections it opened
 * @param answers     whole answers it read (the pipelining client reads none)
 * @param closes      connections the server closed on it
 * @param stalls      connections on which the server stopped reading (backpressure)
 * @param problem     what broke the protocol's promise, if anything did
 */
public record HostileOutcome(String name, long bytesSent, int connections, long answers, int closes, int stalls,
                             Optional<String> problem) {

    String line() {
        return name + ": " + bytesSent + " bytes on " + connections + " connections, " + answers + " answers, "
                + closes + " closed by the server, " + stalls + " stalled" + problem.map(p -> ", PROBLEM: " + p).orElse("");
    }
}
