package dev.switchboard.application.port.in.metrics;

/** Use case: apply the configured retention to every stored key now; answers how many points went. */
public interface ApplyRetentionUseCase {

    long applyRetention();

    /** How often it should run, in seconds: the finest precision, at least 1 s and at most a minute. */
    long periodSeconds();
}
