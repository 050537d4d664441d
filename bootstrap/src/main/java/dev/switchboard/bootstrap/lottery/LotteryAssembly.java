package dev.switchboard.bootstrap.lottery;

import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.in.tcp.lottery.LotteryTcpServer;
import dev.switchboard.adapter.in.web.admin.lottery.LotteryApi;
import dev.switchboard.adapter.out.log.lottery.Slf4jLotteryEvents;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.application.port.out.lottery.BetStore;
import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.LotteryErrorKind;
import dev.switchboard.application.port.out.telemetry.LotteryRequestKind;
import dev.switchboard.application.port.out.telemetry.StorageErrorKind;
import dev.switchboard.application.service.lottery.LotteryService;
import dev.switchboard.bootstrap.Component;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.Threads;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Wires the lottery: store → service → text and/or binary MINA listeners, and the admin view. */
public final class LotteryAssembly {

    /** What was installed; the listeners are absent when their dialect is off. */
    public record Installed(LotteryService service, Optional<TcpComponent> text, Optional<TcpComponent> binary) {
    }

    /** With several nodes on one database: how often a node asks whether the draw exists. */
    public static final Duration SHARED_DRAW_POLL = Duration.ofMillis(200);

    private LotteryAssembly() {
    }

    public static Installed install(ServerRuntime runtime, LotteryConfig config) {
        BetStore store = runtime.storage().betStore(config.winningNumber());
        ExecutorService drawThread = Threads.pool("lottery-draw", 1);
        boolean shared = runtime.storage().shared();
        ScheduledExecutorService drawWatch = shared
                ? Executors.newSingleThreadScheduledExecutor(Threads.factory("lottery-draw-watch"))
                : null;
        LotteryService service = new LotteryService(store, config.agencies(), config.winningNumber(),
                new Slf4jLotteryEvents(), drawThread);
        MicrometerTelemetry telemetry = new MicrometerTelemetry("lottery", runtime.registry(),
                LotteryRequestKind.class, LotteryErrorKind.class, StorageErrorKind.class, ConnectionErrorKind.class);
        telemetry.storedItems(service::totalBets);
        // first in, last out: the state is restored before the listeners open, the draw thread stops after they close
        runtime.add(new Component() {
            @Override
            public List<String> start() {
                if (shared) {
                    // the barrier and the draw are the database's: every node asks it
                    service.watchSharedDraw(drawWatch, SHARED_DRAW_POLL);
                }
                service.restore();
                return List.of();
            }

            @Override
            public void close() {
                if (drawWatch != null) {
                    drawWatch.shutdownNow();
                }
                drawThread.shutdown();
                try {
                    drawThread.awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Optional<TcpComponent> text = Optional.empty();
        Optional<TcpComponent> binary = Optional.empty();
        if (config.textPort() != LotteryConfig.OFF) {
            TcpComponent component = new TcpComponent(LotteryTcpServer.text(TcpServerConfig.of(config.host(), config.textPort()),
                    config.maxFrameBytes(), service, service, service, telemetry), null);
            runtime.add(component);
            text = Optional.of(component);
        }
        if (config.binaryPort() != LotteryConfig.OFF) {
            TcpComponent component = new TcpComponent(LotteryTcpServer.binary(
                    TcpServerConfig.of(config.host(), config.binaryPort()), config.maxFrameBytes(), service, service,
                    telemetry), null);
            runtime.add(component);
            binary = Optional.of(component);
        }
        runtime.expose("lottery", new LotteryApi(service));
        return new Installed(service, text, binary);
    }
}
