package dev.switchboard.adapter.out.tcp.lottery;

import dev.switchboard.adapter.tcp.lottery.protocol.BinaryBets;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.BetBatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Client of the binary dialect: agency id on connect, then 70-byte bets; int32 answers. */
public final class BinaryAgencyConnection implements AgencyConnection {

    private static final int MAX_WINNERS = 4 * 1024 * 1024;

    private final SocketChannel channel;

    public BinaryAgencyConnection(InetSocketAddress server, AgencyId agency, Duration timeout) throws LotteryClientError {
        this.channel = new SocketChannel(server, timeout);
        try {
            channel.write(BinaryBets.answer(agency.value()));
        } catch (LotteryClientError e) {
            channel.close();
            throw e;
        }
    }

    public static Factory factory(InetSocketAddress server, Duration timeout) {
        return agency -> new BinaryAgencyConnection(server, agency, timeout);
    }

    @Override
    public long frameBytes(BetBatch batch) {
        return BinaryBets.frameBytes(batch.size());
    }

    @Override
    public void send(BetBatch batch) throws LotteryClientError {
        channel.write(BinaryBets.encodeBatch(batch));
        int answer = readInt();
        if (answer != BinaryBets.STORED) {
            throw LotteryClientError.refused("batch refused (answer " + answer + ")");
        }
    }

    @Override
    public List<Integer> end() throws LotteryClientError {
        channel.waitLong(true);
        channel.write(BinaryBets.answer(0));
        int n = readInt();
        channel.waitLong(false);
        if (n < 0 || n > MAX_WINNERS) {
            throw LotteryClientError.lost("unreadable winners count " + n, null);
        }
        List<Integer> documents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            documents.add(readInt());
        }
        return documents;
    }

    private int readInt() throws LotteryClientError {
        try {
            return channel.in().readInt();
        } catch (IOException e) {
            throw SocketChannel.lost(e);
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
