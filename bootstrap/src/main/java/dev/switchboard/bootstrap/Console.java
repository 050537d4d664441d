package dev.switchboard.bootstrap;

import java.io.PrintStream;

/** Where a role prints: results on {@code out}, diagnostics on {@code err}. */
public record Console(PrintStream out, PrintStream err) {

    public static Console system() {
        return new Console(System.out, System.err);
    }
}
