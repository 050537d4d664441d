package dev.switchboard.application.port.in.tokens;

/** Use case: publish every handler's table, but only if something changed since the last report. */
public interface ReportTokenTablesUseCase {

    /** Returns whether a report was published. */
    boolean reportIfChanged();
}
