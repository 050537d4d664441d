package dev.switchboard.adapter.out.spool.collector;

import dev.switchboard.application.port.out.collector.Spool;
import dev.switchboard.application.port.out.collector.SpoolException;
import dev.switchboard.application.port.out.collector.SpoolFile;
import dev.switchboard.domain.collector.SpoolListing;
import dev.switchboard.domain.collector.SpoolName;
import dev.switchboard.domain.collector.SpoolPeriod;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Spool adapter: the collector's spool as a directory of {@code <period>.dat} and
 * {@code <period>.dat.lock} files. Every path is built from a period number, never from a name
 * read elsewhere, and symbolic links are neither listed nor followed, so nothing outside the
 * directory is ever read or deleted. Files with other names are left alone.
 */
public final class FileSpool implements Spool {

    private final Path directory;

    private FileSpool(Path directory) {
        this.directory = directory;
    }

    /** The spool in {@code directory}, created if missing. */
    public static FileSpool open(Path directory) {
        Objects.requireNonNull(directory, "'directory' must not be null");
        Path dir = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SpoolException("cannot create the spool directory " + dir + ": " + e, e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new SpoolException("the spool directory " + dir + " is not a writable directory", null);
        }
        return new FileSpool(dir);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public String describe() {
        return directory.toString();
    }

    @Override
    public SpoolListing list() {
        List<SpoolName> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                Optional<SpoolName> name = SpoolName.parse(entry.getFileName().toString());
                if (name.isPresent() && isPlainFile(entry)) {
                    names.add(name.get());
                }
            }
        } catch (IOException e) {
            throw new SpoolException("cannot list the spool " + directory + ": " + e, e);
        }
        return SpoolListing.of(names);
    }

    private static boolean isPlainFile(Path entry) {
        try {
            return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile();
        } catch (IOException e) {
            return false; // vanished while listing
        }
    }

    @Override
    public SpoolFile open(SpoolPeriod period) {
        Path lock = path(period.lockFile());
        Path data = path(period.dataFile());
        try {
            // the lock first: a reader never sees data of this period without it
            Files.newByteChannel(lock, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)).close();
        } catch (IOException e) {
            throw new SpoolException("cannot create the lock " + lock + ": " + e, e);
        }
        try {
            FileChannel channel = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
            return new OpenFile(period, channel, lock, data);
        } catch (IOException e) {
            throw new SpoolException("cannot open " + data + " for appending: " + e, e);
        }
    }

    @Override
    public Optional<byte[]> read(long period) {
        Path data = path(SpoolName.data(period));
        try (SeekableByteChannel channel = Files.newByteChannel(data, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new SpoolException("cannot read " + data + ": " + size + " bytes is too large to ship", null);
            }
            // a ready file no longer grows: read it straight into an array of its size
            byte[] bytes = new byte[(int) size];
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // keep reading until full or at the end
            }
            return Optional.of(buffer.hasRemaining() ? Arrays.copyOf(bytes, buffer.position()) : bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SpoolException("cannot read " + data + ": " + e, e);
        }
    }

    @Override
    public void delete(long period) {
        deleteIfPlain(path(SpoolName.data(period)));
    }

    @Override
    public void removeLock(long period) {
        deleteIfPlain(path(SpoolName.lock(period)));
    }

    private static void deleteIfPlain(Path file) {
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !isPlainFile(file)) {
                return; // a link or a directory under our name is not ours to remove
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new SpoolException("cannot delete " + file + ": " + e, e);
        }
    }

    @Override
    public void reject(long period) {
        Path data = path(SpoolName.data(period));
        Path aside = directory.resolve(SpoolName.REJECTED_FOLDER);
        try {
            if (!isPlainFile(data)) {
                return; // gone already, or not ours to move
            }
            Files.createDirectories(aside);
            Path target = aside.resolve(SpoolName.data(period).fileName());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // the same period rejected before (a rotation reused the number): keep both
                target = aside.resolve(SpoolName.data(period).fileName() + "." + System.currentTimeMillis());
            }
            Files.move(data, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SpoolException("cannot move " + data + " to " + aside + ": " + e, e);
        }
    }

    @Override
    public long rejectedCount() {
        Path aside = directory.resolve(SpoolName.REJECTED_FOLDER);
        if (!Files.isDirectory(aside, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(aside)) {
            long count = 0;
            for (Path entry : entries) {
                if (isPlainFile(entry)) {
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            throw new SpoolException("cannot list " + aside + ": " + e, e);
        }
    }

    private Path path(SpoolName name) {
        return directory.resolve(name.fileName());
    }

    /** The data file of the period being written, with its lock held. */
    private static final class OpenFile implements SpoolFile {

        private final SpoolPeriod period;
        private final FileChannel channel;
        private final Path lock;
        private final Path data;

        OpenFile(SpoolPeriod period, FileChannel channel, Path lock, Path data) {
            this.period = period;
            this.channel = channel;
            this.lock = lock;
            this.data = data;
        }

        @Override
        public SpoolPeriod period() {
            return period;
        }

        @Override
        public void append(byte[] record) {
            // one record, one write with O_APPEND: a record is never split by another writer's bytes
            ByteBuffer buffer = ByteBuffer.wrap(record);
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new SpoolException("cannot append to " + data + ": " + e, e);
            }
        }

        @Override
        public void seal() {
            close();
            deleteIfPlain(lock);
        }

        @Override
        public void close() {
            if (!channel.isOpen()) {
                return;
            }
            try {
                channel.force(true);
            } catch (IOException e) {
                throw new SpoolException("cannot flush " + data + ": " + e, e);
            } finally {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the data is on disk already, or the force above failed and said so
                }
            }
        }
    }
}
