package dev.switchboard.bootstrap.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.adapter.tcp.lottery.protocol.BinaryBets;
import dev.switchboard.application.port.in.lottery.GetLotteryStatusUseCase.AgencyStatus;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lottery's protocol rules through real sockets, byte for byte, on an in-memory server with two agencies. */
class LotterySocketTest {

    private ServerRuntime runtime;
    private LotteryAssembly.Installed lottery;
    private LogCapture log;

    @BeforeEach
    void start() throws Exception {
        log = new LogCapture("dev.switchboard.lottery");
        runtime = new ServerRuntime(ServerOptions.memory(0));
        lottery = LotteryAssembly.install(runtime, LotteryConfig.defaults("127.0.0.1", 0, 0, 2));
        runtime.start();
    }

    @AfterEach
    void stop() {
        runtime.close();
        log.close();
    }

    /** A raw text-dialect connection: frames out, frames in. */
    private final class TextPeer implements AutoCloseable {
        final Socket socket;
        final DataOutputStream out;
        final DataInputStream in;

        TextPeer() throws IOException {
            InetSocketAddress address = lottery.text().orElseThrow().localAddress();
            socket = new Socket(address.getAddress(), address.getPort());
            socket.setSoTimeout(10_000);
            out = new DataOutputStream(socket.getOutputStream());
            in = new DataInputStream(socket.getInputStream());
        }

        void send(String body) throws IOException {
            sendBytes(body.getBytes(StandardCharsets.UTF_8));
        }

        void sendBytes(byte[] body) throws IOException {
            out.writeLong(body.length);
            out.write(body);
            out.flush();
        }

        String read() throws IOException {
            long length = in.readLong();
            byte[] body = new byte[(int) length];
            in.readFully(body);
            return new String(body, StandardCharsets.UTF_8);
        }

        String ask(String body) throws IOException {
            send(body);
            return read();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static void assertClosedByServer(DataInputStream in) {
        try {
            assertThat(in.read()).isEqualTo(-1);
        } catch (IOException e) {
            assertThat(e).isInstanceOfAny(EOFException.class, java.net.SocketException.class);
        }
    }

    private long totalBets() {
        return lottery.service().status().totalBets();
    }

    private static final String GOOD_BATCH = "1;2\nAna;Pérez;11;1990-01-01;7574\nEva;Lorca;12;1991-02-03;1\n";

    @Test
    void batch_isStored_andAnsweredSuccess() throws Exception {
        try (TextPeer peer = new TextPeer()) {
            assertThat(peer.ask(GOOD_BATCH)).isEqualTo("success;Batch stored successfully.");
        }
        assertThat(totalBets()).isEqualTo(2);
        assertThat(log.lines()).contains("action: apuesta_recibida | result: success | cantidad: 2");
    }

    @Test
    void batchWithOneBadBet_storesNothing_andTheConnectionStaysUsable() throws Exception {
        try (TextPeer peer = new TextPeer()) {
            assertThat(peer.ask("1;3\nAna;Pérez;11;1990-01-01;7574\nEva;Lorca;12;1991-02-03;1\nLia;Paz;13;1991-02-30;2\n"))
                    .startsWith("error;bet 3: birthdate");
            assertThat(totalBets()).isZero();
            assertThat(log.lines()).contains("action: apuesta_recibida | result: fail | cantidad: 3");

            assertThat(peer.ask(GOOD_BATCH)).isEqualTo("success;Batch stored successfully.");
        }
        assertThat(totalBets()).isEqualTo(2);
    }

    @Test
    void winnersBeforeTheDraw_isDrawPending() throws Exception {
        try (TextPeer peer = new TextPeer()) {
            assertThat(peer.ask("WINNERS;1")).isEqualTo("error;draw pending");
            assertThat(peer.ask("WINNERS;3")).startsWith("error;unknown agency 3");
        }
    }

    @Test
    void end_isHeldUntilEveryAgencyIsDone_whileOtherConnectionsAreServed() throws Exception {
        try (TextPeer agency1 = new TextPeer(); TextPeer agency2 = new TextPeer()) {
            assertThat(agency1.ask(GOOD_BATCH)).startsWith("success");
            agency1.send("END;1");
            await().atMost(Duration.ofSeconds(10)).until(() -> lottery.service().status().agencies().get(0).done());
            assertThat(lottery.service().status().drawDone()).isFalse();

            // the held answer parks no I/O thread: agency 2 is still served
            assertThat(agency2.ask("2;1\nLuz;Sosa;21;1990-01-01;7574\n")).startsWith("success");
            assertThat(agency2.ask("1;1\nLuz;Sosa;22;1990-01-01;7574\n")).isEqualTo("error;agency 1 is done");
            assertThat(agency2.ask("END;2")).isEqualTo("21");

            assertThat(agency1.read()).isEqualTo("11");
            assertThat(agency1.ask("WINNERS;1")).isEqualTo("11");
            assertThat(agency1.ask("END;1")).as("END again after the draw").isEqualTo("11");
        }
        assertThat(log.count("action: sorteo | result: success")).isEqualTo(1);
        assertThat(lottery.service().status().agencies()).containsExactly(
                new AgencyStatus(1, 2, 1, true, List.of(11)),
                new AgencyStatus(2, 1, 1, true, List.of(21)));
    }

    @Test
    void agencyWithoutWinners_getsNoWinners() throws Exception {
        try (TextPeer peer = new TextPeer()) {
            assertThat(peer.ask("2;1\nLuz;Sosa;21;1990-01-01;1\n")).startsWith("success");
            peer.send("END;2");
            peer.send("END;1");
            assertThat(peer.read()).isEqualTo("NO_WINNERS");
            assertThat(peer.read()).isEqualTo("NO_WINNERS");
        }
    }

    @Test
    void frameOverTheLimit_isRefusedFromThePrefixAlone_andTheConnectionCloses() throws Exception {
        try (TextPeer peer = new TextPeer()) {
            peer.out.writeLong(8193); // and no body at all
            peer.out.flush();

            assertThat(peer.read()).isEqualTo("error;frame too large");
            assertClosedByServer(peer.in);
        }
        assertThat(totalBets()).isZero();
    }

    @Test
    void badUtf8AndUnknownMessages_areAnsweredWithErrors_andTheConnectionStays() throws Exception {
        try (TextPeer peer = new TextPeer()) {
            peer.sendBytes(new byte[] {'1', ';', '1', '\n', (byte) 0xC3, (byte) 0x28, ';', 'x'});
            assertThat(peer.read()).isEqualTo("error;frame is not valid UTF-8");
            assertThat(peer.ask("HELLO")).startsWith("error;unknown message");
            assertThat(peer.ask("END;x")).startsWith("error;");
            assertThat(peer.ask("3;1\nLuz;Sosa;21;1990-01-01;1\n")).startsWith("error;unknown agency 3");
            assertThat(peer.ask(GOOD_BATCH)).startsWith("success");
        }
        assertThat(totalBets()).isEqualTo(2);
    }

    /** A raw binary-dialect connection that has said which agency it is. */
    private DataOutputStream binaryHello(Socket socket, int agency) throws IOException {
        socket.setSoTimeout(10_000);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(agency);
        return out;
    }

    private Socket binarySocket() throws IOException {
        InetSocketAddress address = lottery.binary().orElseThrow().localAddress();
        return new Socket(address.getAddress(), address.getPort());
    }

    private static BetBatch batch(int agency, int size) {
        AgencyId id = AgencyId.of(agency);
        return new BetBatch(id, java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> new Bet(id, "Ana", "Pérez", 100 + i, LocalDate.of(1990, 1, 1), i == 0 ? 7574 : 1))
                .toList());
    }

    @Test
    void binaryBatchWithOneBadBet_isRejectedWhole_thenAGoodOneIsStored() throws Exception {
        try (Socket socket = binarySocket()) {
            DataOutputStream out = binaryHello(socket, 1);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] frame = BinaryBets.encodeBatch(batch(1, 3));
            // the third bet's birthdate becomes 1990-02-30
            int date = 4 + 2 * BinaryBets.BET_BYTES + 4 + 24 + 24 + 4;
            System.arraycopy("1990-02-30".getBytes(StandardCharsets.US_ASCII), 0, frame, date, 10);
            out.write(frame);
            out.flush();
            assertThat(in.readInt()).isEqualTo(0);
            assertThat(totalBets()).isZero();

            out.write(BinaryBets.encodeBatch(batch(1, 3)));
            out.flush();
            assertThat(in.readInt()).isEqualTo(1);
            assertThat(totalBets()).isEqualTo(3);
        }
        assertThat(log.lines()).contains("action: apuesta_recibida | result: fail | cantidad: 3",
                "action: apuesta_recibida | result: success | cantidad: 3");
    }

    @Test
    void binaryCountOverTheFrameLimit_isRejectedAndCloses() throws Exception {
        try (Socket socket = binarySocket()) {
            DataOutputStream out = binaryHello(socket, 1);
            out.writeInt(117); // 4 + 117 * 70 = 8194 bytes > 8192; no bets follow
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());

            assertThat(in.readInt()).isEqualTo(0);
            assertClosedByServer(in);
        }
    }

    @Test
    void binaryDoneOfAnUnknownAgency_closesTheConnection() throws Exception {
        try (Socket socket = binarySocket()) {
            DataOutputStream out = binaryHello(socket, 9);
            out.writeInt(0);
            out.flush();

            assertClosedByServer(new DataInputStream(socket.getInputStream()));
        }
    }

    @Test
    void binaryDone_isAnsweredWithTheWinnersAtTheDraw() throws Exception {
        try (Socket one = binarySocket(); Socket two = binarySocket()) {
            DataOutputStream out1 = binaryHello(one, 1);
            DataOutputStream out2 = binaryHello(two, 2);
            DataInputStream in1 = new DataInputStream(one.getInputStream());
            DataInputStream in2 = new DataInputStream(two.getInputStream());
            out1.write(BinaryBets.encodeBatch(batch(1, 2)));
            out1.writeInt(0);
            out1.flush();
            assertThat(in1.readInt()).isEqualTo(1);
            out2.writeInt(0);
            out2.flush();

            assertThat(in1.readInt()).isEqualTo(1);
            assertThat(in1.readInt()).isEqualTo(100);
            assertThat(in2.readInt()).isZero();
        }
    }
}
