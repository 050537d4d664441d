package dev.switchboard.adapter.in.tcp.tokens;

import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.split;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.concat;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import dev.switchboard.adapter.in.tcp.common.pipeline.LinePipeline;
import dev.switchboard.adapter.in.tcp.common.pipeline.PipelineHarness;
import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenResponse;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenWire;
import dev.switchboard.application.port.in.tokens.RegisterClientUseCase;
import dev.switchboard.application.port.in.tokens.SubmitTokenUseCase;
import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.TokensErrorKind;
import dev.switchboard.application.port.out.telemetry.TokensRequestKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.mina.core.service.IoHandler;
import org.junit.jupiter.api.Test;

/**
 * Properties of what the token server really runs: the {@link LinePipeline} with
 * {@link TokensPipeline} (the byte fast path and the streaming JSON fallback), fed as MINA feeds
 * it ({@link PipelineHarness}), over use cases that answer at once. Whatever bytes arrive, in
 * whatever pieces, the answers are those of the same stream read whole, each a JSON line of the
 * protocol, nothing escapes the pipeline, and it never keeps more than one line between reads.
 */
class TokensPipelinePropertiesTest {

    private static final int MAX = TokenWire.MAX_LINE_BYTES;
    private static final long MAX_CARRY = MAX + 1L;
    private static final String READY = new TokenResponse.Ready().toLine();

    private static IoHandler pipeline() {
        RegisterClientUseCase registrations = command -> { };
        SubmitTokenUseCase submissions = command -> CompletableFuture.completedFuture(1L);
        MicrometerTelemetry telemetry = MicrometerTelemetry.detached("tokens", TokensRequestKind.class,
                TokensErrorKind.class, ConnectionErrorKind.class);
        return new LinePipeline<>(new TokensPipeline(registrations, submissions, telemetry), MAX);
    }

    private static String greeting(String id, long expected) {
        JsonObject payload = new JsonObject();
        payload.addProperty(TokenWire.CLIENT_ID, id);
        payload.addProperty(TokenWire.TOKENS_EXPECTED, expected);
        return TokenWire.line(TokenWire.GREETING, payload);
    }

    private static String token(String value) {
        JsonObject payload = new JsonObject();
        payload.addProperty(TokenWire.TOKEN_FIELD, value);
        return TokenWire.line(TokenWire.TOKEN, payload);
    }

    /** A token: mostly printable ASCII (the fast path), sometimes any Unicode, quotes, backslashes, controls (the JSON reader). */
    private static String tokenValue(Random r) {
        String value = r.nextInt(3) == 0 ? Gen.text(r, 30, "\u0000") : Gen.text(r, 30, "\u0000").codePoints()
                .filter(cp -> cp > 0x20 && cp < 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return value.isEmpty() ? "t" + r.nextInt(1000) : value;
    }

    private static final String[] NONSENSE = {"{", "}", "[]", "null", "{\"op\":\"Token\"}", "{\"op\":\"Greeting\",\"payload\":{}}",
        "{\"op\":\"Token\",\"payload\":{\"token\":\"\"}}", "{\"op\":\"Token\",\"payload\":{\"token\":1}}",
        "{\"op\":\"Token\",\"payload\":{\"token\":\"a\\u0000b\"}}", "{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c\",\"tokens_expected\":-1}}",
        "{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c\",\"tokens_expected\":1e400}}", "{\"op\":\"Ready\",\"payload\":{}}",
        "{\"op\":\"Token\",\"payload\":{\"token\":\"x\"}", "{\"op\":\"Token\",\"payload\":{\"token\":\"x\"}}}", "\"\\ud800\"",
        "[".repeat(2000), "{\"a\":".repeat(500), ""};

    record Stream(byte[] bytes, List<Integer> reads, long slices) {
    }

    /** Greetings, tokens, JSON-looking nonsense, random bytes, lines that are not UTF-8; one time in ten a line past the limit. */
    static Stream mixed(Random r) {
        List<byte[]> parts = new ArrayList<>();
        int n = Gen.size(r, 40);
        for (int i = 0; i < n; i++) {
            parts.add(switch (r.nextInt(8)) {
                case 0 -> Gen.bytesWith(r, 300, (byte) '\n', (byte) '"', (byte) '{', (byte) '}', (byte) '\\');
                case 1 -> concat(utf8("{\"op\":\"Token\",\"payload\":{\"token\":\""), Gen.textWithNotUtf8(r, 10, "\n\"\\"),
                        utf8("\"}}\n"));
                case 2 -> utf8(Gen.oneOf(r, NONSENSE) + (r.nextBoolean() ? "\n" : "\r\n"));
                case 3 -> utf8(greeting(Gen.oneOf(r, "c", "client-1", "", "ñ"), r.nextInt(10)));
                default -> utf8(token(tokenValue(r)));
            });
        }
        Gen.sometimesALongLine(r, parts, MAX);
        return new Stream(concat(parts), Gen.readSizes(r), r.nextLong());
    }

    @Test
    void anyBytesInAnyPieces_answerAsTheStreamReadWhole_withTheProtocolsAnswersOnly() {
        Fuzz.forAll(300, TokensPipelinePropertiesTest::mixed, in -> {
            PipelineHarness.Fed fed = PipelineHarness.sameWholeAndInPieces(TokensPipelinePropertiesTest::pipeline,
                    MAX_CARRY, in.bytes(), split(in.bytes(), in.reads()), new Random(in.slices()));

            assertProtocolAnswers(fed.out());
        });
    }

    @Test
    void randomBytesInAnyPieces_neverEscapeThePipeline() {
        Fuzz.forAll(200, r -> new Stream(r.nextInt(10) == 0 ? Gen.bytesWith(r, 3 * MAX, (byte) '\n')
                : Gen.bytesWith(r, 4096, (byte) '\n', (byte) '\r', (byte) '{', (byte) '"'), Gen.readSizes(r), r.nextLong()), in -> {
            PipelineHarness.Fed fed = PipelineHarness.sameWholeAndInPieces(TokensPipelinePropertiesTest::pipeline,
                    MAX_CARRY, in.bytes(), split(in.bytes(), in.reads()), new Random(in.slices()));

            assertProtocolAnswers(fed.out());
        });
    }

    record Tokens(List<String> tokens, boolean crlf, List<Integer> reads, long slices) {
    }

    @Test
    void aGreetingAndTokensInAnyPieces_areAnsweredReadyThenEachTokenAccepted_inOrder() {
        Fuzz.forAll(300, r -> new Tokens(Gen.listOf(r, 60, TokensPipelinePropertiesTest::tokenValue), r.nextBoolean(),
                Gen.readSizes(r), r.nextLong()), in -> {
            StringBuilder stream = new StringBuilder(greeting("client-1", in.tokens().size()));
            in.tokens().forEach(t -> stream.append(token(t)));
            String text = in.crlf() ? stream.toString().replace("\n", "\r\n") : stream.toString();
            byte[] bytes = utf8(text);

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, new Random(in.slices()))
                    .feed(split(bytes, in.reads()));

            StringBuilder expected = new StringBuilder(READY);
            in.tokens().forEach(t -> expected.append(new TokenResponse.Accepted(t).toLine()));
            assertThat(new String(fed.out(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
            assertThat(fed.closed()).isFalse();
        });
    }

    @Test
    void aLineOverTheLimit_isAnsweredAfterTheLinesBeforeIt_thenTheConnectionCloses() {
        Fuzz.forAll(100, Gen::overLimit, in -> {
            // a token line that never ends within the limit
            String prefix = "{\"op\":\"Token\",\"payload\":{\"token\":\"";
            byte[] line = new byte[MAX + in.over()];
            Arrays.fill(line, (byte) 'x');
            System.arraycopy(utf8(prefix), 0, line, 0, prefix.length());
            StringBuilder before = new StringBuilder(greeting("c", 1));
            for (int i = 0; i < in.before(); i++) {
                before.append(token("t" + i));
            }
            byte[] stream = concat(utf8(before.toString()), line, utf8(in.terminated() ? "\n" + token("after") : ""));

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            StringBuilder expected = new StringBuilder(READY);
            for (int i = 0; i < in.before(); i++) {
                expected.append(new TokenResponse.Accepted("t" + i).toLine());
            }
            expected.append(new TokenResponse.Error("line longer than " + MAX + " bytes").toLine());
            assertThat(new String(fed.out(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
            assertThat(fed.closed()).isTrue();
        });
    }

    @Test
    void aLineThatIsNotUtf8_isAnError_andTheNextTokenIsAcceptedAsUsual() {
        Fuzz.forAll(200, r -> new Stream(Gen.textWithNotUtf8(r, 20, "\n\r\"\\"), Gen.readSizes(r), r.nextLong()), in -> {
            byte[] stream = concat(utf8(greeting("c", 2) + "{\"op\":\"Token\",\"payload\":{\"token\":\""), in.bytes(),
                    utf8("\"}}\n" + token("next")));

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, new Random(in.slices()))
                    .feed(split(stream, in.reads()));

            List<String> lines = new String(fed.out(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0) + "\n").isEqualTo(READY);
            assertThat(JsonParser.parseString(lines.get(1)).getAsJsonObject().get(TokenWire.OP).getAsString())
                    .isEqualTo(TokenWire.ERROR);
            assertThat(lines.get(2) + "\n").isEqualTo(new TokenResponse.Accepted("next").toLine());
        });
    }

    @Test
    void deepNestingUpToTheLimit_isAnError_notAStackOverflow_andTheNextTokenIsAccepted() {
        Fuzz.forAll(20, r -> new Stream(new byte[0], Gen.readSizes(r), r.nextLong()), in -> {
            Random r = new Random(in.slices());
            String open = Gen.oneOf(r, "[", "{\"a\":", "{\"op\":\"Token\",\"payload\":{\"token\":[");
            String deep = open.repeat((MAX - 100 - r.nextInt(1000)) / open.length());
            byte[] stream = (greeting("c", 1) + deep + "\n" + token("next")).getBytes(StandardCharsets.UTF_8);

            PipelineHarness.Fed fed = new PipelineHarness(pipeline(), MAX_CARRY, r).feed(split(stream, in.reads()));

            List<String> lines = new String(fed.out(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(JsonParser.parseString(lines.get(1)).getAsJsonObject().get(TokenWire.OP).getAsString())
                    .isEqualTo(TokenWire.ERROR);
            assertThat(lines.get(2) + "\n").isEqualTo(new TokenResponse.Accepted("next").toLine());
        });
    }

    /** Every answer is one JSON line: {@code Ready}, {@code Accepted} with a token, or {@code Error} with a reason. */
    private static void assertProtocolAnswers(byte[] out) {
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text.isEmpty() || text.endsWith("\n")).as("answers end with a line end: %s", text).isTrue();
        for (String line : text.lines().toList()) {
            JsonObject answer = JsonParser.parseString(line).getAsJsonObject();
            String op = answer.get(TokenWire.OP).getAsString();
            JsonObject payload = answer.getAsJsonObject(TokenWire.PAYLOAD);
            switch (op) {
                case TokenWire.READY -> assertThat(payload.size()).isZero();
                case TokenWire.ACCEPTED -> assertThat(payload.get(TokenWire.TOKEN_FIELD).getAsString()).isNotEmpty();
                case TokenWire.ERROR -> assertThat(payload.get(TokenWire.REASON).getAsString()).isNotBlank();
                default -> throw new AssertionError("not an answer of the protocol: " + line);
            }
        }
    }
}
