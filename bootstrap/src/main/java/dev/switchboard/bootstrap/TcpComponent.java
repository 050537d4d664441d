package dev.switchboard.bootstrap;

import dev.switchboard.adapter.in.tcp.common.MinaTcpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** A MINA listener with the worker pool its handler uses; prints {@code <service> listening on host:port}. */
public final class TcpComponent implements Component {

    private final MinaTcpServer server;
    private final ExecutorService workers;
    private final String label;

    public TcpComponent(MinaTcpServer server, ExecutorService workers) {
        this(server, workers, server.service());
    }

    public TcpComponent(MinaTcpServer server, ExecutorService workers, String label) {
        this.server = server;
        this.workers = workers;
        this.label = label;
    }

    @Override
    public List<String> start() throws IOException {
        InetSocketAddress bound = server.start();
        return List.of(label + " listening on " + bound.getHostString() + ":" + bound.getPort());
    }

    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    @Override
    public void close() {
        server.close();
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
