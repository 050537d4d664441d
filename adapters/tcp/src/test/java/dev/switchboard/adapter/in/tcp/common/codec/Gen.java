package dev.switchboard.adapter.in.tcp.common.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Generators for the decoder properties: bytes, read sizes, any Unicode text, and bytes that are not UTF-8. */
public final class Gen {

    private static final byte[][] NOT_UTF8 = {
        {(byte) 0x80},                                      // a continuation byte alone
        {(byte) 0xbf},
        {(byte) 0xc0, (byte) 0xaf},                         // overlong '/'
        {(byte) 0xc1, (byte) 0xbf},
        {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},            // overlong, three bytes
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80},            // a surrogate, encoded
        {(byte) 0xed, (byte) 0xbf, (byte) 0xbf},
        {(byte) 0xf0, (byte) 0x82, (byte) 0x82, (byte) 0xac}, // overlong, four bytes
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
        {(byte) 0xf5},
        {(byte) 0xff},
        {(byte) 0xfe, (byte) 0xff},
        {(byte) 0xc3},                                      // sequences cut short
        {(byte) 0xe2, (byte) 0x82},
        {(byte) 0xf0, (byte) 0x9f, (byte) 0x98},
    };

    private Gen() {
    }

    /**
     * A line over a line pipeline's limit between others: {@code before} good lines ahead of it,
     * {@code over} bytes past the limit, whether it ends (then good lines follow it), and how the
     * stream is cut into reads and slices.
     */
    public record OverLimit(int before, int over, boolean terminated, List<Integer> reads, long slices) {
    }

    /**
     * An {@link OverLimit}. Unterminated, one byte over may still be a CR before its line end,
     * so such a line is made two or more bytes over.
     */
    public static OverLimit overLimit(Random random) {
        boolean terminated = random.nextBoolean();
        return new OverLimit(size(random, 20), (terminated ? 1 : 2) + size(random, 5000), terminated,
                readSizes(random), random.nextLong());
    }

    /** A size up to {@code max}: often 0 or tiny, often small, sometimes anywhere up to max. */
    public static int size(Random random, int max) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return 0;
        }
        if (kind < 6) {
            return random.nextInt(Math.min(max, 16) + 1);
        }
        if (kind < 9) {
            return random.nextInt(Math.min(max, 256) + 1);
        }
        return random.nextInt(max + 1);
    }

    public static byte[] bytes(Random random, int max) {
        byte[] bytes = new byte[size(random, max)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Random bytes where {@code special} bytes (line ends, quotes) come often. */
    public static byte[] bytesWith(Random random, int max, byte... special) {
        byte[] bytes = bytes(random, max);
        for (int i = 0; i < bytes.length; i++) {
            if (random.nextInt(12) == 0) {
                bytes[i] = special[random.nextInt(special.length)];
            }
        }
        return bytes;
    }

    public static <T> List<T> listOf(Random random, int max, Function<Random, T> element) {
        int n = size(random, max);
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(element.apply(random));
        }
        return list;
    }

    @SafeVarargs
    public static <T> T oneOf(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Read sizes, used in turn to cut a stream: mostly small (every boundary gets hit), sometimes large. */
    public static List<Integer> readSizes(Random random) {
        int n = 1 + random.nextInt(12);
        List<Integer> sizes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            sizes.add(kind < 6 ? 1 + random.nextInt(16) : kind < 9 ? 17 + random.nextInt(1008) : 1025 + random.nextInt(70_000));
        }
        return sizes;
    }

    /** Any Unicode text (every plane, no lone surrogates) of at most {@code maxCodePoints}, without the excluded characters. */
    public static String text(Random random, int maxCodePoints, String excluded) {
        int n = size(random, maxCodePoints);
        StringBuilder text = new StringBuilder(n * 2);
        while (text.codePointCount(0, text.length()) < n) {
            int kind = random.nextInt(10);
            int cp = kind < 5 ? 0x20 + random.nextInt(0x5f)
                    : kind < 7 ? random.nextInt(0x800)
                    : kind < 9 ? 0x800 + random.nextInt(0xf800)
                    : 0x10000 + random.nextInt(0x100000);
            if ((cp < 0xd800 || cp > 0xdfff) && excluded.indexOf(cp) < 0) {
                text.appendCodePoint(cp);
            }
        }
        return text.toString();
    }

    /** A byte sequence that is not UTF-8. */
    public static byte[] notUtf8(Random random) {
        return NOT_UTF8[random.nextInt(NOT_UTF8.length)].clone();
    }

    /** Valid text with one sequence that is not UTF-8 somewhere inside. */
    public static byte[] textWithNotUtf8(Random random, int maxCodePoints, String excluded) {
        return concat(utf8(text(random, maxCodePoints, excluded)), notUtf8(random), utf8(text(random, maxCodePoints, excluded)));
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    public static byte[] concat(List<byte[]> parts) {
        return concat(parts.toArray(byte[][]::new));
    }

    /**
     * One time in ten, puts a line of {@code 'x'} around the limit {@code max} (2 bytes under to 5
     * over, ended by LF or CRLF) among {@code parts}, at a random place.
     */
    public static void sometimesALongLine(Random r, List<byte[]> parts, int max) {
        if (r.nextInt(10) == 0) {
            byte[] longLine = new byte[max - 2 + r.nextInt(8)];
            java.util.Arrays.fill(longLine, (byte) 'x');
            parts.add(r.nextInt(parts.size() + 1), concat(longLine, utf8(r.nextBoolean() ? "\n" : "\r\n")));
        }
    }
}
