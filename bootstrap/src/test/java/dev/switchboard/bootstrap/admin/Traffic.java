package dev.switchboard.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.tcp.metrics.MetricsClient;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Real traffic for the services {@link ServeFixture} runs, written byte for byte as each protocol
 * says (SPEC 4-7), over real sockets: what a client of each service would send.
 */
public final class Traffic {

    private Traffic() {
    }

    /**
     * A tokens client: greets with {@code tokens.size()} expected, sends every token and reads
     * each answer; returns the client's own port (its row's {@code addr} is 127.0.0.1:port).
     */
    public static int sendTokens(ServeFixture serve, String clientId, List<String> tokens) throws Exception {
        try (Socket socket = connect(serve.tokensPort())) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"" + clientId + "\",\"tokens_expected\":"
                    + tokens.size() + "}}\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(in.readLine()).isEqualTo("{\"op\":\"Ready\",\"payload\":{}}");
            for (String token : tokens) {
                out.write(("{\"op\":\"Token\",\"payload\":{\"token\":\"" + token + "\"}}\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            for (String token : tokens) {
                assertThat(in.readLine()).isEqualTo("{\"op\":\"Accepted\",\"payload\":{\"token\":\"" + token + "\"}}");
            }
            return socket.getLocalPort();
        }
    }

    public static void putMetric(ServeFixture serve, String key, double value, long timestamp) throws Exception {
        try (MetricsClient client = new MetricsClient("127.0.0.1", serve.metricsPort(), Duration.ofSeconds(5))) {
            client.put(key, value, timestamp);
        }
    }

    /**
     * One text-dialect frame (8-byte big-endian length, then the UTF-8 body) to the lottery; each
     * bet is {@code first;last;document;birthdate;number}. Returns the answer frame's body.
     */
    public static String sendBatch(ServeFixture serve, int agency, List<String> bets) throws Exception {
        StringBuilder body = new StringBuilder().append(agency).append(';').append(bets.size()).append('\n');
        bets.forEach(bet -> body.append(bet).append('\n'));
        return lotteryFrame(serve, body.toString());
    }

    /** One request frame to the text dialect and its answer. */
    public static String lotteryFrame(ServeFixture serve, String request) throws Exception {
        try (Socket socket = connect(serve.lotteryTextPort())) {
            byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeLong(bytes.length);
            out.write(bytes);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[Math.toIntExact(in.readLong())];
            in.readFully(answer);
            return new String(answer, StandardCharsets.UTF_8);
        }
    }

    private static Socket connect(int port) throws Exception {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }
}
