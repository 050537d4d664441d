package dev.switchboard.application.port.in.collector;

/** Use case: the collector's state for the admin view. */
public interface GetCollectorStatusUseCase {

    CollectorStatus status();
}
