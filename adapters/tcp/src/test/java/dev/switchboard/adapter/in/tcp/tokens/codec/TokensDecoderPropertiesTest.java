package dev.switchboard.adapter.in.tcp.tokens.codec;

import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.describeAll;
import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.split;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.concat;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness;
import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenRequest;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenWire;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the tokens decoder (JSON lines of at most 64 KiB): any bytes in any pieces give
 * requests or the protocol's errors, never an exception; valid requests are read exactly.
 */
class TokensDecoderPropertiesTest {

    private static final int MAX = TokensProtocolCodecFactory.MAX_LINE_BYTES;
    private static final String[] PIECES = {"{", "}", "[", "]", "\"op\"", ":", ",", "\"Greeting\"", "\"Token\"",
        "\"payload\"", "\"client_id\"", "\"tokens_expected\"", "\"token\"", "\"", "null", "true", "-1", "0", "1e999",
        "18446744073709551616", "1.5", "\"12\"", "\"\"", "\\u0000", "\\ud800", "\\", " ", "\t", "/*", "//", "'", "NaN",
        "1e-999999999", "9".repeat(300), "\u2028"};

    private static DecoderHarness harness() {
        return new DecoderHarness(new TokensProtocolCodecFactory(), MAX + 2L);
    }

    record Stream(byte[] bytes, List<Integer> reads) {
    }

    record Requests(List<TokenRequest> requests, int cutPercent, List<Integer> reads) {
    }

    static Requests requests(Random random) {
        return new Requests(Gen.listOf(random, 15, r -> r.nextBoolean()
                ? new TokenRequest.Greeting(Gen.text(r, 40, ""), r.nextLong() & Long.MAX_VALUE)
                : new TokenRequest.Submit(Gen.text(r, 40, ""))), random.nextInt(101), Gen.readSizes(random));
    }

    @Test
    void anyBytesInAnyPieces_decodeIntoRequestsOrErrors_withoutException() {
        Fuzz.forAll(1000, r -> new Stream(r.nextInt(10) == 0 ? Gen.bytes(r, 3 * MAX)
                : Gen.bytesWith(r, 2048, (byte) '\n', (byte) '{', (byte) '"'), Gen.readSizes(r)), in -> {
            List<Object> out = harness().feedAndClose(split(in.bytes(), in.reads()));

            assertThat(out).allSatisfy(m -> assertThat(m).isInstanceOf(TokenRequest.class));
            for (int i = 0; i < out.size() - 1; i++) {
                assertThat(out.get(i)).as("only the last may be TooLong").isNotInstanceOf(TokenRequest.TooLong.class);
            }
        });
    }

    @Test
    void jsonLookingNonsense_isAnInvalidRequestOrARequest_neverAnException() {
        Fuzz.forAll(3000, r -> String.join("", Gen.listOf(r, 40, p -> p.nextInt(4) == 0 ? Gen.text(p, 6, "\n\r")
                : Gen.oneOf(p, PIECES))), line -> {
            List<Object> out = harness().feed(List.of(utf8(line + "\n")));

            assertThat(out).hasSize(1).allSatisfy(m -> assertThat(m).isInstanceOf(TokenRequest.class));
        });
    }

    @Test
    void validRequestsInAnyPieces_areReadExactly() {
        Fuzz.forAll(1000, TokensDecoderPropertiesTest::requests, in -> {
            StringBuilder stream = new StringBuilder();
            in.requests().forEach(request -> stream.append(line(request)).append('\n'));

            List<Object> out = harness().feed(split(utf8(stream.toString()), in.reads()));

            assertThat(describeAll(out)).isEqualTo(describeAll(new ArrayList<>(in.requests())));
        });
    }

    @Test
    void aStreamCutShort_yieldsExactlyTheRequestsThatEndedBeforeTheCut() {
        Fuzz.forAll(1000, TokensDecoderPropertiesTest::requests, in -> {
            List<byte[]> lines = in.requests().stream().map(r -> utf8(line(r) + "\n")).toList();
            byte[] stream = concat(lines);
            int cut = stream.length * in.cutPercent() / 100;

            List<Object> out = harness().feedAndClose(split(Arrays.copyOf(stream, cut), in.reads()));

            List<Object> whole = new ArrayList<>();
            int at = 0;
            for (int i = 0; i < lines.size(); i++) {
                at += lines.get(i).length;
                if (at <= cut) {
                    whole.add(in.requests().get(i));
                }
            }
            assertThat(describeAll(out)).isEqualTo(describeAll(whole));
        });
    }

    @Test
    void notUtf8_isAnInvalidRequest_andTheNextLineIsReadAsUsual() {
        Fuzz.forAll(500, r -> new Stream(Gen.textWithNotUtf8(r, 50, "\n\r"), Gen.readSizes(r)), in -> {
            byte[] stream = concat(in.bytes(), utf8("\n{\"op\":\"Token\",\"payload\":{\"token\":\"abc\"}}\n"));

            List<Object> out = harness().feed(split(stream, in.reads()));

            assertThat(out).hasSize(2);
            assertThat(out.get(0)).isInstanceOf(TokenRequest.Invalid.class);
            assertThat(out.get(1)).isEqualTo(new TokenRequest.Submit("abc"));
        });
    }

    record Over(int over, List<Integer> reads) {
    }

    @Test
    void aLineOverTheLimit_isOneError_andNothingAfterItIsRead() {
        Fuzz.forAll(200, r -> new Over(1 + Gen.size(r, 5000), Gen.readSizes(r)), in -> {
            byte[] token = new byte[MAX + in.over()];
            Arrays.fill(token, (byte) 'x');
            byte[] stream = concat(utf8("{\"op\":\"Token\",\"payload\":{\"token\":\""), token,
                    utf8("\"}}\n{\"op\":\"Token\",\"payload\":{\"token\":\"after\"}}\n"));

            List<Object> out = harness().feedAndClose(split(stream, in.reads()));

            assertThat(out).containsExactly(new TokenRequest.TooLong(MAX));
        });
    }

    @Test
    void deepNesting_isAnInvalidRequest_notAStackOverflow() throws Exception {
        for (String open : List.of("[", "{\"a\":", "{\"op\":\"Token\",\"payload\":")) {
            int depth = (MAX - 1) / open.length();
            List<Object> out = harness().feed(List.of(utf8(open.repeat(depth) + "\n")));
            assertThat(out).hasSize(1).first().isInstanceOf(TokenRequest.Invalid.class);
        }
    }

    /** The line a peer writes for a request: tokens_expected as a number or, as the C++ peers do, a string. */
    private static String line(TokenRequest request) {
        JsonObject payload = new JsonObject();
        String op;
        if (request instanceof TokenRequest.Greeting greeting) {
            op = TokenWire.GREETING;
            payload.addProperty(TokenWire.CLIENT_ID, greeting.clientId());
            if (greeting.tokensExpected() % 2 == 0) {
                payload.addProperty(TokenWire.TOKENS_EXPECTED, greeting.tokensExpected());
            } else {
                payload.addProperty(TokenWire.TOKENS_EXPECTED, String.valueOf(greeting.tokensExpected()));
            }
        } else {
            op = TokenWire.TOKEN;
            payload.addProperty(TokenWire.TOKEN_FIELD, ((TokenRequest.Submit) request).token());
        }
        String line = TokenWire.line(op, payload);
        return line.substring(0, line.length() - 1);
    }
}
