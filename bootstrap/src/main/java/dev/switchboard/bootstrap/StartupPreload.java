package dev.switchboard.bootstrap;

import dev.switchboard.adapter.in.web.admin.Json;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;

/**
 * Start-up work a role with an HTTP listener needs anyway, done on a daemon thread of its own
 * while the main thread parses the options and sets up logging, so on a second core it leaves
 * the main thread's path to ready: the JDK's locale providers (Jetty's {@code MimeTypes} asks
 * for every available locale when it is first loaded: a fifth of the main thread's time between
 * the first Jetty class and MINA), the time-zone data the log lines' UTC stamps read, and the admin
 * API's JSON writer (Gson). Only JDK and Gson code runs here, nothing that logs: logging must
 * start on the main thread, after {@code --verbose} is seen. Whatever is not done yet when the
 * main thread gets there is simply done there (class initialisation waits for the one in
 * progress), so the result is the same either way.
 */
final class StartupPreload {

    /** Roles that always start a Jetty listener; others only when given an admin port. */
    private static final Set<String> HTTP_ROLES = Set.of("serve", "collector-sink");

    private StartupPreload() {
    }

    static void startFor(String[] args) {
        if (args.length == 0 || !(HTTP_ROLES.contains(args[0]) || hasAdminPort(args))) {
            return;
        }
        Thread preload = new Thread(StartupPreload::run, "startup-preload");
        preload.setDaemon(true);
        preload.setPriority(Thread.NORM_PRIORITY - 1);
        preload.start();
    }

    private static boolean hasAdminPort(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--admin-port")) {
                return true;
            }
        }
        return false;
    }

    private static void run() {
        try {
            Locale.getAvailableLocales();
            ZoneId.of("UTC").getRules();
            TimeZone.getTimeZone("UTC");
            Json.write(new int[] {0});
        } catch (RuntimeException | LinkageError e) {
            // only a head start: the main thread does whatever is left
        }
    }
}
