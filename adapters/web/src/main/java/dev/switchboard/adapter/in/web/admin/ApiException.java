package dev.switchboard.adapter.in.web.admin;

/** An admin request that is answered with an HTTP error status and a JSON error body. */
public final class ApiException extends Exception {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
