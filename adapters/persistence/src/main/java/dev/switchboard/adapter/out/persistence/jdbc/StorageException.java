package dev.switchboard.adapter.out.persistence.jdbc;

/** A store could not read or write its database. */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
