package dev.switchboard.adapter.in.tcp.graphite.codec;

import dev.switchboard.adapter.in.tcp.common.codec.SessionCodecFactory;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;

/** Codec of carbon's plaintext protocol: lines in, nothing ever out (carbon never answers). */
public final class CarbonCodecFactory extends SessionCodecFactory {

    /** As the classic protocol's limit: a line may be up to 64 KiB. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private final LongSupplier nowSeconds;

    public CarbonCodecFactory(LongSupplier nowSeconds) {
        super(new ProtocolEncoderAdapter() {
            @Override
            public void encode(org.apache.mina.core.session.IoSession session, Object message,
                               org.apache.mina.filter.codec.ProtocolEncoderOutput out) {
                throw new IllegalStateException("carbon never answers");
            }
        });
        this.nowSeconds = Objects.requireNonNull(nowSeconds, "'nowSeconds' must not be null");
    }

    @Override
    protected ProtocolDecoder newDecoder() {
        return new CarbonDecoder(MAX_LINE_BYTES, nowSeconds);
    }
}
