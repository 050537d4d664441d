package dev.switchboard.adapter.out.tcp.lottery;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.BetBatch;
import java.util.List;

/** One agency's connection to a lottery server, in one dialect. Not thread-safe. */
public interface AgencyConnection extends AutoCloseable {

    /** Opens connections of one dialect. */
    @FunctionalInterface
    interface Factory {
        AgencyConnection open(AgencyId agency) throws LotteryClientError;
    }

    /** The bytes this batch takes on the wire, as the server's frame limit counts them. */
    long frameBytes(BetBatch batch);

    /** Sends a batch and waits until it is stored; throws if it was refused or the connection broke. */
    void send(BetBatch batch) throws LotteryClientError;

    /** Says the agency is done and waits for the draw; returns the documents of its winners. */
    List<Integer> end() throws LotteryClientError;

    @Override
    void close();
}
