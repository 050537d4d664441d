package dev.switchboard.bootstrap.collector;

import dev.switchboard.adapter.out.http.collector.HttpBatchUploader;
import dev.switchboard.application.port.out.collector.BatchUploadPort;
import dev.switchboard.application.port.out.collector.UploadResult;
import dev.switchboard.domain.collector.BatchId;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The collector's HTTP uploader, made when the target is first needed (the collector's start)
 * rather than when the role is wired: {@code serve}'s collector ships to a sink of the same
 * process, whose address is known only once that sink has bound its port.
 */
final class ShipOnStart implements BatchUploadPort, AutoCloseable {

    private final Supplier<URI> target;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private HttpBatchUploader uploader;
    private boolean closed;

    ShipOnStart(Supplier<URI> target, Duration connectTimeout, Duration requestTimeout) {
        this.target = Objects.requireNonNull(target, "'target' must not be null");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "'connectTimeout' must not be null");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "'requestTimeout' must not be null");
    }

    private synchronized HttpBatchUploader uploader() {
        if (uploader == null) {
            uploader = new HttpBatchUploader(target.get(), connectTimeout, requestTimeout);
            if (closed) {
                uploader.close();
            }
        }
        return uploader;
    }

    @Override
    public UploadResult upload(BatchId batchId, byte[] body) {
        return uploader().upload(batchId, body);
    }

    @Override
    public String target() {
        return uploader().target();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (uploader != null) {
            uploader.close();
        }
    }
}
