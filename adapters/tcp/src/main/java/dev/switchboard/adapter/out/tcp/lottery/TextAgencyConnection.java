package dev.switchboard.adapter.out.tcp.lottery;

import dev.switchboard.adapter.tcp.lottery.protocol.LotteryTextRequest;
import dev.switchboard.adapter.tcp.lottery.protocol.LotteryTextResponse;
import dev.switchboard.adapter.tcp.lottery.protocol.TextFrame;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.BetBatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Client of the text dialect: each request and each answer is a frame (8-byte length, UTF-8 body). */
public final class TextAgencyConnection implements AgencyConnection {

    /** Answers longer than this are refused as unreadable (a winners list of 1.7 M documents fits). */
    private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    private final AgencyId agency;
    private final SocketChannel channel;

    public TextAgencyConnection(InetSocketAddress server, AgencyId agency, Duration timeout) throws LotteryClientError {
        this.agency = agency;
        this.channel = new SocketChannel(server, timeout);
    }

    public static Factory factory(InetSocketAddress server, Duration timeout) {
        return agency -> new TextAgencyConnection(server, agency, timeout);
    }

    @Override
    public long frameBytes(BetBatch batch) {
        return LotteryTextRequest.batchBody(batch).getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void send(BetBatch batch) throws LotteryClientError {
        String answer = request(LotteryTextRequest.batchBody(batch));
        if (!answer.equals(LotteryTextResponse.SUCCESS)) {
            throw LotteryClientError.refused("batch refused: " + answer);
        }
    }

    @Override
    public List<Integer> end() throws LotteryClientError {
        channel.waitLong(true);
        String answer = request(LotteryTextRequest.endBody(agency));
        channel.waitLong(false);
        return winners(answer);
    }

    /** Asks for the winners (after a reconnect); empty while the draw is pending. */
    public Optional<List<Integer>> winners() throws LotteryClientError {
        String answer = request(LotteryTextRequest.winnersBody(agency));
        if (answer.equals(LotteryTextResponse.DRAW_PENDING)) {
            return Optional.empty();
        }
        return Optional.of(winners(answer));
    }

    private static List<Integer> winners(String answer) throws LotteryClientError {
        try {
            return LotteryTextResponse.parseWinners(answer);
        } catch (IllegalArgumentException e) {
            throw LotteryClientError.refused(e.getMessage());
        }
    }

    /** Sends one frame and reads the answer frame; for tests and tools as well. */
    public String request(String body) throws LotteryClientError {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        channel.write(ByteBuffer.allocate(TextFrame.PREFIX_BYTES).putLong(bytes.length).array(), bytes);
        try {
            long length = channel.in().readLong();
            if (length < 0 || length > MAX_ANSWER_BYTES) {
                throw LotteryClientError.lost("unreadable answer (length " + length + ")", null);
            }
            byte[] answer = new byte[(int) length];
            channel.in().readFully(answer);
            return new String(answer, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SocketChannel.lost(e);
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
