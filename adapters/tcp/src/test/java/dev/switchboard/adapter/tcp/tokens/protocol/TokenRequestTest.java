package dev.switchboard.adapter.tcp.tokens.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenRequestTest {

    @Test
    void greeting_withANumber() {
        assertThat(TokenRequest.parse("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c1\",\"tokens_expected\":3}}"))
                .isEqualTo(new TokenRequest.Greeting("c1", 3));
    }

    @Test
    void greeting_asTheCppClientWritesIt_withStringValues() {
        assertThat(TokenRequest.parse("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c1\",\"tokens_expected\":\"3\"}}"))
                .isEqualTo(new TokenRequest.Greeting("c1", 3));
    }

    @Test
    void greeting_withSpacesAndFieldsInAnyOrder() {
        assertThat(TokenRequest.parse(" { \"payload\" : { \"tokens_expected\" : 0 , \"client_id\" : \"a b\" } , \"op\" : \"Greeting\" } "))
                .isEqualTo(new TokenRequest.Greeting("a b", 0));
    }

    @Test
    void token() {
        assertThat(TokenRequest.parse("{\"op\":\"Token\",\"payload\":{\"token\":\"abc\"}}"))
                .isEqualTo(new TokenRequest.Submit("abc"));
    }

    @Test
    void whatTheClientWrites_isWhatTheServerReads() {
        String greeting = new TokenRequest.Greeting("c \"1\" <é>", 12).toLine();
        String token = new TokenRequest.Submit("a=b&c").toLine();

        assertThat(greeting).isEqualTo("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c \\\"1\\\" <é>\",\"tokens_expected\":12}}\n");
        assertThat(TokenRequest.parse(greeting.strip())).isEqualTo(new TokenRequest.Greeting("c \"1\" <é>", 12));
        assertThat(token).isEqualTo("{\"op\":\"Token\",\"payload\":{\"token\":\"a=b&c\"}}\n");
        assertThat(TokenRequest.parse(token.strip())).isEqualTo(new TokenRequest.Submit("a=b&c"));
    }

    @Test
    void unknownMembers_areIgnored() {
        assertThat(TokenRequest.parse("{\"op\":\"Token\",\"payload\":{\"token\":\"abc\",\"extra\":[1]},\"id\":7}"))
                .isEqualTo(new TokenRequest.Submit("abc"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", "malformed JSON: empty line"),
                Arguments.of("{", "malformed JSON"),
                Arguments.of("{op:Token}", "malformed JSON"),
                Arguments.of("{\"op\":\"Token\",\"payload\":{\"token\":\"abc\"}} {}", "malformed JSON"),
                Arguments.of("[1,2]", "a message must be a JSON object"),
                Arguments.of("\"Greeting\"", "a message must be a JSON object"),
                Arguments.of("{\"payload\":{}}", "missing field 'op'"),
                Arguments.of("{\"op\":7,\"payload\":{}}", "field 'op' must be a string"),
                Arguments.of("{\"op\":\"Ready\",\"payload\":\"\"}", "unknown op 'Ready'"),
                Arguments.of("{\"op\":\"greeting\",\"payload\":{}}", "unknown op 'greeting'"),
                Arguments.of("{\"op\":\"Token\",\"payload\":[]}", "field 'payload' must be an object"),
                Arguments.of("{\"op\":\"Token\",\"payload\":\"x\"}", "field 'payload' must be an object"),
                Arguments.of("{\"op\":\"Token\",\"payload\":{}}", "missing field 'token'"),
                Arguments.of("{\"op\":\"Token\",\"payload\":\"\"}", "missing field 'token'"),
                Arguments.of("{\"op\":\"Token\"}", "missing field 'token'"),
                Arguments.of("{\"op\":\"Token\",\"payload\":{\"token\":5}}", "field 'token' must be a string"),
                Arguments.of("{\"op\":\"Token\",\"payload\":{\"token\":null}}", "missing field 'token'"),
                Arguments.of("{\"op\":\"Greeting\",\"payload\":{\"tokens_expected\":3}}", "missing field 'client_id'"),
                Arguments.of("{\"op\":\"Greeting\",\"payload\":{\"client_id\":1,\"tokens_expected\":3}}", "field 'client_id' must be a string"),
                Arguments.of("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c1\"}}", "missing field 'tokens_expected'"),
                Arguments.of("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c1\",\"tokens_expected\":-1}}",
                        "field 'tokens_expected' must be a non-negative whole number"),
                Arguments.of("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c1\",\"tokens_expected\":1.5}}",
                        "field 'tokens_expected' must be a non-negative whole number"),
                Arguments.of("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c1\",\"tokens_expected\":\"three\"}}",
                        "field 'tokens_expected' must be a non-negative whole number"),
                Arguments.of("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c1\",\"tokens_expected\":\"-3\"}}",
                        "field 'tokens_expected' must be a non-negative whole number"),
                Arguments.of("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c1\",\"tokens_expected\":99999999999999999999}}",
                        "field 'tokens_expected' must be a non-negative whole number"),
                Arguments.of("{\"op\":\"Greeting\",\"payload\":{\"client_id\":\"c1\",\"tokens_expected\":[3]}}",
                        "field 'tokens_expected' must be a non-negative whole number"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidLines_becomeAnErrorWithAClearReason(String line, String reason) {
        assertThat(TokenRequest.parse(line)).isEqualTo(new TokenRequest.Invalid(reason));
    }

    @Test
    void deeplyNestedJson_isMalformedNotACrash() {
        String deep = "{\"op\":\"Token\",\"payload\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";

        assertThat(TokenRequest.parse(deep)).isInstanceOf(TokenRequest.Invalid.class);
    }

    @Test
    void aLongUnknownOp_isQuotedShortened() {
        TokenRequest parsed = TokenRequest.parse("{\"op\":\"" + "x".repeat(500) + "\"}");

        assertThat(((TokenRequest.Invalid) parsed).reason()).hasSizeLessThan(100).startsWith("unknown op 'xxx");
    }

    @Test
    void responses_areCompactJsonLinesWithRealNumbersAndObjects() {
        assertThat(TokenResponse.READY.toLine()).isEqualTo("{\"op\":\"Ready\",\"payload\":{}}\n");
        assertThat(new TokenResponse.Accepted("a<b").toLine()).isEqualTo("{\"op\":\"Accepted\",\"payload\":{\"token\":\"a<b\"}}\n");
        assertThat(new TokenResponse.Error("say \"hi\"").toLine())
                .isEqualTo("{\"op\":\"Error\",\"payload\":{\"reason\":\"say \\\"hi\\\"\"}}\n");
    }
}
