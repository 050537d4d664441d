package dev.switchboard.adapter.tcp.tokens.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader of request lines (with its byte-level fast path) answers every line
 * exactly as the tree-based reader did: the same request, or the same error reason.
 */
class TokenRequestReaderTest {

    private static final String[] PIECES = {"{", "}", "[", "]", "\"op\"", ":", ",", "\"Greeting\"", "\"Token\"",
        "\"payload\"", "\"client_id\"", "\"tokens_expected\"", "\"token\"", "\"", "null", "true", "false", "-1", "0",
        "1e2", "-0", "1.0", "1e999", "18446744073709551616", "1.5", "\"12\"", "\"\"", "\"abc\"", "\\u0000", "\\ud800",
        "\\\"", "\\n", "\\", " ", "\t", "/*", "//", "'", "NaN", "\u00e9", "\u2028", "\"x\u0001y\""};

    private static final List<String> SHAPES = List.of(
            "{\"op\":\"Token\",\"payload\":{\"token\":%s}}",
            "{\"op\":\"Greeting\",\"payload\":{\"client_id\":%s,\"tokens_expected\":%s}}",
            "{\"payload\":{\"token\":%s},\"op\":%s}",
            "{\"op\":%s,\"payload\":%s}",
            "{\"op\":\"Token\",\"payload\":{\"token\":%s},\"payload\":%s}",
            "{\"op\":\"Token\",\"op\":%s,\"payload\":{\"token\":\"a\",\"token\":%s}}",
            " {\"op\" : \"Token\" , \"payload\" : { \"token\" : %s } } ",
            "{\"op\":\"Greeting\",\"payload\":{\"tokens_expected\":%s,\"client_id\":%s,\"extra\":[1,{\"a\":null}]}}");

    private static final String[] VALUES = {"\"abc\"", "\"\"", "null", "12", "\"12\"", "\"1 2\"", "-3", "1e3", "1.5e1",
        "\"x\\ty\"", "\"\\u00e9\"", "\"caf\u00e9\"", "\"a\\\"b\"", "\"a\\\\b\"", "{}", "[]", "true", "\"\\u2028\"",
        "\"" + "x".repeat(70) + "\"", "\"Token\"", "\"Greeting\"", "\"\\u0000\"", "01", "\"+1\"", "9223372036854775808"};

    private static void agrees(String line) {
        TokenRequest expected = TreeTokenRequest.parse(line);
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[bytes.length + 6];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        assertThat(TokenRequestReader.read(line)).as(line).isEqualTo(expected);
        assertThat(TokenRequestReader.read(padded, 3, bytes.length)).as(line).isEqualTo(expected);
    }

    @Test
    void jsonLookingNonsense_isReadAsTheTreeReadIt() {
        Fuzz.forAll(5000, r -> String.join("", Gen.listOf(r, 30, p -> p.nextInt(5) == 0 ? Gen.text(p, 6, "\n\r")
                : Gen.oneOf(p, PIECES))), TokenRequestReaderTest::agrees);
    }

    @Test
    void theProtocolsShapesWithAnyValues_areReadAsTheTreeReadThem() {
        Fuzz.forAll(5000, r -> String.format(Gen.oneOf(r, SHAPES.toArray(String[]::new)),
                r.nextInt(4) == 0 ? Gen.oneOf(r, PIECES) : Gen.oneOf(r, VALUES),
                Gen.oneOf(r, VALUES)), TokenRequestReaderTest::agrees);
    }

    @Test
    void theFastPathLine_isTheSubmitTheTreeReads_andAnythingNearItGoesTheGeneralWay() {
        for (String line : List.of("{\"op\":\"Token\",\"payload\":{\"token\":\"abc\"}}",
                "{\"op\":\"Token\",\"payload\":{\"token\":\"a b~!#\"}}",
                "{\"op\":\"Token\",\"payload\":{\"token\":\"\"}}",
                "{\"op\":\"Token\",\"payload\":{\"token\":\"a\\\"b\"}}",
                "{\"op\":\"Token\",\"payload\":{\"token\":\"a\"}} ",
                "{\"op\":\"Token\",\"payload\":{\"token\":\"a\"}}}",
                "{\"op\":\"Token\",\"payload\":{\"token\":\"a\"}",
                "{\"op\":\"Token\",\"payload\":{\"token\":\"a\"}},",
                "{\"op\":\"Token\",\"payload\":{\"token\":\"\u00e9\"}}")) {
            agrees(line);
        }
        byte[] line = "{\"op\":\"Token\",\"payload\":{\"token\":\"abc\"}}".getBytes(StandardCharsets.US_ASCII);
        assertThat(TokenRequestReader.fastTokenStart(line, 0, line.length)).isEqualTo(line.length - 6);
        assertThat(TokenRequestReader.fastTokenLength(line.length)).isEqualTo(3);
    }

    @Test
    void bytesThatAreNotUtf8_areTheUtf8Error() {
        byte[] bad = {'{', '"', 'o', 'p', '"', ':', (byte) 0xC3, '}'};
        assertThat(TokenRequestReader.read(bad, 0, bad.length))
                .isEqualTo(new TokenRequest.Invalid("malformed JSON: not valid UTF-8"));
    }
}
