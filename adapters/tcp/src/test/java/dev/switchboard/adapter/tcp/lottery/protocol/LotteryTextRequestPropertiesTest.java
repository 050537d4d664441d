package dev.switchboard.adapter.tcp.lottery.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties of the text dialect's body parser: any batch-shaped text gets an answer, never an exception. */
class LotteryTextRequestPropertiesTest {

    /** The body parser answers any batch-shaped text without an exception. */
    @Test
    void theBodyParserAnswersAnyBody() {
        String[] fields = {"", "END", "WINNERS", "0", "-1", "1", "5", "2147483647", "2147483648", "99999999999",
            "1999-02-30", "2000-02-29", "1999-13-01", "0000-00-00", "+1", " 1", "1 ", "١", "\r", "\u0000", "Ñandú",
            "x".repeat(25), "É".repeat(13), "7574", "10000", "1000001", "9".repeat(40)};
        Fuzz.forAll(3000, r -> {
            List<String> lines = Gen.listOf(r, 6, l -> String.join(";", Gen.listOf(l, 7, f -> switch (f.nextInt(3)) {
                case 0 -> String.valueOf(f.nextInt());
                case 1 -> Gen.text(f, 8, ";\n");
                default -> Gen.oneOf(f, fields);
            })));
            String eol = Gen.oneOf(r, "\n", "\r\n", "");
            return String.join(eol.isEmpty() ? "\n" : eol, lines) + eol;
        }, body -> assertThat(LotteryTextRequest.parse(body)).isNotNull());
    }
}
