package dev.switchboard.application.port.out.collector;

import java.util.Objects;

/**
 * What became of one upload: {@code DELIVERED} only when the sink answered 2xx; {@code REJECTED}
 * when it refused the batch for good (413: larger than its limit), so sending it again is no
 * use; otherwise {@code FAILED}, worth another try. {@code detail} says what happened.
 */
public record UploadResult(Outcome outcome, String detail) {

    /** The three ends of an upload. */
    public enum Outcome {
        DELIVERED, REJECTED, FAILED
    }

    public UploadResult {
        Objects.requireNonNull(outcome, "'outcome' must not be null");
        Objects.requireNonNull(detail, "'detail' must not be null");
    }

    public static UploadResult delivered(int status) {
        return new UploadResult(Outcome.DELIVERED, "HTTP " + status);
    }

    public static UploadResult rejected(String detail) {
        return new UploadResult(Outcome.REJECTED, detail);
    }

    public static UploadResult failed(String detail) {
        return new UploadResult(Outcome.FAILED, detail);
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    public boolean rejected() {
        return outcome == Outcome.REJECTED;
    }
}
