package dev.switchboard.bootstrap.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.persistence.jdbc.JdbcSettings;
import dev.switchboard.adapter.out.persistence.jdbc.PostgresTestDatabase;
import dev.switchboard.adapter.out.tcp.metrics.MetricsClient;
import dev.switchboard.bootstrap.Launcher;
import dev.switchboard.bootstrap.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two metrics nodes as real processes on one PostgreSQL, as a user runs them: node A is killed
 * with SIGKILL in the middle of a load, and every put it had answered {@code ok} is read on node B.
 */
class TwoNodesKillIT {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static Launcher node(Path dir, JdbcSettings db) {
        Map<String, String> env = new HashMap<>();
        db.password().ifPresent(p -> env.put(ServerOptions.PASSWORD_VARIABLE, p));
        List<String> args = new ArrayList<>(List.of("metrics-server", "--port", "0", "--storage", "jdbc",
                "--jdbc-url", db.url()));
        db.user().ifPresent(u -> args.addAll(List.of("--jdbc-user", u)));
        return Launcher.start(dir, env, args.toArray(String[]::new));
    }

    @Test
    void nodeAKilledMidLoad_everyPutItAcknowledgedIsReadOnNodeB() throws Exception {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create();
             Launcher a = node(dir, pg.settings());
             Launcher b = node(dir, pg.settings())) {
            int portA = a.awaitListening("metrics", START);
            int portB = b.awaitListening("metrics", START);

            List<Long> acknowledged = new ArrayList<>();
            Thread killer = new Thread(() -> {
                try {
                    a.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (MetricsClient onA = new MetricsClient("127.0.0.1", portA, Duration.ofSeconds(10))) {
                for (long ts = 1; ts <= 5_000; ts++) {
                    if (ts == 300) {
                        killer.start();
                    }
                    try {
                        onA.put("load", ts, ts);
                    } catch (Exception e) {
                        break; // the node is gone: nothing after this was acknowledged
                    }
                    acknowledged.add(ts);
                }
            }
            killer.join();

            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(299).hasSizeLessThan(5_000);
            try (MetricsClient onB = new MetricsClient("127.0.0.1", portB, Duration.ofSeconds(10))) {
                List<Long> stored = onB.get("load").getOrDefault("load", List.of()).stream()
                        .map(MetricsClient.Point::timestamp).toList();
                assertThat(stored).containsAll(acknowledged);
            }
            assertThat(b.terminate(Duration.ofSeconds(10))).isZero();
        }
    }
}
