package dev.switchboard.bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The programs a test started through {@link Launcher}, each stopped after the test (register it
 * with {@code @RegisterExtension}): the set-up every end-to-end test of the launcher shared.
 */
public final class Launched implements AfterEachCallback {

    private final List<Launcher> started = new ArrayList<>();

    /** Starts {@code args} in {@code dir}, stopped after the test. */
    public Launcher start(Path dir, String... args) {
        return add(Launcher.start(dir, args));
    }

    /** Starts {@code args} in {@code dir} with {@code env} added, stopped after the test. */
    public Launcher start(Path dir, Map<String, String> env, String... args) {
        return add(Launcher.start(dir, env, args));
    }

    /** Every program started so far, in order. */
    public List<Launcher> all() {
        return List.copyOf(started);
    }

    private Launcher add(Launcher launcher) {
        started.add(launcher);
        return launcher;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(Launcher::close);
        started.clear();
    }
}
