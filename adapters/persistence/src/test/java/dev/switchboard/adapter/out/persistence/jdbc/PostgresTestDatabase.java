package dev.switchboard.adapter.out.persistence.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A fresh, empty PostgreSQL database for one test, on the throw-away cluster that {@code .ci/run}
 * starts ({@code .ci/pg-cluster}) and names in {@code SWITCHBOARD_TEST_PG_URL} (with
 * {@code _USER}, {@code _PASSWORD}, and {@code _CTL} to stop and start that server). Without the
 * variable every PostgreSQL test is skipped, and says so: a plain {@code mvn verify} on a machine
 * without PostgreSQL still passes, but never by pretending.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    public static final String URL_VARIABLE = "SWITCHBOARD_TEST_PG_URL";

    private static final String SKIP = "PostgreSQL tests skipped: " + URL_VARIABLE + " is not set "
            + "(.ci/run starts a throw-away cluster and sets it; see docs/scale-out.md)";

    private final String adminUrl;
    private final String name;
    private final JdbcSettings settings;
    /** Databases and stores opened by {@link #open}, closed in reverse before the drop. */
    private final List<AutoCloseable> opened = new ArrayList<>();

    private PostgresTestDatabase(String adminUrl, String name, JdbcSettings settings) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.settings = settings;
    }

    /** Whether a test cluster was named; tests call {@link #create()}, which skips without it. */
    public static boolean available() {
        return System.getenv(URL_VARIABLE) != null && !System.getenv(URL_VARIABLE).isBlank();
    }

    /** Creates a new database on the test cluster, or skips the calling test (with the reason) if there is none. */
    public static PostgresTestDatabase create() throws SQLException {
        assumeTrue(available(), SKIP);
        String adminUrl = System.getenv(URL_VARIABLE).strip();
        String name = "sb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(adminUrl, login()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        int slash = adminUrl.lastIndexOf('/');
        int query = adminUrl.indexOf('?', slash);
        String url = adminUrl.substring(0, slash + 1) + name + (query < 0 ? "" : adminUrl.substring(query));
        JdbcSettings settings = new JdbcSettings(url, Optional.ofNullable(System.getenv("SWITCHBOARD_TEST_PG_USER")),
                Optional.ofNullable(System.getenv("SWITCHBOARD_TEST_PG_PASSWORD")), 8);
        return new PostgresTestDatabase(adminUrl, name, settings);
    }

    private static Properties login() {
        Properties login = new Properties();
        Optional.ofNullable(System.getenv("SWITCHBOARD_TEST_PG_USER")).ifPresent(u -> login.setProperty("user", u));
        Optional.ofNullable(System.getenv("SWITCHBOARD_TEST_PG_PASSWORD")).ifPresent(p -> login.setProperty("password", p));
        return login;
    }

    /**
     * One node's store on this database, on a connection pool of its own (as a node has); closed
     * with this database.
     */
    public <S extends AutoCloseable> S open(Function<JdbcDatabase, S> store) {
        JdbcDatabase database = JdbcDatabase.open(settings);
        opened.add(database);
        S s = store.apply(database);
        opened.add(s);
        return s;
    }

    /** How a node reaches this database. */
    public JdbcSettings settings() {
        return settings;
    }

    public String url() {
        return settings.url();
    }

    /** Runs statements straight against this database (outside any node), e.g. to check what is stored. */
    public long number(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(settings.url(), login());
             Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    /** Stops the whole test server (every connection of every node breaks). */
    public static void stopServer() throws IOException, InterruptedException {
        control("stop");
    }

    /** Starts the test server again after {@link #stopServer()}. */
    public static void startServer() throws IOException, InterruptedException {
        control("start");
    }

    private static void control(String verb) throws IOException, InterruptedException {
        String ctl = System.getenv("SWITCHBOARD_TEST_PG_CTL");
        assumeTrue(ctl != null && !ctl.isBlank(), "SWITCHBOARD_TEST_PG_CTL is not set: cannot stop the test server");
        Process p = new ProcessBuilder(ctl, verb).redirectErrorStream(true).start();
        if (!p.waitFor(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(ctl + " " + verb + " did not finish");
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IllegalStateException(ctl + " " + verb + " failed: " + output);
        }
    }

    /** Closes the stores {@link #open} made, then drops the database (and whatever connections still use it). */
    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        try (Connection c = DriverManager.getConnection(adminUrl, login()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
