package dev.switchboard.adapter.in.web.admin;

import dev.switchboard.adapter.in.web.admin.graphite.GraphiteApi;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Jetty admin server: {@code GET /} (console), {@code /api/health}, one
 * {@code /api/<service>} route per running service, and {@code /metrics} (Prometheus text).
 * With a token, {@code /api} and {@code /metrics} need {@code Authorization: Bearer <token>}; the
 * console's own files load without it (the page asks for the token). Without a token and bound to
 * loopback, every request must name a loopback host ({@code Host: 127.0.0.1}, {@code localhost} or
 * {@code [::1]}, any port), else 403: a page of another site whose name was rebound to 127.0.0.1
 * cannot read it. Every error is JSON:
 * {@code {"error":"..."}}. Every answer carries nosniff, frame-deny, no-referrer and a content
 * security policy; API answers are never cached.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final Server server;
    private final ServerConnector connector;
    private static final String BEARER = "Bearer ";
    /** JSON and Prometheus answers: nothing may load from them, nobody may frame them. */
    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** The console: its own script, style and API calls only; no inline code, no other origin. */
    private static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final Optional<byte[]> tokenDigest;
    /** Token-less on loopback: only requests addressed to a loopback name are answered (DNS rebinding). */
    private final boolean loopbackHostsOnly;
    private final PrometheusMeterRegistry registry;
    private final Map<String, ApiRoute> routes = new ConcurrentHashMap<>();
    private final List<String> services = new ArrayList<>();
    private volatile GraphiteApi graphite;

    public AdminServer(String host, int port, Optional<String> token, PrometheusMeterRegistry registry) {
        this.tokenDigest = Objects.requireNonNull(token, "'token' must not be null")
                .filter(t -> !t.isEmpty())
                .map(AdminServer::sha256);
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        this.loopbackHostsOnly = tokenDigest.isEmpty() && LoopbackHost.isLoopbackAddress(host);
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("admin");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new AdminHandler());
        server.setErrorHandler(new JsonErrorHandler());
        // no graceful wait: admin answers are snapshots made in microseconds, and a graceful stop
        // would wait out every idle keep-alive connection a browser or scraper holds
        server.setStopTimeout(0);
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

    /** Serves Graphite's render API under {@code /graphite} (same token rule as {@code /api}). */
    public AdminServer graphite(GraphiteApi api) {
        this.graphite = Objects.requireNonNull(api, "'api' must not be null");
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

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
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

    private static void securityHeaders(HttpFields.Mutable headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put("Content-Security-Policy", API_POLICY);
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    private static void answer(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** Answers what Jetty refuses before any handler sees it (a bad URI, a bad header) in JSON too. */
    private static final class JsonErrorHandler extends ErrorHandler {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus() >= 400 ? response.getStatus() : 500;
            securityHeaders(response.getHeaders());
            String reason = HttpStatus.getMessage(status).toLowerCase(Locale.ROOT);
            answer(response, callback, status, JSON, Json.write(Map.of("error", reason)));
            return true;
        }
    }

    private final class AdminHandler extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            var headers = response.getHeaders();
            // on every answer, errors included; the console's files relax the policy below
            securityHeaders(headers);
            try {
                if (loopbackHostsOnly && !LoopbackHost.isLoopbackName(request.getHeaders().get(HttpHeader.HOST))) {
                    throw new ApiException(403, "this admin server answers only to 127.0.0.1, localhost or [::1]");
                }
                boolean get = HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
                if (path.equals("/") || path.equals("/index.html")) {
                    requireGet(get, response);
                    headers.put("Content-Security-Policy", CONSOLE_POLICY);
                    staticFile(response, callback, "admin/index.html", "text/html; charset=utf-8");
                    return true;
                }
                if (path.startsWith("/console/")) {
                    String name = path.substring("/console/".length());
                    if (!name.matches("[a-z0-9-]+\\.(js|css)")) {
                        throw new ApiException(404, "not found: " + path);
                    }
                    requireGet(get, response);
                    staticFile(response, callback, "admin/" + name,
                            name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
                    return true;
                }
                if (path.startsWith("/graphite/") && graphite != null) {
                    authorize(request);
                    boolean post = HttpMethod.POST.is(request.getMethod());
                    if (!get && !post) {
                        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST");
                        throw new ApiException(405, "method not allowed");
                    }
                    GraphiteApi.Reply reply = graphite.handle(path.substring("/graphite".length()), parameters(request));
                    answer(response, callback, reply.status(), reply.contentType(), reply.body());
                    return true;
                }
                if (!path.equals("/metrics") && !path.startsWith("/api/") && !path.equals("/api")) {
                    throw new ApiException(404, "not found: " + path);
                }
                // before anything else, so an unknown /api path tells a stranger nothing
                authorize(request);
                requireGet(get, response);
                if (path.equals("/metrics")) {
                    answer(response, callback, 200, PROMETHEUS, registry.scrape());
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
                answer(response, callback, 200, JSON, Json.write(body));
            } catch (ApiException e) {
                if (e.status() == 401) {
                    headers.put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"switchboard\"");
                }
                headers.put(HttpHeader.CACHE_CONTROL, "no-store");
                headers.put("Content-Security-Policy", API_POLICY);
                answer(response, callback, e.status(), JSON, Json.write(Map.of("error", e.getMessage())));
            } catch (RuntimeException e) {
                log.warn("admin: {} failed: {}", path, e.toString());
                headers.put(HttpHeader.CACHE_CONTROL, "no-store");
                headers.put("Content-Security-Policy", API_POLICY);
                answer(response, callback, 500, JSON, Json.write(Map.of("error", "internal error")));
            }
            return true;
        }

        private void requireGet(boolean get, Response response) throws ApiException {
            if (!get) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                throw new ApiException(405, "method not allowed");
            }
        }

        private void authorize(Request request) throws ApiException {
            if (tokenDigest.isEmpty()) {
                return;
            }
            String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            // the scheme name is case-insensitive (RFC 9110 11.1)
            if (header == null || header.length() < BEARER.length()
                    || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new ApiException(401, "missing bearer token");
            }
            String given = header.substring(BEARER.length()).trim();
            // digests of equal length compared in constant time: neither the token's bytes nor its
            // length can be learnt from how long a wrong guess takes
            if (!MessageDigest.isEqual(sha256(given), tokenDigest.get())) {
                throw new ApiException(401, "wrong bearer token");
            }
        }

        /** Query string and form body together, every value of a repeated name kept in order. */
        private Map<String, List<String>> parameters(Request request) throws ApiException {
            Fields fields;
            try {
                fields = Request.getParameters(request);
            } catch (Exception e) {
                throw new ApiException(400, "cannot read the parameters: " + e.getMessage());
            }
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (Fields.Field field : fields) {
                out.computeIfAbsent(field.getName(), k -> new ArrayList<>()).addAll(field.getValues());
            }
            return out;
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
                    throw new ApiException(404, "not found");
                }
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                answer(response, callback, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ApiException(500, "cannot read " + resource);
            }
        }

    }
}
