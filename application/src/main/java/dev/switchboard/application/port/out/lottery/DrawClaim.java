package dev.switchboard.application.port.out.lottery;

import dev.switchboard.domain.lottery.WinningNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link BetStore#claimDraw} decided.
 *
 * @param number the draw's number, unless {@link Kind#NOT_YET}
 */
public record DrawClaim(Kind kind, Optional<WinningNumber> number) {

    public enum Kind {
        /** This call recorded the draw: the caller draws, and is the only one that does. */
        DRAWN_HERE,
        /** A draw was recorded before (by this node or another): the caller takes its number. */
        DRAWN_BEFORE,
        /** Not every agency is done yet: nothing was recorded. */
        NOT_YET
    }

    public DrawClaim {
        Objects.requireNonNull(kind, "'kind' must not be null");
        Objects.requireNonNull(number, "'number' must not be null");
        if ((kind == Kind.NOT_YET) != number.isEmpty()) {
            throw new IllegalArgumentException("a draw has a number, and only a draw");
        }
    }

    public static DrawClaim drawnHere(WinningNumber number) {
        return new DrawClaim(Kind.DRAWN_HERE, Optional.of(number));
    }

    public static DrawClaim drawnBefore(WinningNumber number) {
        return new DrawClaim(Kind.DRAWN_BEFORE, Optional.of(number));
    }

    public static DrawClaim notYet() {
        return new DrawClaim(Kind.NOT_YET, Optional.empty());
    }
}
