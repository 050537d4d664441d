package dev.switchboard.adapter.in.tcp.metrics.codec;

import dev.switchboard.adapter.in.tcp.common.codec.TextLineCodecFactory;

/** Codec of the metrics protocol: {@code \n}-terminated UTF-8 lines of at most 64 KiB. */
public final class MetricsProtocolCodecFactory {

    public static final int MAX_LINE_BYTES = 64 * 1024;

    private MetricsProtocolCodecFactory() {
    }

    public static TextLineCodecFactory create() {
        return new TextLineCodecFactory(MAX_LINE_BYTES);
    }
}
