package dev.switchboard.adapter.in.web.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapter.out.telemetry.MicrometerTelemetry;
import dev.switchboard.application.port.out.telemetry.SinkErrorKind;
import dev.switchboard.application.port.out.telemetry.SinkRequestKind;
import dev.switchboard.application.service.collector.SinkService;
import dev.switchboard.domain.collector.Receipt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink against the original C++ collector's uploads, byte for byte as it sends them
 * (Boost.Beast: {@code POST /}, {@code Host} without a port, {@code text/plain}, no
 * {@code X-Batch-Id}, one connection per file, an empty body after a restart), over a raw socket.
 */
class ClassicCollectorUploadTest {

    private final SinkServerTest.MapReceiptStore store = new SinkServerTest.MapReceiptStore();
    private final SinkService service = new SinkService(store, Clock.systemUTC());
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private SinkServer sink;
    private int port;

    @BeforeEach
    void start() throws IOException {
        sink = new SinkServer(SinkConfig.of("127.0.0.1", 0), service,
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                MicrometerTelemetry.detached("sink", SinkRequestKind.class, SinkErrorKind.class));
        port = sink.start().getPort();
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    /** The request the C++ collector writes for one minute file. */
    private static byte[] classicRequest(String body, boolean connectionClose) {
        byte[] payload = body.getBytes(StandardCharsets.US_ASCII);
        String head = "POST / HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "User-Agent: Boost.Beast/300\r\n"
                + "Content-Type: text/plain\r\n"
                + (connectionClose ? "Connection: close\r\n" : "")
                + "Content-Length: " + payload.length + "\r\n"
                + "\r\n";
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(payload);
        return request.toByteArray();
    }

    /** One connection, one request, the whole answer (status line, headers, body). */
    private String send(byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return readAnswer(socket.getInputStream());
        }
    }

    /** Reads the head up to the blank line, then exactly Content-Length bytes of body. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void classicUploads_withoutBatchId_andAnEmptyBody_areEachAnswered200_printed_andReceipted() throws Exception {
        String minute1 = "3 1595588160123456789\n7 1595588161118273645\n";
        String minute2 = "0 1595588220000000001\n";

        String first = send(classicRequest(minute1, true));
        String second = send(classicRequest(minute2, false));
        String empty = send(classicRequest("", true));

        for (String answer : new String[] {first, second, empty}) {
            assertThat(answer).startsWith("HTTP/1.1 200 ").endsWith("Data successfully received\n");
        }
        assertThat(first).contains("X-Batch-Id: anon-1");
        assertThat(second).contains("X-Batch-Id: anon-2");
        assertThat(empty).contains("X-Batch-Id: anon-3");
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(minute1 + minute2);
        assertThat(service.snapshot().receipts()).extracting(r -> r.batchId().value() + "/" + r.bytes())
                .containsExactlyInAnyOrder("anon-1/44", "anon-2/22", "anon-3/0");
        assertThat(service.snapshot().duplicates()).isZero();
    }

    @Test
    void theSameClassicFileSentTwice_isStoredTwice_sinceWithoutAnIdItCannotBeRecognised() throws Exception {
        String minute = "5 1595588160000000000\n";

        send(classicRequest(minute, true));
        send(classicRequest(minute, true));

        assertThat(service.snapshot().receipts()).extracting(Receipt::bytes).containsExactly(22L, 22L);
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(minute + minute);
    }
}
