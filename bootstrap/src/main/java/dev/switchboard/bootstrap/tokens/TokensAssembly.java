package dev.switchboard.bootstrap.tokens;

import dev.switchboard.adapter.in.schedule.tokens.PeriodicReport;
import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.in.tcp.tokens.TokensTcpServer;
import dev.switchboard.adapter.in.web.admin.tokens.TokensApi;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.application.port.in.tokens.GetTokenTablesUseCase;
import dev.switchboard.application.port.in.tokens.ReportTokenTablesUseCase;
import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.StorageErrorKind;
import dev.switchboard.application.port.out.telemetry.TokensErrorKind;
import dev.switchboard.application.port.out.telemetry.TokensRequestKind;
import dev.switchboard.application.port.out.tokens.TokenReportPort;
import dev.switchboard.application.port.out.tokens.TokenRepository;
import dev.switchboard.application.service.tokens.HandlerPool;
import dev.switchboard.application.service.tokens.SharedTokenTables;
import dev.switchboard.application.service.tokens.TokenReportService;
import dev.switchboard.application.service.tokens.TokenService;
import dev.switchboard.bootstrap.ScheduledComponent;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.TcpComponent;
import dev.switchboard.bootstrap.Threads;
import dev.switchboard.domain.tokens.TokenRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Wires the tokens service: repository → registry (restored from it) → handler pool and service
 * → MINA listener, periodic table on {@code out}, admin view.
 */
public final class TokensAssembly {

    private TokensAssembly() {
    }

    public static TcpComponent install(ServerRuntime runtime, String host, int port, TokenOptions options,
                                       PrintStream out) {
        TokenRepository repository = runtime.storage().tokenRepository();
        TokenRegistry registry = TokenRegistry.restored(repository.load());
        // the handlers' timer threads: a delay is a scheduled task here, never a sleep on an I/O thread
        ScheduledThreadPoolExecutor handlerThreads =
                new ScheduledThreadPoolExecutor(options.threads(), Threads.factory("tokens-handler"));
        handlerThreads.setRemoveOnCancelPolicy(true);
        HandlerPool handlers = new HandlerPool(handlerThreads, options.threads(), options.delay(), new SplittableRandom());
        TokenService service = new TokenService(registry, repository, handlers);

        TokenReportPort stdout = report -> {
            out.print(report);
            out.flush();
        };
        ReportTokenTablesUseCase reports;
        GetTokenTablesUseCase shown;
        if (runtime.storage().shared()) {
            // several nodes on one database: print and show the whole table, every node's rows
            SharedTokenTables whole = new SharedTokenTables(repository, Clock.systemUTC(), stdout);
            reports = whole;
            shown = whole;
        } else {
            reports = new TokenReportService(registry, Clock.systemUTC(), stdout);
            shown = service;
        }
        // added before the listener, so it stops after it and prints the last changes
        runtime.add(new ScheduledComponent(new PeriodicReport(reports, options.period())));

        MicrometerTelemetry telemetry = new MicrometerTelemetry("tokens", runtime.registry(),
                TokensRequestKind.class, TokensErrorKind.class, StorageErrorKind.class, ConnectionErrorKind.class);
        telemetry.storedItems(shown::handlerCount);
        TcpComponent component = new TcpComponent(
                TokensTcpServer.create(TcpServerConfig.of(host, port), service, service, telemetry), handlerThreads);
        runtime.add(component);
        runtime.expose("tokens", new TokensApi(shown));
        return component;
    }
}
