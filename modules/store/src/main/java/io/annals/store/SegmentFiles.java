package io.annals.store;

import io.annals.core.util.ByteSlice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only segment files, one per shard of {@link HistoryStore#SHARD_SIZE} blocks, holding the
 * bulky bytes of blocks (bodies, receipts, transaction hashes) that LevelDB would otherwise copy
 * again at every compaction. LevelDB holds where each block's record lies.
 *
 * <p>Crash safety comes from ordering: records are appended (and, with sync writes, forced to disk)
 * before the LevelDB batch that references them commits, and that batch also records each touched
 * file's committed end. On open, a file longer than its committed end lost a race with a crash: its
 * unreferenced tail is cut off. A file shorter than its committed end lost acknowledged data (only
 * possible without sync writes and a power failure) and fails the open.
 *
 * <p>Appends, truncation and the tracked ends belong to the store's single writer; reads use
 * positional reads, which are safe from any thread. At most {@link #MAX_OPEN_FILES} files are open
 * at once (mainnet history has some 2,300 shards); an operation whose channel the cache closed
 * under it is repeated on a fresh one.
 */
final class SegmentFiles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentFiles.class);
    private static final Pattern NAME = Pattern.compile("shard-(\\d{10})\\.seg");

    /**
     * Segment files kept open at once (least recently used closed first): bounded, so file handles
     * are too.
     */
    static final int MAX_OPEN_FILES = 128;

    private final Path directory;

    /** Open channels, least recently used first; guarded by itself (lookups are short). */
    private final LinkedHashMap<Long, FileChannel> channels =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, FileChannel> eldest) {
                    if (size() <= MAX_OPEN_FILES) {
                        return false;
                    }
                    closeQuietly(eldest.getValue());
                    return true;
                }
            };

    /** The end of each file as the writer left it (the committed end between writes). */
    private final Map<Long, Long> ends = new HashMap<>();

    private SegmentFiles(Path directory) {
        this.directory = directory;
    }

    /** Opens the directory and cuts every file back to its committed end. */
    static SegmentFiles open(Path directory, Map<Long, Long> committedEnds) {
        SegmentFiles files = new SegmentFiles(directory);
        try {
            Files.createDirectories(directory);
            Set<Long> seen = new HashSet<>();
            try (DirectoryStream<Path> stream =
                    Files.newDirectoryStream(directory, "shard-*.seg")) {
                for (Path path : stream) {
                    Matcher m = NAME.matcher(path.getFileName().toString());
                    if (m.matches()) {
                        long shard = Long.parseLong(m.group(1));
                        seen.add(shard);
                        files.recover(shard, committedEnds.getOrDefault(shard, 0L));
                    }
                }
            }
            for (Map.Entry<Long, Long> end : committedEnds.entrySet()) {
                if (!seen.contains(end.getKey()) && end.getValue() > 0) {
                    throw new StoreCorruptionException(
                            "segment file "
                                    + fileName(end.getKey())
                                    + " is missing but "
                                    + end.getValue()
                                    + " bytes of it are referenced");
                }
            }
        } catch (IOException e) {
            files.close();
            throw new StoreException(
                    "cannot open segment files in " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
        return files;
    }

    private void recover(long shard, long committedEnd) throws IOException {
        FileChannel channel = channel(shard);
        long size = channel.size();
        if (size < committedEnd) {
            throw new StoreCorruptionException(
                    "segment file "
                            + fileName(shard)
                            + " has "
                            + size
                            + " bytes but "
                            + committedEnd
                            + " are referenced: acknowledged data was lost (a power failure with"
                            + " sync-writes off?); restore the store from a backup or delete it and sync again");
        }
        if (size > committedEnd) {
            LOG.info(
                    "Cutting {} unreferenced bytes (an interrupted write) from the end of {}",
                    size - committedEnd,
                    fileName(shard));
            channel.truncate(committedEnd);
            channel.force(true);
        }
        ends.put(shard, committedEnd);
    }

    long end(long shard) {
        return ends.getOrDefault(shard, 0L);
    }

    /** Appends the parts as one record at the end of the shard's file and returns its offset. */
    long append(long shard, ByteSlice... parts) {
        long offset = end(shard);
        long end;
        try {
            end =
                    onFile(
                            shard,
                            channel -> {
                                long at = offset;
                                for (ByteSlice part : parts) {
                                    ByteBuffer buffer =
                                            ByteBuffer.wrap(
                                                    part.array(), part.offset(), part.length());
                                    while (buffer.hasRemaining()) {
                                        at += channel.write(buffer, at);
                                    }
                                }
                                return at;
                            });
        } catch (IOException e) {
            throw new StoreWriteException(
                    "appending to " + fileName(shard) + " failed: " + e.getMessage(), e);
        }
        ends.put(shard, end);
        return offset;
    }

    /** Forces the shards' files to disk (data only: their sizes follow from the committed ends). */
    void force(Collection<Long> shards) {
        for (long shard : shards) {
            try {
                onFile(
                        shard,
                        channel -> {
                            channel.force(false);
                            return null;
                        });
            } catch (IOException e) {
                throw new StoreWriteException(
                        "fsync of " + fileName(shard) + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Cuts the shard's file to {@code end} bytes (after a failed write or a rollback). */
    void truncate(long shard, long end) {
        try {
            onFile(shard, channel -> channel.truncate(end));
        } catch (IOException e) {
            throw new StoreWriteException(
                    "truncating " + fileName(shard) + " failed: " + e.getMessage(), e);
        }
        ends.put(shard, end);
    }

    /** Overwrites a dropped record with zeros, so a rolled-back block leaves no bytes behind. */
    void zero(long shard, long offset, long length) {
        try {
            onFile(
                    shard,
                    channel -> {
                        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(length, 1 << 16));
                        long at = offset;
                        while (at < offset + length) {
                            zeros.clear()
                                    .limit((int) Math.min(zeros.capacity(), offset + length - at));
                            at += channel.write(zeros, at);
                        }
                        return null;
                    });
        } catch (IOException e) {
            throw new StoreWriteException(
                    "clearing a dropped record in " + fileName(shard) + " failed", e);
        }
    }

    /**
     * Reads {@code length} bytes at {@code offset}; null when the file ends before them (the record
     * was rolled back under the reader's feet, or the store is damaged: the caller decides).
     */
    byte[] read(long shard, long offset, int length) {
        try {
            return onFile(
                    shard,
                    channel -> {
                        ByteBuffer buffer = ByteBuffer.allocate(length);
                        long at = offset;
                        while (buffer.hasRemaining()) {
                            int n = channel.read(buffer, at);
                            if (n < 0) {
                                return null;
                            }
                            at += n;
                        }
                        return buffer.array();
                    });
        } catch (IOException e) {
            throw new StoreException(
                    "reading " + fileName(shard) + " failed: " + e.getMessage(), e);
        }
    }

    long fileSize(long shard) {
        try {
            return onFile(shard, FileChannel::size);
        } catch (IOException e) {
            throw new StoreException("reading the size of " + fileName(shard) + " failed", e);
        }
    }

    /**
     * An operation on a shard's file; retried once on a fresh channel if the cache closed this one
     * meanwhile.
     */
    @FunctionalInterface
    private interface FileOperation<T> {
        T apply(FileChannel channel) throws IOException;
    }

    private <T> T onFile(long shard, FileOperation<T> operation) throws IOException {
        try {
            return operation.apply(channel(shard));
        } catch (ClosedChannelException e) {
            return operation.apply(channel(shard)); // positional reads and writes: safe to repeat
        }
    }

    private FileChannel channel(long shard) throws IOException {
        synchronized (channels) {
            FileChannel channel = channels.get(shard);
            if (channel == null || !channel.isOpen()) {
                channel =
                        FileChannel.open(
                                directory.resolve(fileName(shard)),
                                StandardOpenOption.CREATE,
                                StandardOpenOption.READ,
                                StandardOpenOption.WRITE);
                channels.put(shard, channel);
            }
            return channel;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing a segment file failed", e);
        }
    }

    static String fileName(long shard) {
        return String.format("shard-%010d.seg", shard);
    }

    @Override
    public void close() {
        synchronized (channels) {
            channels.values().forEach(SegmentFiles::closeQuietly);
            channels.clear();
        }
    }
}
