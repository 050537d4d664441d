package dev.switchboard.adapter.in.tcp.graphite;

import dev.switchboard.adapter.in.tcp.common.StorageFailures;
import dev.switchboard.adapter.in.tcp.graphite.codec.CarbonRead;
import dev.switchboard.application.port.in.metrics.PutMetricUseCase;
import dev.switchboard.application.port.out.metrics.MetricStore;
import dev.switchboard.application.port.out.telemetry.MetricsErrorKind;
import dev.switchboard.application.port.out.telemetry.MetricsRequestKind;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA handler of carbon's plaintext protocol: the points of each read go to the store in one
 * call, invalid lines are counted ({@code graphite_invalid}) and nothing is ever written back.
 * A durable store that falls behind stops the connection's reads once
 * {@value #MAX_PENDING} reads wait for their commit, and resumes them as commits land, so a
 * fast agent cannot fill the heap.
 */
public final class CarbonSessionHandler extends IoHandlerAdapter {

    static final int MAX_PENDING = 8;
    private static final Logger log = LoggerFactory.getLogger(CarbonSessionHandler.class);
    private static final AttributeKey PENDING = new AttributeKey(CarbonSessionHandler.class, "pending");

    private final PutMetricUseCase puts;
    private final Telemetry telemetry;

    public CarbonSessionHandler(PutMetricUseCase puts, Telemetry telemetry) {
        this.puts = Objects.requireNonNull(puts, "'puts' must not be null");
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' must not be null");
    }

    @Override
    public void sessionCreated(IoSession session) {
        session.setAttribute(PENDING, new AtomicInteger());
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        long start = System.nanoTime();
        CarbonRead read = (CarbonRead) message;
        if (read.invalid() > 0) {
            telemetry.error(MetricsErrorKind.GRAPHITE_INVALID, read.invalid());
        }
        int points = read.points().size();
        if (points == 0) {
            return;
        }
        CompletionStage<Void> stored = puts.putAll(read.points());
        if (stored == MetricStore.STORED) {
            telemetry.answered(MetricsRequestKind.GRAPHITE, points, start);
            return;
        }
        AtomicInteger pending = (AtomicInteger) session.getAttribute(PENDING);
        if (pending.incrementAndGet() >= MAX_PENDING) {
            session.suspendRead();
        }
        stored.whenComplete((ok, failure) -> {
            if (failure != null) {
                // carbon has no way to say so: the points are lost to this agent, and the log says it
                StorageFailures.told(log, telemetry, failure, "graphite: {} points from {} not stored", points,
                        session.getRemoteAddress());
            } else {
                telemetry.answered(MetricsRequestKind.GRAPHITE, points, start);
            }
            if (pending.decrementAndGet() == MAX_PENDING - 1) {
                session.resumeRead();
            }
        });
    }
}
