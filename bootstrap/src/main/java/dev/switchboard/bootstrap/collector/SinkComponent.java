package dev.switchboard.bootstrap.collector;

import dev.switchboard.adapter.in.web.collector.SinkServer;
import dev.switchboard.bootstrap.Component;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/** The collector's HTTP sink; prints {@code sink listening on host:port}. */
public final class SinkComponent implements Component {

    private final SinkServer server;

    public SinkComponent(SinkServer server) {
        this.server = server;
    }

    @Override
    public List<String> start() throws IOException {
        InetSocketAddress bound = server.start();
        return List.of("sink listening on " + bound.getHostString() + ":" + bound.getPort());
    }

    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    @Override
    public void close() {
        server.close();
    }
}
