package dev.switchboard.adapter.tcp.metrics.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PythonFloatTest {

    // Expected strings are what CPython 3 prints for repr(float(x)).
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10|10.0",
            "23.7|23.7",
            "0.25|0.25",
            "2.156|2.156",
            "0.35|0.35",
            "1e16|1e+16",
            "1e15|1000000000000000.0",
            "123456789012345678|1.2345678901234568e+17",
            "0.0001|0.0001",
            "0.00001|1e-05",
            "0.000123|0.000123",
            "-1.5|-1.5",
            "0.1|0.1",
            "0.3|0.3",
            "1e22|1e+22",
            "1e23|1e+23",
            "2e-7|2e-07",
            "1.7976931348623157e308|1.7976931348623157e+308",
            "5e-324|5e-324",
            "9007199254740993|9007199254740992.0",
            "100|100.0",
            "-0.0|-0.0",
            "0|0.0",
            "3.14159|3.14159",
            "1234.5678|1234.5678",
    })
    void repr_printsAsPython(String input, String expected) {
        assertThat(PythonFloat.repr(Double.parseDouble(input))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|1.0",
            "1.5|1.5",
            ".5|0.5",
            "1.|1.0",
            "+2|2.0",
            "-2.5e3|-2500.0",
            "1_000.5|1000.5",
            "1E2|100.0",
    })
    void parse_acceptsPythonFloatForms(String input, double expected) {
        assertThat(PythonFloat.parse(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.5d", "1f", "0x10", "nan", "inf", "-inf", "Infinity", "NaN", "1__0",
            "_1", "1e", "1e999", ".", "1.2.3", "--1"})
    void parse_rejectsWhatPythonRejectsOrWhatIsNotFinite(String input) {
        assertThatThrownBy(() -> PythonFloat.parse(input)).isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "1150864247,1150864247", "-5,-5", "+7,7", "1_000,1000", "9223372036854775807,9223372036854775807"})
    void parseLong_acceptsPythonIntForms(String input, long expected) {
        assertThat(PythonFloat.parseLong(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.0", "1e3", "abc", "9223372036854775808", "0x1"})
    void parseLong_rejectsNonIntegersAndOverflow(String input) {
        assertThatThrownBy(() -> PythonFloat.parseLong(input)).isInstanceOf(NumberFormatException.class);
    }
}
