package dev.switchboard.bootstrap.bench;

import dev.switchboard.adapter.out.tcp.lottery.AgencyConnection;
import dev.switchboard.adapter.out.tcp.lottery.BinaryAgencyConnection;
import dev.switchboard.adapter.out.tcp.lottery.LotteryClientError;
import dev.switchboard.adapter.out.tcp.lottery.TextAgencyConnection;
import dev.switchboard.adapter.tcp.lottery.protocol.TextFrame;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.lottery.LotteryAssembly;
import dev.switchboard.bootstrap.lottery.LotteryConfig;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.WinningNumber;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Load for the lottery: connection {@code n} is agency {@code n+1}; each sends batches of
 * {@code pipeline} generated bets (valid, one number in 10 000 wins) through the project's agency
 * client, then END, and waits for the draw. The server must expect exactly {@code conns} agencies;
 * the in-process one is started so. Figures: bets/s and batches/s over the upload, and the time
 * from the last END sent to the last agency's winners received.
 */
final class LotteryLoad implements ServiceLoad {

    /** Each bet as written in either dialect stays under this many bytes. */
    private static final int BET_BYTES_BOUND = 80;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final boolean binary;

    LotteryLoad(boolean binary) {
        this.binary = binary;
    }

    @Override
    public String service() {
        return "lottery";
    }

    @Override
    public Supplier<InetSocketAddress> install(ServerRuntime runtime, LoadSettings settings) {
        // a frame limit that fits the bench's batches, whatever --pipeline is
        int maxFrame = Math.max(TextFrame.DEFAULT_MAX_FRAME,
                settings.pipeline() * BET_BYTES_BOUND + 64);
        LotteryAssembly.Installed lottery = LotteryAssembly.install(runtime, new LotteryConfig(LOOPBACK,
                binary ? LotteryConfig.OFF : 0, binary ? 0 : LotteryConfig.OFF, settings.conns(),
                WinningNumber.DEFAULT, maxFrame));
        var listener = (binary ? lottery.binary() : lottery.text()).orElseThrow();
        return listener::localAddress;
    }

    @Override
    public LoadResult run(InetSocketAddress server, String target, LoadSettings settings) throws InterruptedException {
        AgencyConnection.Factory factory = binary
                ? BinaryAgencyConnection.factory(server, TIMEOUT)
                : TextAgencyConnection.factory(server, TIMEOUT);
        Draw draw = new Draw();
        LoadDriver.Measured measured = LoadDriver.run(settings, settings.pipeline(),
                index -> new Agency(factory.open(AgencyId.of(index + 1)), AgencyId.of(index + 1), draw));
        int batches = measured.roundNanos().length;
        return new LoadResult(service(), target + "/" + (binary ? "binary" : "text"), settings, measured, List.of(
                LoadResult.figure("batches_per_sec", "%.0f", measured.perSecond(batches)),
                "draw_ms=" + draw.millis(),
                "winners=" + draw.winners.get()));
    }

    /** When the agencies said they were done and when the last one heard its winners. */
    private static final class Draw {
        final AtomicLong lastEnd = new AtomicLong();
        final AtomicLong lastAnswer = new AtomicLong();
        final AtomicLong answers = new AtomicLong();
        final AtomicLong winners = new AtomicLong();

        void ending() {
            lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        }

        void answered(int count) {
            lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
            answers.incrementAndGet();
            winners.addAndGet(count);
        }

        /** Milliseconds from the last END to the last answer; -1 when no agency heard the draw. */
        String millis() {
            if (answers.get() == 0) {
                return "-1";
            }
            return String.format(Locale.ROOT, "%.1f", Math.max(0, lastAnswer.get() - lastEnd.get()) / 1e6);
        }
    }

    /** One agency's upload. */
    private static final class Agency implements LoadDriver.Connection {
        private final AgencyConnection connection;
        private final AgencyId agency;
        private final Draw draw;
        private int sequence;

        Agency(AgencyConnection connection, AgencyId agency, Draw draw) {
            this.connection = connection;
            this.agency = agency;
            this.draw = draw;
        }

        @Override
        public int round(int n) throws LotteryClientError {
            List<Bet> bets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                bets.add(bet(agency, sequence++));
            }
            try {
                connection.send(new BetBatch(agency, bets));
                return 0;
            } catch (LotteryClientError e) {
                if (e.connectionLost()) {
                    throw e;
                }
                return n;
            }
        }

        @Override
        public void finish() throws LotteryClientError {
            draw.ending();
            int winners = connection.end().size();
            draw.answered(winners);
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** The {@code sequence}-th bet of an agency: valid, varied, and winning once in 10 000. */
    static Bet bet(AgencyId agency, int sequence) {
        int document = (int) Math.floorMod(agency.value() * 1_000_003L + sequence, (long) Integer.MAX_VALUE);
        LocalDate birthdate = LocalDate.of(1940 + sequence % 60, 1 + sequence % 12, 1 + sequence % 28);
        return new Bet(agency, "Bench", "Agency" + agency.value(), document, birthdate,
                sequence % (Bet.MAX_NUMBER + 1));
    }
}
