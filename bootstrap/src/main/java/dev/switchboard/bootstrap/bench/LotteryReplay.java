package dev.switchboard.bootstrap.bench;

import dev.switchboard.adapter.tcp.lottery.protocol.LotteryTextResponse;
import dev.switchboard.adapter.tcp.lottery.protocol.TextFrame;
import dev.switchboard.adapter.tcp.lottery.protocol.BinaryBets;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.lottery.AgencyCsv;
import dev.switchboard.bootstrap.lottery.LotteryAssembly;
import dev.switchboard.bootstrap.lottery.LotteryConfig;
import dev.switchboard.domain.lottery.AgencyId;
import dev.switchboard.domain.lottery.Bet;
import dev.switchboard.domain.lottery.BetBatch;
import dev.switchboard.domain.lottery.WinningNumber;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code bench lottery --dataset PATH}: the real agency files replayed at once, as the agencies
 * would send them. File {@code agency-N.csv} is agency N; the first {@code --text-agencies} of them
 * (3 of the 5) use the text dialect, the others the binary one. Every frame is encoded once, before
 * the first server is measured, and replayed by every run, so the client does nothing but write
 * frames and read answers (each checked, as bytes): each agency keeps
 * {@code --window} batches of {@code --pipeline} bets in flight, checks that every batch is
 * answered as stored, then sends END and checks that its winners are exactly the documents of its
 * file's winning bets, in file order. The figure is bets per second from the first batch written
 * to the last agency's winners read.
 */
final class LotteryReplay implements ServiceLoad {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private static final byte[] STORED_TEXT = LotteryTextResponse.SUCCESS.getBytes(StandardCharsets.UTF_8);

    /** One agency's file, encoded. */
    private record Upload(AgencyId agency, boolean binary, List<byte[]> frames, int[] sizes, long bets,
                          List<Integer> winners) {
    }

    private final List<List<Bet>> files;
    private final int textAgencies;
    private final int window;
    private final Optional<InetSocketAddress> binaryServer;
    private LotteryAssembly.Installed installed;
    /** The frames of the last batch size asked for: encoded once, replayed by every run. */
    private List<Upload> encoded = List.of();
    private int encodedBatch;

    /**
     * @param files        every agency's bets, agency 1 first
     * @param binaryServer the binary dialect's address of a running server (with {@code --port})
     */
    LotteryReplay(List<List<Bet>> files, int textAgencies, int window, Optional<InetSocketAddress> binaryServer) {
        this.files = List.copyOf(files);
        this.textAgencies = textAgencies;
        this.window = window;
        this.binaryServer = binaryServer;
    }

    /** Reads {@code agency-1.csv}, {@code agency-2.csv}, … from a folder or a zip of them. */
    static List<List<Bet>> readDataset(Path path) throws IOException, AgencyCsv.BadFileException {
        Path dir = path;
        Path unpacked = null;
        if (Files.isRegularFile(path)) {
            unpacked = Files.createTempDirectory("switchboard-dataset");
            unzip(path, unpacked);
            dir = unpacked;
        }
        try {
            List<List<Bet>> files = new ArrayList<>();
            for (int agency = 1; Files.isRegularFile(dir.resolve("agency-" + agency + ".csv")); agency++) {
                files.add(AgencyCsv.read(dir.resolve("agency-" + agency + ".csv"), AgencyId.of(agency)));
            }
            if (files.isEmpty()) {
                throw new IOException(path + " holds no agency-1.csv");
            }
            return files;
        } finally {
            if (unpacked != null) {
                try (Stream<Path> all = Files.list(unpacked)) {
                    all.forEach(p -> p.toFile().delete());
                }
                Files.deleteIfExists(unpacked);
            }
        }
    }

    private static void unzip(Path zipFile, Path dir) throws IOException {
        try (InputStream raw = Files.newInputStream(zipFile); ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (!entry.isDirectory() && name.matches("agency-[0-9]+\\.csv")) {
                    Files.copy(zip, dir.resolve(name));
                }
            }
        }
    }

    @Override
    public String service() {
        return "lottery";
    }

    @Override
    public Supplier<InetSocketAddress> install(ServerRuntime runtime, LoadSettings settings) {
        int maxFrame = Math.max(TextFrame.DEFAULT_MAX_FRAME, maxFrameBytes(settings.pipeline()));
        // before the server's CPU is read, so the client's encoding never counts as the server's
        uploads(settings.pipeline());
        installed = LotteryAssembly.install(runtime, new LotteryConfig(LOOPBACK, 0, 0, files.size(),
                WinningNumber.DEFAULT, maxFrame));
        return () -> installed.text().orElseThrow().localAddress();
    }

    /** The largest frame a batch of {@code bets} takes in either dialect (names of at most 24 bytes). */
    static int maxFrameBytes(int bets) {
        return Math.max((int) BinaryBets.frameBytes(bets), 32 + bets * (2 * Bet.MAX_NAME_BYTES + 10 + 1 + 10 + 1 + 4 + 5));
    }

    @Override
    public LoadResult run(InetSocketAddress server, String target, LoadSettings settings) throws InterruptedException {
        InetSocketAddress binary = installed != null
                ? installed.binary().orElseThrow().localAddress()
                : binaryServer.orElse(server);
        List<Upload> uploads = uploads(settings.pipeline());
        AtomicLong firstWrite = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastAnswer = new AtomicLong();
        AtomicLong stored = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        AtomicLong clientCpu = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(uploads.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Socket> sockets = new ArrayList<>();
        for (Upload upload : uploads) {
            Thread thread = new Thread(() -> {
                try (Socket socket = connect(upload.binary() ? binary : server)) {
                    synchronized (sockets) {
                        sockets.add(socket);
                    }
                    OutputStream out = socket.getOutputStream();
                    DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
                    if (upload.binary()) {
                        out.write(ByteBuffer.allocate(Integer.BYTES).putInt(upload.agency().value()).array());
                    }
                    ready.countDown();
                    go.await();
                    firstWrite.accumulateAndGet(System.nanoTime(), Math::min);
                    long ok = replay(upload, out, in, window);
                    stored.addAndGet(ok);
                    batches.addAndGet(upload.frames().size());
                    List<Integer> winners = end(upload, out, in);
                    lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                    if (ok != upload.bets()) {
                        errors.addAndGet(upload.bets() - ok);
                        firstError.compareAndSet(null, "agency " + upload.agency() + ": " + (upload.bets() - ok)
                                + " bets refused");
                    }
                    if (!winners.equals(upload.winners())) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, "agency " + upload.agency() + ": winners " + winners
                                + ", the file says " + upload.winners());
                    }
                } catch (IOException | InterruptedException | RuntimeException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, "agency " + upload.agency() + ": " + e.getMessage());
                    ready.countDown();
                } finally {
                    clientCpu.addAndGet(Cpu.currentThread());
                }
            }, "bench-agency-" + upload.agency());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        go.countDown();
        long bound = System.nanoTime() + settings.time().toNanos() + LoadDriver.GRACE.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (bound - System.nanoTime()) / 1_000_000));
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            firstError.compareAndSet(null, "still waiting after the time bound; closed");
            errors.incrementAndGet();
            synchronized (sockets) {
                sockets.forEach(LotteryReplay::closeQuietly);
            }
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        }
        double seconds = lastAnswer.get() > firstWrite.get() ? (lastAnswer.get() - firstWrite.get()) / 1e9 : 0;
        LoadDriver.Measured measured = new LoadDriver.Measured(stored.get(), errors.get(), seconds, new long[0],
                Optional.ofNullable(firstError.get()), clientCpu.get());
        return new LoadResult(service(), target + "/replay", settings, measured, List.of(
                "agencies=" + uploads.size() + "(" + Math.min(textAgencies, uploads.size()) + "_text)",
                "window=" + window,
                "batches=" + batches.get(),
                LoadResult.figure("batches_per_sec", "%.0f", measured.perSecond(batches.get()))));
    }

    /** Every agency's frames for batches of {@code perBatch} bets, encoded on first use and kept. */
    private List<Upload> uploads(int perBatch) {
        if (encoded.isEmpty() || encodedBatch != perBatch) {
            List<Upload> uploads = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                uploads.add(encode(AgencyId.of(i + 1), files.get(i), i >= textAgencies, perBatch));
            }
            encoded = List.copyOf(uploads);
            encodedBatch = perBatch;
        }
        return encoded;
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, CONNECT_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // ends a blocked read, which is all that is wanted
        }
    }

    /** Writes every batch, at most {@code window} unanswered; returns the bets answered as stored. */
    private static long replay(Upload upload, OutputStream out, DataInputStream in, int window) throws IOException {
        List<byte[]> frames = upload.frames();
        byte[] scratch = new byte[STORED_TEXT.length];
        int sent = 0;
        long stored = 0;
        for (int answered = 0; answered < frames.size(); answered++) {
            while (sent < frames.size() && sent - answered < window) {
                out.write(frames.get(sent++));
            }
            if (readBatchAnswer(upload.binary(), in, scratch)) {
                stored += upload.sizes()[answered];
            }
        }
        return stored;
    }

    private static boolean readBatchAnswer(boolean binary, DataInputStream in, byte[] scratch) throws IOException {
        if (binary) {
            return in.readInt() == BinaryBets.STORED;
        }
        // compared as bytes: the answer is checked exactly without a string per batch
        long length = in.readLong();
        if (length != STORED_TEXT.length) {
            readBody(in, length);
            return false;
        }
        in.readFully(scratch, 0, STORED_TEXT.length);
        return Arrays.equals(scratch, 0, STORED_TEXT.length, STORED_TEXT, 0, STORED_TEXT.length);
    }

    private static List<Integer> end(Upload upload, OutputStream out, DataInputStream in) throws IOException {
        if (upload.binary()) {
            out.write(new byte[Integer.BYTES]);
            int n = in.readInt();
            List<Integer> documents = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                documents.add(in.readInt());
            }
            return documents;
        }
        out.write(textFrame("END;" + upload.agency().value()));
        String answer = readTextFrame(in);
        if (answer.equals("NO_WINNERS")) {
            return List.of();
        }
        if (answer.startsWith("error;")) {
            throw new IOException("END answered " + answer);
        }
        return Arrays.stream(answer.split(";")).map(Integer::valueOf).toList();
    }

    private static String readTextFrame(DataInputStream in) throws IOException {
        return new String(readBody(in, in.readLong()), StandardCharsets.UTF_8);
    }

    private static byte[] readBody(DataInputStream in, long length) throws IOException {
        if (length < 0 || length > (1 << 26)) {
            throw new IOException("unreadable answer of length " + length);
        }
        byte[] body = new byte[(int) length];
        in.readFully(body);
        return body;
    }

    private static byte[] textFrame(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Long.BYTES + bytes.length).putLong(bytes.length).put(bytes).array();
    }

    /** An agency's batches as frames of its dialect, and its expected winners. */
    private static Upload encode(AgencyId agency, List<Bet> bets, boolean binary, int perBatch) {
        List<byte[]> frames = new ArrayList<>();
        int[] sizes = new int[(bets.size() + perBatch - 1) / perBatch];
        for (int from = 0, b = 0; from < bets.size(); from += perBatch, b++) {
            List<Bet> slice = bets.subList(from, Math.min(bets.size(), from + perBatch));
            sizes[b] = slice.size();
            frames.add(binary ? BinaryBets.encodeBatch(new BetBatch(agency, slice)) : textFrame(textBody(agency, slice)));
        }
        List<Integer> winners = bets.stream().filter(WinningNumber.DEFAULT::wins).map(Bet::document).toList();
        return new Upload(agency, binary, frames, sizes, bets.size(), winners);
    }

    private static String textBody(AgencyId agency, List<Bet> bets) {
        StringBuilder body = new StringBuilder(16 + bets.size() * 48);
        body.append(agency.value()).append(';').append(bets.size()).append('\n');
        for (Bet bet : bets) {
            body.append(bet.firstName()).append(';').append(bet.lastName()).append(';').append(bet.document())
                    .append(';').append(bet.birthdateText()).append(';').append(bet.number()).append('\n');
        }
        return body.toString();
    }
}
