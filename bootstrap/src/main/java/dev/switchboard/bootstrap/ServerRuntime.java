package dev.switchboard.bootstrap;

import dev.switchboard.adapter.in.web.admin.AdminServer;
import dev.switchboard.adapter.in.web.admin.ApiRoute;
import dev.switchboard.bootstrap.storage.Storage;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server role runs on: the storage switch, the meter registry, the optional admin server,
 * and the components the role's services add. Starts them in order, prints what is listening,
 * waits for a stop signal, and closes them in reverse order, storage last.
 */
public final class ServerRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerRuntime.class);

    private final Storage storage;
    private final PrometheusMeterRegistry registry;
    private final AdminServer admin;
    private final List<Component> components = new ArrayList<>();
    private volatile JvmGcMetrics gcMetrics;

    public ServerRuntime(ServerOptions options) {
        this.storage = Storage.open(options.storage(), options.db(), options.jdbc().orElse(null));
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.admin = options.adminPort() == 0
                ? null
                : new AdminServer(options.adminAddr(), Math.max(0, options.adminPort()), options.adminToken(), registry);
    }

    /** What a server role installs into its runtime: its services' adapters and components. */
    @FunctionalInterface
    public interface Installation {
        void install(ServerRuntime runtime) throws Exception;
    }

    /**
     * The start-up tail every server role shares: takes the stop signal, opens the runtime,
     * installs the role's services (closing the runtime again if that fails, so a half-built
     * role releases its storage and threads), then runs until stopped.
     *
     * @return the exit code
     */
    public static int run(ServerOptions options, Console console, Installation installation) throws Exception {
        ShutdownSignal signal = ShutdownSignal.install();
        ServerRuntime runtime = new ServerRuntime(options);
        try {
            installation.install(runtime);
        } catch (Exception | Error e) {
            runtime.close();
            throw e;
        }
        return runtime.runUntilStopped(signal, console);
    }

    public Storage storage() {
        return storage;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void add(Component component) {
        components.add(component);
    }

    /** Publishes a service's snapshot on the admin server, if one runs. */
    public void expose(String service, ApiRoute route) {
        if (admin != null) {
            admin.service(service, route);
        }
    }

    public AdminServer admin() {
        return admin;
    }

    /** Starts every component, then the admin server; returns the lines to print. */
    public List<String> start() throws IOException {
        // the JVM's meters start JMX, a tenth of a start's CPU: on a second core, beside the
        // listeners, and done before the ready lines, so /metrics has them from the first request;
        // without an admin server nothing reads them (a collector on its own): then not bound at all
        Thread jvmMeters = new Thread(this::bindJvmMeters, "jvm-meters");
        jvmMeters.setDaemon(true);
        if (admin != null) {
            jvmMeters.start();
        }
        List<String> lines = new ArrayList<>();
        try {
            for (Component component : components) {
                lines.addAll(component.start());
            }
            if (admin != null) {
                lines.add("admin console at " + admin.start());
            }
        } finally {
            awaitJvmMeters(jvmMeters);
        }
        return lines;
    }

    private void bindJvmMeters() {
        try {
            new ClassLoaderMetrics().bindTo(registry);
            new JvmMemoryMetrics().bindTo(registry);
            JvmGcMetrics gc = new JvmGcMetrics();
            gc.bindTo(registry);
            gcMetrics = gc;
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new FileDescriptorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
        } catch (RuntimeException e) {
            log.warn("the JVM's meters are incomplete: {}", e.toString());
        }
    }

    private static void awaitJvmMeters(Thread jvmMeters) {
        try {
            jvmMeters.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts, prints the ready lines, waits for the signal, stops. Returns the exit code. */
    private int runUntilStopped(ShutdownSignal signal, Console console) throws InterruptedException {
        try {
            for (String line : start()) {
                console.out().println(line);
            }
            console.out().flush();
        } catch (IOException e) {
            console.err().println("switchboard: " + e.getMessage());
            close();
            return 1;
        }
        signal.await();
        close();
        signal.completed();
        log.info("stopped");
        return 0;
    }

    @Override
    public void close() {
        // listeners first (stop taking work), in reverse order of start; storage last (commit what is queued)
        for (int i = components.size() - 1; i >= 0; i--) {
            closeQuietly(components.get(i));
        }
        components.clear();
        if (admin != null) {
            admin.close();
        }
        storage.close();
        if (gcMetrics != null) {
            gcMetrics.close();
        }
    }

    private static void closeQuietly(Component component) {
        try {
            component.close();
        } catch (RuntimeException e) {
            log.warn("stop failed: {}", e.toString());
        }
    }
}
