package dev.switchboard.adapter.in.tcp.common.pipeline;

import java.util.Arrays;
import org.apache.mina.core.buffer.IoBuffer;

/**
 * The bytes of a connection a pipeline could not take yet (the start of a message not ended,
 * or messages kept back while the client was not reading), joined with the next read.
 */
final class Carry {

    private static final int FIRST_WINDOW = 4 * 1024;

    byte[] bytes = new byte[FIRST_WINDOW];
    int size;

    /** Appends what is left of a read after the kept bytes. */
    void append(IoBuffer in) {
        int n = in.remaining();
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
        in.get(bytes, size, n);
        size += n;
    }

    /** Keeps {@code rest} bytes of {@code from} from {@code position} (which may be these very bytes). */
    void keep(byte[] from, int position, int rest) {
        if (rest == 0) {
            size = 0;
            if (bytes.length > 16 * FIRST_WINDOW) {
                bytes = new byte[FIRST_WINDOW]; // a long message passed: give its room back
            }
            return;
        }
        if (rest > bytes.length) {
            bytes = Arrays.copyOf(bytes, rest);
        }
        System.arraycopy(from, position, bytes, 0, rest);
        size = rest;
    }

    void clear() {
        size = 0;
    }
}
