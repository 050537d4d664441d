package dev.switchboard.adapter.out.persistence.jdbc.metrics;

import dev.switchboard.domain.metrics.MetricBatch;
import dev.switchboard.domain.metrics.MetricKey;
import dev.switchboard.domain.metrics.retention.Aggregation;
import dev.switchboard.domain.metrics.retention.Archive;
import dev.switchboard.domain.metrics.retention.Retention;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of one {@code metric_log} entry. An entry is either points or a roll-up:
 *
 * <pre>
 * points:  0x01, then runs until the end: varint key length, key (UTF-8), varint n,
 *          n x (timestamp: 8 bytes, value: IEEE 754 bits, 8 bytes), big-endian
 * roll-up: 0x02, now (8 bytes), aggregation (1 byte, its ordinal), varint archives,
 *          archives x (precision: 8 bytes, retention: 8 bytes)
 * </pre>
 *
 * A run is consecutive points of one key, in the order they were saved; replaying the entries
 * in order (points saved as they come, a roll-up applied where it stands) gives the store back.
 */
final class MetricLogCodec {

    static final byte POINTS = 1;
    static final byte ROLL_UP = 2;

    /** What a decoded entry holds, handed to the one who replays it. */
    interface Replay {
        void points(MetricBatch batch);

        void rollUp(Retention retention, long now);
    }

    private MetricLogCodec() {
    }

    /** Builds one points entry from batches or whole series. */
    static final class PointsWriter {
        private byte[] buf = new byte[4096];
        private int pos;
        private int points;
        private MetricKey runKey;
        private int runCountAt = -1;
        private int runCount;

        PointsWriter() {
            buf[0] = POINTS;
            pos = 1;
        }

        int points() {
            return points;
        }

        boolean isEmpty() {
            return points == 0;
        }

        void add(MetricBatch batch) {
            for (int i = 0, n = batch.size(); i < n; i++) {
                add(batch.key(i), batch.timestamp(i), batch.value(i));
            }
        }

        void add(MetricKey key, long timestamp, double value) {
            if (key != runKey && !key.equals(runKey)) {
                startRun(key);
            }
            ensure(16);
            putLong(timestamp);
            putLong(Double.doubleToRawLongBits(value));
            runCount++;
            points++;
        }

        /** The points of one key, timestamps[0..n), as one run. */
        void add(MetricKey key, long[] timestamps, double[] values, int from, int to) {
            startRun(key);
            ensure(16 * (to - from));
            for (int i = from; i < to; i++) {
                putLong(timestamps[i]);
                putLong(Double.doubleToRawLongBits(values[i]));
            }
            runCount += to - from;
            points += to - from;
        }

        private void startRun(MetricKey key) {
            closeRun();
            byte[] name = key.value().getBytes(StandardCharsets.UTF_8);
            ensure(10 + name.length);
            putVarInt(name.length);
            System.arraycopy(name, 0, buf, pos, name.length);
            pos += name.length;
            runKey = key;
            runCountAt = pos;
            runCount = 0;
            pos += 5; // room for the count, written as a fixed 5-byte varint when the run ends
        }

        private void closeRun() {
            if (runCountAt >= 0) {
                int at = runCountAt;
                int v = runCount;
                for (int i = 0; i < 4; i++) {
                    buf[at++] = (byte) ((v & 0x7F) | 0x80);
                    v >>>= 7;
                }
                buf[at] = (byte) v;
                runCountAt = -1;
            }
        }

        /** The entry's bytes; the writer starts over, empty. */
        byte[] finish() {
            closeRun();
            byte[] out = Arrays.copyOf(buf, pos);
            pos = 1;
            points = 0;
            runKey = null;
            return out;
        }

        private void ensure(int more) {
            if (pos + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
            }
        }

        private void putLong(long v) {
            byte[] b = buf;
            int p = pos;
            b[p] = (byte) (v >>> 56);
            b[p + 1] = (byte) (v >>> 48);
            b[p + 2] = (byte) (v >>> 40);
            b[p + 3] = (byte) (v >>> 32);
            b[p + 4] = (byte) (v >>> 24);
            b[p + 5] = (byte) (v >>> 16);
            b[p + 6] = (byte) (v >>> 8);
            b[p + 7] = (byte) v;
            pos = p + 8;
        }

        private void putVarInt(int v) {
            while ((v & ~0x7F) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }
    }

    static byte[] rollUp(Retention retention, long now) {
        List<Archive> archives = retention.archives();
        byte[] out = new byte[1 + 8 + 1 + 5 + 16 * archives.size()];
        out[0] = ROLL_UP;
        int p = putLong(out, 1, now);
        out[p++] = (byte) retention.aggregation().ordinal();
        out[p++] = (byte) archives.size(); // a retention has a handful of archives
        for (Archive a : archives) {
            p = putLong(out, p, a.precision());
            p = putLong(out, p, a.retention());
        }
        return Arrays.copyOf(out, p);
    }

    /** Replays one entry; a points entry becomes one batch. */
    static void decode(byte[] entry, Replay into) {
        if (entry.length == 0) {
            throw new IllegalArgumentException("an empty metric log entry");
        }
        Reader in = new Reader(entry);
        byte kind = entry[0];
        in.pos = 1;
        if (kind == POINTS) {
            MetricBatch batch = new MetricBatch(Math.max(1, (entry.length - 1) / 16));
            while (in.pos < entry.length) {
                int len = in.varInt();
                MetricKey key = MetricKey.of(new String(entry, in.pos, len, StandardCharsets.UTF_8));
                in.pos += len;
                int n = in.varInt();
                for (int i = 0; i < n; i++) {
                    long ts = in.readLong();
                    double value = Double.longBitsToDouble(in.readLong());
                    batch.add(key, value, ts);
                }
            }
            into.points(batch);
        } else if (kind == ROLL_UP) {
            long now = in.readLong();
            Aggregation aggregation = Aggregation.values()[entry[in.pos++]];
            int n = entry[in.pos++];
            List<Archive> archives = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                archives.add(new Archive(in.readLong(), in.readLong()));
            }
            into.rollUp(new Retention(archives, aggregation), now);
        } else {
            throw new IllegalArgumentException("unknown metric log entry kind " + kind);
        }
    }

    private static int putLong(byte[] b, int p, long v) {
        for (int i = 7; i >= 0; i--) {
            b[p++] = (byte) (v >>> (8 * i));
        }
        return p;
    }

    private static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        long readLong() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (b[pos++] & 0xFF);
            }
            return v;
        }

        int varInt() {
            int v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos++];
                v |= (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
        }
    }
}
