package dev.switchboard.adapter.in.web.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Jetty admin server: {@code GET /} (console), {@code /api/health}, one
 * {@code /api/<service>} route per running service, and {@code /metrics} (Prometheus text).
 * With a token, {@code /api} and {@code /metrics} need {@code Authorization: Bearer <token>}.
 * Every error is JSON: {@code {"error":"..."}}.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final Server server;
    private final ServerConnector connector;
    private final Optional<byte[]> token;
    private final PrometheusMeterRegistry registry;
    private final Map<String, ApiRoute> routes = new ConcurrentHashMap<>();
    private final List<String> services = new ArrayList<>();

    public AdminServer(String host, int port, Optional<String> token, PrometheusMeterRegistry registry) {
        this.token = Objects.requireNonNull(token, "'token' must not be null")
                .filter(t -> !t.isEmpty())
                .map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("admin");
        threads.setDaemon(true);
        this.server = new Server(threads);
        this.connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new AdminHandler());
        server.setStopTimeout(2000);
    }

    /** Adds a service's snapshot at {@code /api/<service>} and lists it in the health answer. */
    public synchronized AdminServer service(String name, ApiRoute route) {
        services.add(name);
        routes.put("/api/" + name, route);
        return this;
    }

    /** Adds another GET route, for a path under {@code /api/}. */
    public AdminServer route(String path, ApiRoute route) {
        if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException("admin routes live under /api/: " + path);
        }
        routes.put(path, route);
        return this;
    }

    public URI start() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IOException("admin: cannot listen on " + connector.getHost() + ":" + connector.getPort()
                    + " (" + e.getMessage() + ")", e);
        }
        return uri();
    }

    public URI uri() {
        return URI.create("http://" + hostForUri(connector.getHost()) + ":" + connector.getLocalPort() + "/");
    }

    public InetSocketAddress localAddress() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    private static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("admin: stop failed: {}", e.toString());
        }
    }

    private synchronized List<String> servicesNow() {
        return List.copyOf(services);
    }

    private final class AdminHandler extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            var headers = response.getHeaders();
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("X-Frame-Options", "DENY");
            headers.put("Referrer-Policy", "no-referrer");
            try {
                boolean get = HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
                if (path.equals("/") || path.equals("/index.html")) {
                    if (!get) {
                        throw new ApiException(405, "method not allowed");
                    }
                    staticFile(response, callback, "admin/index.html", "text/html; charset=utf-8");
                    return true;
                }
                if (path.startsWith("/console/")) {
                    String name = path.substring("/console/".length());
                    if (!name.matches("[a-z0-9-]+\\.(js|css)")) {
                        throw new ApiException(404, "not found: " + path);
                    }
                    staticFile(response, callback, "admin/" + name,
                            name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
                    return true;
                }
                headers.put(HttpHeader.CACHE_CONTROL, "no-store");
                if (!path.equals("/metrics") && !path.startsWith("/api/") && !path.equals("/api")) {
                    throw new ApiException(404, "not found: " + path);
                }
                authorize(request);
                if (!get) {
                    throw new ApiException(405, "method not allowed");
                }
                if (path.equals("/metrics")) {
                    write(response, callback, 200, PROMETHEUS, registry.scrape());
                    return true;
                }
                Object body;
                if (path.equals("/api/health")) {
                    Map<String, Object> health = new LinkedHashMap<>();
                    health.put("status", "UP");
                    health.put("services", servicesNow());
                    body = health;
                } else {
                    ApiRoute route = routes.get(path);
                    if (route == null) {
                        throw new ApiException(404, "not found: " + path);
                    }
                    body = route.get(query(request));
                }
                write(response, callback, 200, JSON, Json.write(body));
            } catch (ApiException e) {
                if (e.status() == 401) {
                    headers.put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                }
                headers.put(HttpHeader.CACHE_CONTROL, "no-store");
                write(response, callback, e.status(), JSON, Json.write(Map.of("error", e.getMessage())));
            } catch (RuntimeException e) {
                log.warn("admin: {} failed: {}", path, e.toString());
                headers.put(HttpHeader.CACHE_CONTROL, "no-store");
                write(response, callback, 500, JSON, Json.write(Map.of("error", "internal error")));
            }
            return true;
        }

        private void authorize(Request request) throws ApiException {
            if (token.isEmpty()) {
                return;
            }
            String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            if (header == null || !header.startsWith("Bearer ")) {
                throw new ApiException(401, "missing bearer token");
            }
            byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(given, token.get())) {
                throw new ApiException(401, "wrong bearer token");
            }
        }

        private Map<String, String> query(Request request) {
            Fields fields = Request.extractQueryParameters(request);
            Map<String, String> query = new LinkedHashMap<>();
            for (Fields.Field field : fields) {
                query.put(field.getName(), field.getValue());
            }
            return query;
        }

        private void staticFile(Response response, Callback callback, String resource, String type)
                throws ApiException {
            try (InputStream in = AdminServer.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ApiException(404, "not found: /" + resource);
                }
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                write(response, callback, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ApiException(500, "cannot read " + resource);
            }
        }

        private void write(Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }
}
