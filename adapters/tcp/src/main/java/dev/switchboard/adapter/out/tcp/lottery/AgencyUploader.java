package dev.switchboard.adapter.out.tcp.lottery;

import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one agency's bets in batches, then says it is done and waits for its winners.
 *
 * <p>A batch holds up to {@code batchSize} bets but never more bytes than {@code maxFrameBytes}:
 * it is shrunk to fit rather than refused. A batch (or the END) whose connection breaks is sent
 * once more on a new connection; a second failure, or a refusal by the server, ends the upload.
 * The retry is at-least-once: if the server stored the batch and only its answer was lost, the
 * retried batch is stored twice (the text and binary protocols carry no batch id to tell).
 */
public final class AgencyUploader {

    /** What an upload did. */
    public record Result(int bets, int batches, List<Integer> winners) {
    }

    private static final Logger log = LoggerFactory.getLogger(AgencyUploader.class);

    private final AgencyConnection.Factory connections;
    private final int batchSize;
    private final long maxFrameBytes;

    public AgencyUploader(AgencyConnection.Factory connections, int batchSize, long maxFrameBytes) {
        this.connections = Objects.requireNonNull(connections, "'connections' must not be null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.batchSize = batchSize;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Uploads the bets (all of the given agency) and returns the agency's winners.
     *
     * @param progress told how many bets each stored batch carried
     */
    public Result upload(AgencyId agency, List<Bet> bets, IntConsumer progress) throws LotteryClientError {
        AgencyConnection connection = connections.open(agency);
        try {
            int sent = 0;
            int batches = 0;
            while (sent < bets.size()) {
                BetBatch batch = nextBatch(agency, bets, sent, connection);
                try {
                    connection.send(batch);
                } catch (LotteryClientError e) {
                    if (!e.connectionLost()) {
                        throw e;
                    }
                    log.warn("agency {}: connection lost ({}); sending the batch again on a new connection",
                            agency, e.getMessage());
                    connection.close();
                    connection = connections.open(agency);
                    connection.send(batch);
                }
                sent += batch.size();
                batches++;
                progress.accept(batch.size());
            }
            List<Integer> winners;
            try {
                winners = connection.end();
            } catch (LotteryClientError e) {
                if (!e.connectionLost()) {
                    throw e;
                }
                log.warn("agency {}: connection lost while waiting for the draw ({}); asking again", agency, e.getMessage());
                connection.close();
                connection = connections.open(agency);
                winners = connection.end();
            }
            return new Result(sent, batches, winners);
        } finally {
            connection.close();
        }
    }

    private BetBatch nextBatch(AgencyId agency, List<Bet> bets, int from, AgencyConnection connection)
            throws LotteryClientError {
        int size = Math.min(batchSize, bets.size() - from);
        while (true) {
            BetBatch batch = new BetBatch(agency, bets.subList(from, from + size));
            long bytes = connection.frameBytes(batch);
            if (bytes <= maxFrameBytes) {
                return batch;
            }
            if (size == 1) {
                throw LotteryClientError.refused("bet " + (from + 1) + " alone takes " + bytes
                        + " bytes, over the frame limit of " + maxFrameBytes);
            }
            // shrink in proportion to the excess, at least by one
            size = (int) Math.max(1, Math.min(size - 1, size * maxFrameBytes / bytes));
        }
    }
}
