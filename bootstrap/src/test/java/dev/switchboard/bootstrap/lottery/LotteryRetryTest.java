package dev.switchboard.bootstrap.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.adapter.tcp.lottery.protocol.BinaryBets;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.storage.StorageKind;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Agencies that lose their connection through real sockets: one that drops mid-frame has nothing
 * of that batch stored and carries on over a new connection; a numbered batch resent after a lost
 * answer is stored once, also across a restart with H2; {@code WINNERS} after the draw answers a
 * reconnecting agency.
 */
class LotteryRetryTest {

    @TempDir
    Path dir;

    private ServerRuntime runtime;
    private LotteryAssembly.Installed lottery;

    private void start(StorageKind storage) throws IOException {
        runtime = new ServerRuntime(new ServerOptions(storage, dir.resolve("lottery"), 0, "127.0.0.1", Optional.empty()));
        lottery = LotteryAssembly.install(runtime, LotteryConfig.defaults("127.0.0.1", 0, 0, 2));
        runtime.start();
    }

    private void restart(StorageKind storage) throws IOException {
        runtime.close();
        start(storage);
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private long totalBets() {
        return lottery.service().status().totalBets();
    }

    /** A raw text-dialect connection. */
    private final class Text implements AutoCloseable {
        final Socket socket;
        final DataOutputStream out;
        final DataInputStream in;

        Text() throws IOException {
            InetSocketAddress address = lottery.text().orElseThrow().localAddress();
            socket = new Socket(address.getAddress(), address.getPort());
            socket.setSoTimeout(10_000);
            out = new DataOutputStream(socket.getOutputStream());
            in = new DataInputStream(socket.getInputStream());
        }

        String ask(String body) throws IOException {
            send(body);
            return read();
        }

        void send(String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.writeLong(bytes.length);
            out.write(bytes);
            out.flush();
        }

        String read() throws IOException {
            byte[] body = new byte[(int) in.readLong()];
            in.readFully(body);
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static final String BATCH_1 = "1;2;1\nAna;Pérez;11;1990-01-01;7574\nEva;Lorca;12;1991-02-03;1\n";
    private static final String BATCH_2 = "1;1;2\nLia;Paz;13;1992-03-04;7574\n";

    private Socket binarySocket() throws IOException {
        InetSocketAddress address = lottery.binary().orElseThrow().localAddress();
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static BetBatch batch(int agency, int size) {
        AgencyId id = AgencyId.of(agency);
        return new BetBatch(id, IntStream.range(0, size)
                .mapToObj(i -> new Bet(id, "Ana", "Pérez", 200 + i, LocalDate.of(1990, 1, 1), i == 0 ? 7574 : 1))
                .toList());
    }

    @ParameterizedTest
    @EnumSource(value = StorageKind.class, names = {"MEMORY", "H2"})
    void droppedMidFrame_storesNothing_aResentBatchIsStoredOnce_andWinnersAnswersAfterTheDraw(StorageKind storage)
            throws Exception {
        start(storage);
        // agency 1 drops half-way through a text frame, agency 2 half-way through a binary batch
        try (Text first = new Text()) {
            byte[] body = BATCH_2.getBytes(StandardCharsets.UTF_8);
            first.out.writeLong(body.length);
            first.out.write(body, 0, body.length / 2);
            first.out.flush();
        }
        try (Socket binary = binarySocket()) {
            DataOutputStream out = new DataOutputStream(binary.getOutputStream());
            out.writeInt(2);
            byte[] frame = BinaryBets.encodeBatch(batch(2, 3));
            out.write(Arrays.copyOf(frame, frame.length - 30));
            out.flush();
        }
        assertThat(totalBets()).isZero();

        // agency 1 carries on over a new connection; its first batch's answer is "lost", so it resends it
        try (Text again = new Text()) {
            assertThat(again.ask(BATCH_1)).isEqualTo("success;Batch stored successfully.");
            assertThat(again.ask(BATCH_1)).isEqualTo("success;Batch stored successfully.");
        }
        assertThat(totalBets()).isEqualTo(2);
        if (storage == StorageKind.H2) {
            restart(storage);
            assertThat(totalBets()).isEqualTo(2);
        }
        try (Text again = new Text()) {
            assertThat(again.ask(BATCH_1)).as("remembered across the restart too").isEqualTo("success;Batch stored successfully.");
            assertThat(again.ask(BATCH_2)).isEqualTo("success;Batch stored successfully.");
            again.send("END;1"); // and gone before the draw
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> lottery.service().status().agencies().get(0).done());
        assertThat(totalBets()).isEqualTo(3);

        try (Socket binary = binarySocket()) {
            DataOutputStream out = new DataOutputStream(binary.getOutputStream());
            DataInputStream in = new DataInputStream(binary.getInputStream());
            out.writeInt(2);
            out.write(BinaryBets.encodeBatch(batch(2, 3)));
            out.writeInt(0);
            out.flush();
            assertThat(in.readInt()).isEqualTo(1);
            assertThat(in.readInt()).as("agency 2 has one winner").isEqualTo(1);
            assertThat(in.readInt()).isEqualTo(200);
        }
        try (Text later = new Text()) {
            assertThat(later.ask("WINNERS;1")).isEqualTo("11;13");
        }
        assertThat(totalBets()).isEqualTo(6);
    }
}
