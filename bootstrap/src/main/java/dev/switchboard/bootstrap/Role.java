package dev.switchboard.bootstrap;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One program of the launcher: {@code ./switchboard <name> [options]}. */
public interface Role {

    String name();

    /** One line for {@code ./switchboard --help}. */
    String summary();

    /** The synopsis after the role name, e.g. {@code [options] put KEY VALUE [TIMESTAMP]}. */
    default String synopsis() {
        return "[options]";
    }

    /** The role's own options; {@code --help} and {@code --verbose} are added for every role. */
    Options options();

    /** Whether parsing stops at the first positional argument (a verb), leaving the rest to the role. */
    default boolean stopsAtVerb() {
        return false;
    }

    /**
     * Runs the role to its end.
     *
     * @return the exit code: 0 success, 1 runtime failure
     * @throws UsageException a bad option value (exit 2 with the usage)
     */
    int run(CommandLine line, Console console) throws UsageException, Exception;
}
