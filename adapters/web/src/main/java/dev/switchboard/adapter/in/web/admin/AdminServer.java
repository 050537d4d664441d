package dev.switchboard.adapter.in.web.admin;

import dev.switchboard.adapter.in.web.admin.graphite.GraphiteApi;
import dev.switchboard.adapter.in.web.common.JettyListener;
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
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Jetty admin server: {@code GET /} (console), {@code /api/health}, one
 * {@code /api/<service>} route per running service, {@code /metrics} (Prometheus text) and, when
 * given, Graphite's render API under {@code /graphite/}.
 * With a token, {@code /api}, {@code /graphite/} and {@code /metrics} need {@code Authorization: Bearer <token>}; the
 * console's own files load without it (the page asks for the token). Without a token and bound to
 * loopback, every request must name a loopback host ({@code Host: 127.0.0.1}, {@code localhost} or
 * {@code [::1]}, any port), else 403: a page of another site whose name was rebound to 127.0.0.1
 * cannot read it. Every error is JSON:
 * {@code {"error":"..."}}. Every answer carries nosniff, frame-deny, no-referrer and a content
 * security policy; API answers are never cached.
 *
 * <p>Composed from Jetty's own handlers: a {@link PathMappingsHandler} routes each path to a
 * small handler (console file, console asset, Prometheus, API, Graphite), {@link Authorized} and
 * {@link GetOnly} wrap the ones that need a token or a GET, and {@link Answers} around them all
 * sets the security headers and turns a refusal into its JSON answer.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final String BEARER = "Bearer ";
    /** JSON and Prometheus answers: nothing may load from them, nobody may frame them. */
    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** The console: its own script, style and API calls only; no inline code, no other origin. */
    private static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final String CONSOLE_PREFIX = "/console/";
    private static final Pattern CONSOLE_ASSET = Pattern.compile("[a-z0-9-]+\\.(js|css)");

    private final JettyListener listener;
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
        this.listener = new JettyListener("admin", 16, host, port);
        listener.server().setHandler(new Answers(paths()));
        listener.server().setErrorHandler(new JsonErrorHandler());
        // no graceful wait: admin answers are snapshots made in microseconds, and a graceful stop
        // would wait out every idle keep-alive connection a browser or scraper holds
        listener.server().setStopTimeout(0);
    }

    private Handler paths() {
        PathMappingsHandler paths = new PathMappingsHandler();
        Handler index = new GetOnly(leaf((request, response, callback) -> {
            response.getHeaders().put("Content-Security-Policy", CONSOLE_POLICY);
            staticFile(response, callback, "admin/index.html", "text/html; charset=utf-8");
        }));
        paths.addMapping(new ServletPathSpec(""), index);
        paths.addMapping(new ServletPathSpec("/index.html"), index);
        paths.addMapping(new ServletPathSpec(CONSOLE_PREFIX + "*"), leaf(this::consoleAsset));
        paths.addMapping(new ServletPathSpec("/metrics"), new Authorized(new GetOnly(leaf(
                (request, response, callback) -> answer(response, callback, 200, PROMETHEUS, registry.scrape())))));
        paths.addMapping(new ServletPathSpec("/api/*"), new Authorized(new GetOnly(leaf(this::api))));
        paths.addMapping(new ServletPathSpec("/graphite/*"), leaf(this::graphite));
        paths.addMapping(new ServletPathSpec("/"), leaf((request, response, callback) -> {
            throw notFound(request);
        }));
        return paths;
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
        listener.start();
        return uri();
    }

    public URI uri() {
        InetSocketAddress address = listener.localAddress();
        return URI.create("http://" + hostForUri(address.getHostString()) + ":" + address.getPort() + "/");
    }

    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    @Override
    public void close() {
        listener.close();
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

    private synchronized List<String> servicesNow() {
        return List.copyOf(services);
    }

    private void consoleAsset(Request request, Response response, Callback callback) throws ApiException {
        String path = Request.getPathInContext(request);
        String name = path.startsWith(CONSOLE_PREFIX) ? path.substring(CONSOLE_PREFIX.length()) : "";
        if (!CONSOLE_ASSET.matcher(name).matches()) {
            throw notFound(request);
        }
        GetOnly.require(request, response);
        staticFile(response, callback, "admin/" + name,
                name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
    }

    private void api(Request request, Response response, Callback callback) throws ApiException {
        String path = Request.getPathInContext(request);
        Object body;
        if (path.equals("/api/health")) {
            Map<String, Object> health = new LinkedHashMap<>();
            health.put("status", "UP");
            health.put("services", servicesNow());
            body = health;
        } else {
            ApiRoute route = routes.get(path);
            if (route == null) {
                throw notFound(request);
            }
            body = route.get(query(request));
        }
        answer(response, callback, 200, JSON, Json.write(body));
    }

    /**
     * Graphite's API, GET or form POST: without one given, or at {@code /graphite} itself, the
     * path is unknown like any other (no token asked for).
     */
    private void graphite(Request request, Response response, Callback callback) throws ApiException {
        String path = Request.getPathInContext(request);
        GraphiteApi api = graphite;
        if (api == null || !path.startsWith("/graphite/")) {
            throw notFound(request);
        }
        authorize(request);
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())
                && !HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST");
            throw new ApiException(405, "method not allowed");
        }
        GraphiteApi.Reply reply = api.handle(path.substring("/graphite".length()), parameters(request));
        answer(response, callback, reply.status(), reply.contentType(), reply.body());
    }

    /** Query string and form body together, every value of a repeated name kept in order. */
    private static Map<String, List<String>> parameters(Request request) throws ApiException {
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

    /** Needs the bearer token, when one is set. */
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

    private static ApiException notFound(Request request) {
        return new ApiException(404, "not found: " + Request.getPathInContext(request));
    }

    private static Map<String, String> query(Request request) {
        Fields fields = Request.extractQueryParameters(request);
        Map<String, String> query = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            query.put(field.getName(), field.getValue());
        }
        return query;
    }

    private static void staticFile(Response response, Callback callback, String resource, String type)
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

    private static void error(Response response, Callback callback, int status, String message) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("Content-Security-Policy", API_POLICY);
        answer(response, callback, status, JSON, Json.write(Map.of("error", message)));
    }

    /** The body of a leaf handler: answers, or throws the refusal {@link Answers} writes. */
    @FunctionalInterface
    private interface Leaf {
        void handle(Request request, Response response, Callback callback) throws ApiException;
    }

    private static Handler leaf(Leaf leaf) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws ApiException {
                leaf.handle(request, response, callback);
                return true;
            }
        };
    }

    /**
     * Outermost: security headers on every answer, the loopback Host check before anything else,
     * and every refusal or failure as JSON.
     */
    private final class Answers extends Handler.Wrapper {

        Answers(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            // on every answer, errors included; the console's files relax the policy
            securityHeaders(response.getHeaders());
            try {
                if (loopbackHostsOnly && !LoopbackHost.isLoopbackName(request.getHeaders().get(HttpHeader.HOST))) {
                    throw new ApiException(403, "this admin server answers only to 127.0.0.1, localhost or [::1]");
                }
                return super.handle(request, response, callback);
            } catch (ApiException e) {
                if (e.status() == 401) {
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"switchboard\"");
                }
                error(response, callback, e.status(), e.getMessage());
            } catch (Exception e) {
                log.warn("admin: {} failed: {}", Request.getPathInContext(request), e.toString());
                error(response, callback, 500, "internal error");
            }
            return true;
        }
    }

    /** Needs the bearer token, when one is set; checked before anything else, so an unknown path tells a stranger nothing. */
    private final class Authorized extends Handler.Wrapper {

        Authorized(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            authorize(request);
            return super.handle(request, response, callback);
        }
    }

    /** Takes GET and HEAD only; anything else is 405 with {@code Allow}. */
    private static final class GetOnly extends Handler.Wrapper {

        GetOnly(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            require(request, response);
            return super.handle(request, response, callback);
        }

        static void require(Request request, Response response) throws ApiException {
            if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                throw new ApiException(405, "method not allowed");
            }
        }
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
}
