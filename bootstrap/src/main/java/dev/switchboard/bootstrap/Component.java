package dev.switchboard.bootstrap;

import java.io.IOException;
import java.util.List;

/** A started piece of a running role (a listener, a background job) with an orderly stop. */
public interface Component extends AutoCloseable {

    /** Starts it; returns the lines to print once ready, e.g. {@code metrics listening on 127.0.0.1:8888}. */
    List<String> start() throws IOException;

    /** Stops accepting work, finishes or refuses what is in flight, releases resources. */
    @Override
    void close();
}
