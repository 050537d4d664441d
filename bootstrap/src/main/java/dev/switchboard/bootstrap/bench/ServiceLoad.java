package dev.switchboard.bootstrap.bench;

import dev.switchboard.bootstrap.ServerRuntime;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/** One service's part of the bench: its in-process wiring and the load its connections apply. */
interface ServiceLoad {

    /** Every in-process listener binds here, and only here. */
    String LOOPBACK = "127.0.0.1";

    String service();

    /**
     * Wires the service into a runtime that is not started yet, on a free loopback port.
     *
     * @return the address to load, known once the runtime has started
     */
    Supplier<InetSocketAddress> install(ServerRuntime runtime, LoadSettings settings);

    /** Loads the server at {@code server} and returns the figures; {@code target} names it in the line. */
    LoadResult run(InetSocketAddress server, String target, LoadSettings settings) throws InterruptedException;
}
