package dev.switchboard.adapter.in.tcp.graphite.codec;

import dev.switchboard.adapter.tcp.graphite.protocol.CarbonLine;
import dev.switchboard.domain.metrics.MetricBatch;
import java.util.function.LongSupplier;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Cuts a carbon stream into lines and parses every complete line of a read into one
 * {@link CarbonRead}: one store call per read, not per line. A line split across reads waits
 * for its end. A line longer than the limit is dropped (counted once) and skipped up to its
 * {@code \n}; the connection stays open, as carbon keeps it. One decoder per session: it keeps
 * the scan position and whether it is skipping.
 */
final class CarbonDecoder extends CumulativeProtocolDecoder {

    private final int maxLineBytes;
    private final LongSupplier nowSeconds;
    private byte[] line = new byte[256];
    private int scanned;
    private boolean skipping;

    CarbonDecoder(int maxLineBytes, LongSupplier nowSeconds) {
        this.maxLineBytes = maxLineBytes;
        this.nowSeconds = nowSeconds;
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        MetricBatch batch = null;
        int invalid = 0;
        long now = Long.MIN_VALUE;
        int limit = in.limit();
        int start = in.position();
        int i = start + scanned;
        while (i < limit) {
            if (in.get(i) != '\n') {
                i++;
                continue;
            }
            if (skipping) {
                skipping = false;
            } else {
                int length = i - start;
                if (length > maxLineBytes) {
                    invalid++;
                } else {
                    if (batch == null) {
                        batch = new MetricBatch(16);
                        now = nowSeconds.getAsLong();
                    }
                    if (!parse(in, start, length, now, batch)) {
                        invalid++;
                    }
                }
            }
            i++;
            start = i;
        }
        in.position(start);
        scanned = limit - start;
        if (scanned > maxLineBytes + 1) {
            // a line this long is dropped whole: forget what is buffered, skip to its end
            if (!skipping) {
                invalid++;
                skipping = true;
            }
            in.position(limit);
            scanned = 0;
        }
        if (batch != null && !batch.isEmpty() || invalid > 0) {
            out.write(new CarbonRead(batch == null ? new MetricBatch(1) : batch, invalid));
        }
        return false;
    }

    private boolean parse(IoBuffer in, int start, int length, long now, MetricBatch batch) {
        if (in.hasArray()) {
            return CarbonLine.parse(in.array(), in.arrayOffset() + start, in.arrayOffset() + start + length, now, batch);
        }
        if (line.length < length) {
            line = new byte[Math.max(length, line.length * 2)];
        }
        for (int j = 0; j < length; j++) {
            line[j] = in.get(start + j);
        }
        return CarbonLine.parse(line, 0, length, now, batch);
    }
}
