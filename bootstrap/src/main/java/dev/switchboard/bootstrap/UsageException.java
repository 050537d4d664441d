package dev.switchboard.bootstrap;

/** The command line asks for something the role does not take; exit code 2. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
