package dev.switchboard.domain.lottery;

/** Business failure: the lottery refuses a request in its current state (unknown agency, agency done, draw done). */
public final class LotteryRejection extends Exception {

    public LotteryRejection(String reason) {
        super(reason);
    }

    /** The reason as the protocols show it, e.g. {@code unknown agency 9}. */
    public String reason() {
        return getMessage();
    }
}
