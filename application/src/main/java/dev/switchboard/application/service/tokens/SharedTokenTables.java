package dev.switchboard.application.service.tokens;

import dev.switchboard.application.port.in.tokens.GetTokenTablesUseCase;
import dev.switchboard.application.port.in.tokens.ReportTokenTablesUseCase;
import dev.switchboard.application.port.out.tokens.TokenReportPort;
import dev.switchboard.application.port.out.tokens.TokenRepository;
import dev.switchboard.domain.tokens.HandlerTable;
import dev.switchboard.domain.tokens.Token;
import dev.switchboard.domain.tokens.TokenTableReport;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Service: the tables when several nodes share one database. No node sees every acceptance, so
 * the tables are read from the repository, which holds every node's: {@code /api/tokens} shows
 * the whole table, and the periodic print shows it whenever it differs from the last one this
 * node printed (a change made on any node). Each node still counts its own connections' tokens
 * in its {@link TokenService}; only what is shown comes from here.
 */
public final class SharedTokenTables implements GetTokenTablesUseCase, ReportTokenTablesUseCase {

    private final TokenRepository repository;
    private final Clock clock;
    private final TokenReportPort out;
    private List<HandlerTable> lastPrinted = List.of();

    public SharedTokenTables(TokenRepository repository, Clock clock, TokenReportPort out) {
        this.repository = Objects.requireNonNull(repository, "'repository' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.out = Objects.requireNonNull(out, "'out' must not be null");
    }

    @Override
    public List<HandlerTable> tables() {
        return repository.load();
    }

    @Override
    public Optional<HandlerTable> table(Token token) {
        return tables().stream().filter(t -> t.token().equals(token)).findFirst();
    }

    @Override
    public int handlerCount() {
        return tables().size();
    }

    @Override
    public boolean reportIfChanged() {
        // the database read and the print happen outside the lock, which guards only the last table printed
        List<HandlerTable> now = repository.load();
        synchronized (this) {
            if (now.equals(lastPrinted)) {
                return false;
            }
            lastPrinted = now;
        }
        out.publish(TokenTableReport.render(now, clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        return true;
    }
}
