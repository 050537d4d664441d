package dev.switchboard.domain.lottery;

/** Value object: the number that wins the draw. The rule is plain equality with a bet's number. */
public record WinningNumber(int value) {

    public static final WinningNumber DEFAULT = new WinningNumber(7574);

    public WinningNumber {
        if (value < Bet.MIN_NUMBER || value > Bet.MAX_NUMBER) {
            throw new IllegalArgumentException("the winning number must be between " + Bet.MIN_NUMBER
                    + " and " + Bet.MAX_NUMBER + ", not " + value);
        }
    }

    public boolean wins(Bet bet) {
        return bet.number() == value;
    }
}
