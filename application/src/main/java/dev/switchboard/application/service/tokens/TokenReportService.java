package dev.switchboard.application.service.tokens;

import dev.switchboard.application.port.in.tokens.ReportTokenTablesUseCase;
import dev.switchboard.application.port.out.tokens.TokenReportPort;
import dev.switchboard.domain.tokens.HandlerTable;
import dev.switchboard.domain.tokens.TokenRegistry;
import dev.switchboard.domain.tokens.TokenTableReport;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Service: the periodic table. Whoever triggers it (a timer every {@code --sec} seconds, or a
 * test) gets a report only when the registry changed since the last one; the time printed is
 * the clock's, in whole seconds.
 */
public final class TokenReportService implements ReportTokenTablesUseCase {

    private final TokenRegistry registry;
    private final Clock clock;
    private final TokenReportPort out;

    public TokenReportService(TokenRegistry registry, Clock clock, TokenReportPort out) {
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.out = Objects.requireNonNull(out, "'out' must not be null");
    }

    @Override
    public boolean reportIfChanged() {
        Optional<List<HandlerTable>> changed = registry.takeChanges();
        if (changed.isEmpty()) {
            return false;
        }
        out.publish(TokenTableReport.render(changed.get(), clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        return true;
    }
}
