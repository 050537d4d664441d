package dev.switchboard.adapter.in.tcp.common.pipeline;

import static dev.switchboard.adapter.in.tcp.common.codec.DecoderHarness.split;
import static dev.switchboard.adapter.in.tcp.common.codec.Gen.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.in.tcp.common.codec.Fuzz;
import dev.switchboard.adapter.in.tcp.common.codec.Gen;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.Test;

/**
 * The line cutting every line protocol shares, at small limits, against a model: a protocol that
 * echoes each line's bytes (in hex) shows exactly what {@link LinePipeline} handed it.
 */
class LinePipelinePropertiesTest {

    /** Answers {@code L<hex of the line>\n} per line, {@code T\n} for the line over the limit. */
    private static final LinePipeline.Protocol<Void> ECHO = new LinePipeline.Protocol<>() {
        @Override
        public Void open(IoSession session) {
            return null;
        }

        @Override
        public void lines(Void connection, LinePipeline.Lines lines, Replies replies) {
            while (lines.next()) {
                String hex = HexFormat.of().formatHex(lines.bytes(), lines.start(), lines.start() + lines.length());
                replies.ready(("L" + hex + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }

        @Override
        public byte[] tooLong(Void connection) {
            return "T\n".getBytes(StandardCharsets.US_ASCII);
        }
    };

    record Limited(int limit, List<byte[]> lines, byte[] tail, List<Integer> reads, long slices) {
    }

    private static byte[] rawLine(Random r) {
        // empty lines, lone CRs, CRs inside, CRLF ends, lengths around small limits
        return switch (r.nextInt(6)) {
            case 0 -> new byte[0];
            case 1 -> new byte[] {'\r'};
            case 2 -> concat(Gen.bytesWith(r, 45, (byte) '\r'), new byte[] {'\r'});
            default -> Gen.bytesWith(r, 45, (byte) '\r');
        };
    }

    @Test
    void atAnyLimit_thePipelineHandsOutExactlyTheModelsLines() {
        Fuzz.forAll(1000, r -> new Limited(1 + r.nextInt(40), Gen.listOf(r, 12, w -> without(rawLine(w))),
                without(r.nextBoolean() ? new byte[0] : rawLine(r)), Gen.readSizes(r), r.nextLong()), in -> {
            byte[] stream = concat(concat(in.lines().stream().map(l -> concat(l, new byte[] {'\n'})).toList()), in.tail());

            PipelineHarness.Fed fed = new PipelineHarness(new LinePipeline<>(ECHO, in.limit()), in.limit() + 1L,
                    new Random(in.slices())).feed(split(stream, in.reads()));

            StringBuilder model = new StringBuilder();
            boolean closed = false;
            for (byte[] raw : in.lines()) {
                int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                if (length > in.limit()) {
                    model.append("T\n");
                    closed = true;
                    break;
                }
                model.append('L').append(HexFormat.of().formatHex(raw, 0, length)).append('\n');
            }
            if (!closed && in.tail().length > in.limit() + 1) {
                // a line not ended yet is judged once it is past the limit and a CR
                model.append("T\n");
                closed = true;
            }
            assertThat(new String(fed.out(), StandardCharsets.US_ASCII)).isEqualTo(model.toString());
            assertThat(fed.closed()).isEqualTo(closed);
        });
    }

    private static byte[] without(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                bytes[i] = 'n';
            }
        }
        return bytes;
    }
}
