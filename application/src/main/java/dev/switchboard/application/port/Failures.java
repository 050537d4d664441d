package dev.switchboard.application.port;

/**
 * How an adapter reads a failed stage of any port: the innermost cause, as the one-line text a
 * log line carries (never a stack trace).
 */
public final class Failures {

    private Failures() {
    }

    /** The innermost cause: what actually went wrong under the completion and storage wrappers. */
    public static Throwable root(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The innermost cause as {@code Type: message}. */
    public static String rootMessage(Throwable t) {
        return root(t).toString();
    }
}
