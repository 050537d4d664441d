package dev.switchboard.adapter.in.web.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/** The names a request to a loopback-only admin server may carry in its {@code Host} header. */
final class LoopbackHost {

    private static final Set<String> NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    private LoopbackHost() {
    }

    /** Whether the server's bind address is a loopback one (127.0.0.0/8, ::1, "localhost"). */
    static boolean isLoopbackAddress(String bindHost) {
        try {
            return InetAddress.getByName(bindHost).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether a {@code Host} header names this machine's loopback: {@code 127.0.0.1},
     * {@code localhost} or {@code [::1]}, with any port or none. No header (HTTP/1.0) is allowed:
     * every browser sends one, and the check is against pages in browsers.
     */
    static boolean isLoopbackName(String hostHeader) {
        if (hostHeader == null) {
            return true;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0 || !portOrNothing(host.substring(close + 1))) {
                return false;
            }
            return NAMES.contains(host.substring(0, close + 1));
        }
        int colon = host.indexOf(':');
        if (colon >= 0 && !portOrNothing(host.substring(colon))) {
            return false;
        }
        return NAMES.contains(colon >= 0 ? host.substring(0, colon) : host);
    }

    private static boolean portOrNothing(String rest) {
        return rest.isEmpty() || rest.matches(":[0-9]{1,5}");
    }
}
