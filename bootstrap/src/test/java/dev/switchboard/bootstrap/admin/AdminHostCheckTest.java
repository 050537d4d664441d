package dev.switchboard.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A token-less admin on loopback answers only requests addressed to a loopback name: a page of
 * another site that rebinds its DNS name to 127.0.0.1 sends its own name as {@code Host} and is refused.
 */
class AdminHostCheckTest {

    @Test
    void aForeignHostIsRefusedWithJson() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            int port = serve.admin().getPort();
            for (String host : List.of("evil.example", "evil.example:" + port, "127.0.0.1.evil.example", "localhost.evil",
                    "10.0.0.1:" + port, "[::2]:" + port)) {
                for (String path : List.of("/api/health", "/api/metrics?key=*", "/metrics", "/")) {
                    String answer = request(port, path, host, null);
                    assertThat(answer).as(host + " " + path).startsWith("HTTP/1.1 403 ");
                    assertThat(answer).contains("application/json").contains("{\"error\":");
                }
            }
        }
    }

    @Test
    void loopbackNamesOnAnyPortAreServed() throws Exception {
        try (ServeFixture serve = ServeFixture.start()) {
            int port = serve.admin().getPort();
            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port,
                    "127.0.0.1", "localhost", "[::1]", "localhost:1")) {
                assertThat(request(port, "/api/health", host, null)).as(host).startsWith("HTTP/1.1 200 ");
            }
        }
    }

    @Test
    void withATokenTheTokenGuardsInstead() throws Exception {
        try (ServeFixture serve = ServeFixture.startWithToken("t0k")) {
            int port = serve.admin().getPort();
            assertThat(request(port, "/api/health", "switchboard.example.org", "t0k")).startsWith("HTTP/1.1 200 ");
            assertThat(request(port, "/api/health", "switchboard.example.org", null)).startsWith("HTTP/1.1 401 ");
        }
    }

    /** One HTTP/1.1 request with exactly this Host header, over a raw socket; the whole answer. */
    private static String request(int port, String path, String host, String token) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Connection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
