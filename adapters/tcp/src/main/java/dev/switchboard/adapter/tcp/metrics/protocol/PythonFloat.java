package dev.switchboard.adapter.tcp.metrics.protocol;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * The classic protocol's number rules, as its Python server applies them: values parse like
 * {@code float(text)} (finite values only) and print like {@code repr(float)}, timestamps
 * parse like {@code int(text)}.
 *
 * <p>{@code repr} prints the shortest decimal that reads back to the same double, in fixed
 * notation when the decimal exponent is in [-4, 16) and in scientific notation otherwise
 * ({@code 10.0}, {@code 0.0001}, {@code 1e-05}, {@code 1e+16}).
 */
public final class PythonFloat {

    // Python's float() grammar for finite decimals, including digit-group underscores.
    private static final Pattern DECIMAL = Pattern.compile(
            "[+-]?(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d(?:_?\\d)*");

    private PythonFloat() {
    }

    /**
     * Parses a value as Python's {@code float()} would, surrounding whitespace allowed.
     *
     * @throws NumberFormatException when the text is not a finite decimal number
     */
    public static double parse(String text) {
        String t = text.strip();
        if (!DECIMAL.matcher(t).matches()) {
            throw new NumberFormatException("not a number: " + text);
        }
        double d = Double.parseDouble(t.replace("_", ""));
        if (!Double.isFinite(d)) {
            throw new NumberFormatException("out of range: " + text);
        }
        return d;
    }

    /**
     * Parses a timestamp as Python's {@code int()} would, limited to a signed 64-bit value.
     *
     * @throws NumberFormatException when the text is not an integer in range
     */
    public static long parseLong(String text) {
        String t = text.strip();
        if (!INTEGER.matcher(t).matches()) {
            throw new NumberFormatException("not an integer: " + text);
        }
        return Long.parseLong(t.replace("_", ""));
    }

    /** Formats a finite double exactly as Python's {@code repr(float)}. */
    public static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0.0) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                shortest = candidate;
                break;
            }
        }
        BigDecimal stripped = shortest.stripTrailingZeros();
        String digits = stripped.unscaledValue().abs().toString();
        // value = 0.digits * 10^decpt
        int decpt = digits.length() - stripped.scale();
        StringBuilder out = new StringBuilder(24);
        if (d < 0) {
            out.append('-');
        }
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                out.append("0.");
                out.append("0".repeat(-decpt));
                out.append(digits);
            } else if (decpt >= digits.length()) {
                out.append(digits);
                out.append("0".repeat(decpt - digits.length()));
                out.append(".0");
            } else {
                out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
            }
        } else {
            int exponent = decpt - 1;
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        }
        return out.toString();
    }
}
