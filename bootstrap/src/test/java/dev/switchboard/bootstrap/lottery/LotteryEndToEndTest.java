package dev.switchboard.bootstrap.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.switchboard.adapter.out.tcp.lottery.AgencyConnection;
import dev.switchboard.adapter.out.tcp.lottery.AgencyUploader;
import dev.switchboard.adapter.out.tcp.lottery.BinaryAgencyConnection;
import dev.switchboard.adapter.out.tcp.lottery.TextAgencyConnection;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.storage.StorageKind;
import dev.switchboard.domain.lottery.AgencyId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real dataset through real sockets: one server, five agencies uploading at once; each must
 * get exactly the winners its own file holds, with one draw and every bet stored.
 */
class LotteryEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path data;

    @TempDir
    Path dir;

    private ServerRuntime runtime;

    @BeforeAll
    static void unpack() throws Exception {
        LotteryDataset.unzip(data);
        assertThat(LotteryDataset.rows(data)).isEqualTo(LotteryDataset.TOTAL_BETS);
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private LotteryAssembly.Installed start(StorageKind storage) throws Exception {
        runtime = new ServerRuntime(new ServerOptions(storage, dir.resolve("db/switchboard"),
                ServerOptions.ADMIN_ON_FREE_PORT, "127.0.0.1", Optional.empty()));
        LotteryAssembly.Installed installed = LotteryAssembly.install(runtime,
                LotteryConfig.defaults("127.0.0.1", 0, 0, LotteryDataset.AGENCIES));
        runtime.start();
        return installed;
    }

    @ParameterizedTest(name = "{0} storage, {1} dialect")
    @CsvSource({"MEMORY, text", "H2, text", "MEMORY, binary"})
    void fiveAgenciesAtOnce_eachGetsTheWinnersOfItsOwnFile(StorageKind storage, String dialect) throws Exception {
        try (LogCapture log = new LogCapture("dev.switchboard.lottery")) {
            LotteryAssembly.Installed installed = start(storage);
            InetSocketAddress server = dialect.equals("text")
                    ? installed.text().orElseThrow().localAddress()
                    : installed.binary().orElseThrow().localAddress();
            AgencyConnection.Factory connections = dialect.equals("text")
                    ? TextAgencyConnection.factory(server, TIMEOUT)
                    : BinaryAgencyConnection.factory(server, TIMEOUT);

            ExecutorService agencies = Executors.newFixedThreadPool(LotteryDataset.AGENCIES);
            List<Future<AgencyUploader.Result>> results = new ArrayList<>();
            try {
                for (int i = 1; i <= LotteryDataset.AGENCIES; i++) {
                    AgencyId agency = AgencyId.of(i);
                    Path file = LotteryDataset.file(data, i);
                    results.add(agencies.submit(() -> new AgencyUploader(connections, 100, 8192)
                            .upload(agency, AgencyCsv.read(file, agency), n -> { })));
                }
                for (int i = 1; i <= LotteryDataset.AGENCIES; i++) {
                    AgencyUploader.Result result = results.get(i - 1).get(60, TimeUnit.SECONDS);
                    assertThat(result.winners()).as("agency %d", i)
                            .isEqualTo(LotteryDataset.winnersIn(LotteryDataset.file(data, i), 7574));
                }
            } finally {
                agencies.shutdownNow();
            }

            assertThat(installed.service().totalBets()).isEqualTo(LotteryDataset.TOTAL_BETS);
            assertThat(log.count("action: sorteo | result: success")).isEqualTo(1);
            assertThat(log.lines()).noneMatch(l -> l.contains("result: fail"));
            long logged = log.lines().stream()
                    .filter(l -> l.startsWith("action: apuesta_recibida | result: success | cantidad: "))
                    .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
            assertThat(logged).isEqualTo(LotteryDataset.TOTAL_BETS);

            JsonObject api = adminLottery();
            assertThat(api.get("totalBets").getAsLong()).isEqualTo(LotteryDataset.TOTAL_BETS);
            assertThat(api.get("drawDone").getAsBoolean()).isTrue();
            assertThat(api.getAsJsonArray("agencies")).hasSize(5);

            if (storage == StorageKind.H2) {
                runtime.close();
                LotteryAssembly.Installed again = start(StorageKind.H2);
                try (TextAgencyConnection agency1 = new TextAgencyConnection(
                        again.text().orElseThrow().localAddress(), AgencyId.of(1), TIMEOUT)) {
                    assertThat(agency1.winners())
                            .contains(LotteryDataset.winnersIn(LotteryDataset.file(data, 1), 7574));
                }
                assertThat(again.service().totalBets()).isEqualTo(LotteryDataset.TOTAL_BETS);
                assertThat(log.count("action: sorteo | result: success")).as("no second draw").isEqualTo(1);
            }
        }
    }

    private JsonObject adminLottery() throws Exception {
        InetSocketAddress admin = runtime.admin().localAddress();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + admin.getPort() + "/api/lottery")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }
}
