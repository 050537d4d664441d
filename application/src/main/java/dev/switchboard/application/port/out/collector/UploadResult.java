package dev.switchboard.application.port.out.collector;

import java.util.Objects;

/**
 * What became of one upload: {@code delivered} only when the sink answered 2xx; otherwise
 * {@code detail} says why (refused, timed out, the status it answered).
 */
public record UploadResult(boolean delivered, String detail) {

    public UploadResult {
        Objects.requireNonNull(detail, "'detail' must not be null");
    }

    public static UploadResult delivered(int status) {
        return new UploadResult(true, "HTTP " + status);
    }

    public static UploadResult failed(String detail) {
        return new UploadResult(false, detail);
    }
}
