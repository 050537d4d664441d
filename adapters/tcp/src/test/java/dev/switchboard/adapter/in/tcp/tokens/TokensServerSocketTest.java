package dev.switchboard.adapter.in.tcp.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.adapter.in.tcp.common.MinaTcpServer;
import dev.switchboard.adapter.in.tcp.common.TcpServerConfig;
import dev.switchboard.adapter.out.tcp.tokens.TokenClient;
import dev.switchboard.adapter.out.tcp.tokens.TokenClientException;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.TokensErrorKind;
import dev.switchboard.application.port.out.telemetry.TokensRequestKind;
import dev.switchboard.application.port.out.tokens.TokenRepository;
import dev.switchboard.application.service.tokens.HandlerPool;
import dev.switchboard.application.service.tokens.TokenService;
import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.HandlerRow;
import dev.switchboard.domain.tokens.HandlerTable;
import dev.switchboard.domain.tokens.ProcessingDelay;
import dev.switchboard.domain.tokens.Token;
import dev.switchboard.domain.tokens.TokenRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokensServerSocketTest {

    private static final String READY = "{\"op\":\"Ready\",\"payload\":{}}";

    /** Stores nothing; a token whose text is {@code fail} cannot be stored. */
    private static final class FakeRepository implements TokenRepository {
        @Override
        public CompletionStage<Void> saveAcceptance(ClientId client, long expected, Token token) {
            if (token.value().equals("fail")) {
                return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public List<HandlerTable> load() {
            return List.of();
        }
    }

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private TokenService service;
    private InetSocketAddress address;

    private void start(int threads, long delayMillis) throws IOException {
        start(threads, delayMillis, TcpServerConfig.of("127.0.0.1", 0));
    }

    private void start(int threads, long delayMillis, TcpServerConfig config) throws IOException {
        scheduler = Executors.newScheduledThreadPool(threads);
        HandlerPool pool = new HandlerPool(scheduler, threads, ProcessingDelay.ofMillis(delayMillis), new SplittableRandom());
        service = new TokenService(TokenRegistry.empty(), new FakeRepository(), pool);
        MinaTcpServer server = TokensTcpServer.create(config, service, service,
                MicrometerTelemetry.detached("tokens", TokensRequestKind.class, TokensErrorKind.class, ConnectionErrorKind.class));
        toClose.add(server);
        address = server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** A raw line-oriented connection with a read timeout, so a missing answer fails instead of hanging. */
    private final class Conn implements AutoCloseable {
        final Socket socket = new Socket();
        final BufferedReader in;
        final OutputStream out;

        Conn() throws IOException {
            socket.connect(address, 5000);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            toClose.add(this);
        }

        Conn send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        }

        String ask(String line) throws IOException {
            send(line + "\n");
            return in.readLine();
        }

        String greet(String id, Object expected) throws IOException {
            String value = expected instanceof String s ? "\"" + s + "\"" : String.valueOf(expected);
            return ask("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"" + id + "\",\"tokens_expected\":" + value + "}}");
        }

        int localPort() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String token(String t) {
        return "{\"op\":\"Token\",\"payload\":{\"token\":\"" + t + "\"}}";
    }

    private static String accepted(String t) {
        return "{\"op\":\"Accepted\",\"payload\":{\"token\":\"" + t + "\"}}";
    }

    private static String error(String reason) {
        return "{\"op\":\"Error\",\"payload\":{\"reason\":\"" + reason + "\"}}";
    }

    @Test
    void greeting_thenReady_thenTokenAccepted_andTheTableHasTheRow() throws IOException {
        start(2, 0);
        Conn c = new Conn();

        assertThat(c.greet("c1", 3)).isEqualTo(READY);
        assertThat(c.ask(token("abc"))).isEqualTo(accepted("abc"));
        assertThat(c.ask(token("abc"))).isEqualTo(accepted("abc"));

        assertThat(service.tables()).containsExactly(new HandlerTable(Token.of("abc"),
                List.of(new HandlerRow(new ClientId("c1", "127.0.0.1", c.localPort()), 3, 2))));
    }

    @Test
    void theCppClientsStringTypedValues_areAccepted() throws IOException {
        start(2, 0);
        Conn c = new Conn();

        assertThat(c.greet("c1", "2")).isEqualTo(READY);
        assertThat(c.ask(token("abc"))).isEqualTo(accepted("abc"));
        assertThat(service.table(Token.of("abc")).orElseThrow().rows().get(0).expected()).isEqualTo(2);
    }

    @Test
    void everyErrorCase_isAnsweredAndTheConnectionStays() throws IOException {
        start(2, 0);
        Conn c = new Conn();

        assertThat(c.ask("{not json")).isEqualTo(error("malformed JSON"));
        assertThat(c.ask("")).isEqualTo(error("malformed JSON: empty line"));
        assertThat(c.ask("{\"op\":\"Bye\",\"payload\":{}}")).isEqualTo(error("unknown op 'Bye'"));
        assertThat(c.ask(token("abc"))).isEqualTo(error("Token before Greeting"));
        assertThat(c.ask("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c1\"}}"))
                .isEqualTo(error("missing field 'tokens_expected'"));
        assertThat(c.greet("c1", "x")).isEqualTo(error("field 'tokens_expected' must be a non-negative whole number"));
        assertThat(c.greet("", 1)).isEqualTo(error("field 'client_id': a client id must not be empty"));
        assertThat(c.greet("c1", 1)).isEqualTo(READY);
        assertThat(c.greet("c1", 1)).isEqualTo(error("second Greeting: this connection already greeted"));
        assertThat(c.ask("{\"op\":\"Token\",\"payload\":{\"token\":7}}")).isEqualTo(error("field 'token' must be a string"));
        assertThat(c.ask(token("a\\u0000b"))).isEqualTo(error("field 'token': a token must not contain U+0000"));
        // any other JSON string is a token, as the original C++ server takes it
        assertThat(c.ask(token("a b\\tc"))).isEqualTo(accepted("a b\\tc"));
        assertThat(c.ask(token("fail"))).isEqualTo(error("storage failed"));
        c.send("{\"op\":\"Token\",\"payload\":{\"token\":\"\u00ff");
        c.out.write(new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}', '}', '\n'});
        assertThat(c.in.readLine()).isEqualTo(error("malformed JSON: not valid UTF-8"));

        assertThat(c.ask(token("abc"))).as("still usable after every error").isEqualTo(accepted("abc"));
        assertThat(service.tables()).extracting(t -> t.token().value()).containsExactly("a b\tc", "abc");
    }

    @Test
    void anOverLongLine_isAnsweredThenTheConnectionCloses_andOthersCarryOn() throws IOException {
        start(2, 0);
        Conn other = new Conn();
        assertThat(other.greet("calm", 1)).isEqualTo(READY);
        Conn c = new Conn();
        assertThat(c.greet("c1", 1)).isEqualTo(READY);

        c.send(token("x".repeat(70_000)) + "\n" + token("after") + "\n");

        assertThat(c.in.readLine()).isEqualTo(error("line longer than 65536 bytes"));
        assertThat(c.in.readLine()).as("closed after the error").isNull();
        assertThat(other.ask(token("abc"))).isEqualTo(accepted("abc"));
        assertThat(new Conn().greet("new", 1)).isEqualTo(READY);
    }

    @Test
    void pipelinedTokens_areAnsweredInRequestOrder_evenWhenTheyFinishOutOfOrder() throws IOException {
        // distinct tokens run on parallel handlers with delays drawn within ±10%: they finish in any order
        start(8, 10);
        Conn c = new Conn();
        assertThat(c.greet("c1", 200)).isEqualTo(READY);
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            batch.append(token("t" + i)).append('\n');
        }

        c.send(batch.toString());

        for (int i = 0; i < 200; i++) {
            assertThat(c.in.readLine()).isEqualTo(accepted("t" + i));
        }
        assertThat(service.handlerCount()).isEqualTo(200);
        assertThat(service.table(Token.of("t0")).orElseThrow().rows().get(0).received()).isEqualTo(200);
    }

    @Test
    void sameIdFromTwoConnections_isTwoRows_andReceivedIsSharedAcrossHandlers() throws IOException {
        start(2, 0);
        Conn first = new Conn();
        Conn second = new Conn();
        first.greet("c1", 2);
        second.greet("c1", 5);

        first.ask(token("abc"));
        first.ask(token("xyz"));
        second.ask(token("abc"));

        ClientId a = new ClientId("c1", "127.0.0.1", first.localPort());
        ClientId b = new ClientId("c1", "127.0.0.1", second.localPort());
        assertThat(service.table(Token.of("abc")).orElseThrow().rows())
                .containsExactlyInAnyOrder(new HandlerRow(a, 2, 2), new HandlerRow(b, 5, 1));
        assertThat(service.table(Token.of("xyz")).orElseThrow().rows()).containsExactly(new HandlerRow(a, 2, 2));
    }

    @Test
    void delay_fourClientsWithFourTokens_runInParallel_andNoTokenIsFasterThanTheDelay() throws Exception {
        start(4, 200);
        List<Conn> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Conn c = new Conn();
            assertThat(c.greet("c" + i, 1)).isEqualTo(READY);
            clients.add(c);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Long>> tookNanos = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Conn c = clients.get(i);
            String t = "token" + i;
            tookNanos.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    long sent = System.nanoTime();
                    String answer = c.ask(token(t));
                    long took = System.nanoTime() - sent;
                    assertThat(answer).isEqualTo(accepted(t));
                    return took;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }

        long start = System.nanoTime();
        go.countDown();
        CompletableFuture.allOf(tookNanos.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        Duration all = Duration.ofNanos(System.nanoTime() - start);

        // one after another would take 4 x 180..220 ms; in parallel it takes one delay
        assertThat(all).isLessThan(Duration.ofMillis(650));
        for (CompletableFuture<Long> took : tookNanos) {
            assertThat(Duration.ofNanos(took.join())).isGreaterThanOrEqualTo(Duration.ofMillis(180));
        }
    }

    @Test
    void tokenClient_pipelinesAndHearsEveryAnswerInOrder() throws Exception {
        start(4, 1);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tokens.add(i % 3 == 0 ? "fail" : "k" + (i % 17));
        }
        List<String> heard = new ArrayList<>();

        TokenClient.Result result;
        try (TokenClient client = new TokenClient("127.0.0.1", address.getPort(), Duration.ofSeconds(10))) {
            client.greet("c1", tokens.size());
            result = client.send(tokens, 16, new TokenClient.Listener() {
                @Override
                public void accepted(int index, String token) {
                    heard.add(index + ":" + token);
                }

                @Override
                public void refused(int index, String token, String reason) {
                    heard.add(index + ":" + reason);
                }
            });
        }

        assertThat(result).isEqualTo(new TokenClient.Result(200, 100));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            expected.add(i + ":" + (i % 3 == 0 ? "storage failed" : tokens.get(i)));
        }
        assertThat(heard).isEqualTo(expected);
    }

    @Test
    void tokenClient_whenTheGreetingIsRefused_saysWhy() throws Exception {
        start(1, 0);

        try (TokenClient client = new TokenClient("127.0.0.1", address.getPort(), Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> client.greet("bad\nid", 1))
                    .isInstanceOf(TokenClientException.class)
                    .hasMessageContaining("greeting refused: field 'client_id'");
        }
    }

    @Test
    void aClientWaitingForSlowHandlers_isNotIdle_butAnIdleOneIsClosed() throws IOException {
        start(1, 2200, new TcpServerConfig("127.0.0.1", 0, 100, 1));
        Conn waiting = new Conn();
        Conn idle = new Conn();
        assertThat(waiting.greet("slow", 1)).isEqualTo(READY);
        assertThat(idle.greet("idle", 1)).isEqualTo(READY);

        assertThat(waiting.ask(token("abc"))).as("answered after a delay longer than the idle time").isEqualTo(accepted("abc"));
        assertThat(idle.in.readLine()).as("closed for idleness").isNull();
    }
}
