package dev.switchboard.application.port.out.telemetry;

/**
 * A store that failed under a request (a commit, a read): one kind for every service, counted
 * only by the one place each adapter ring maps a failed stage.
 */
public enum StorageErrorKind implements ErrorKind {
    STORAGE
}
