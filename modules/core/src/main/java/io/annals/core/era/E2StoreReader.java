package io.annals.core.era;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads e2store entries from a channel the caller opened, one entry at a time: an entry's header is
 * checked (reserved bytes zero, a value that fits in the file) before its value is read, and a
 * value is read only up to a bound the caller gives, so no file is ever held in memory whole.
 *
 * <p>Format: <a
 * href="https://github.com/status-im/nimbus-eth2/blob/613f4a9a50c9c4bd8568844eaffb3ac15d067e56/docs/e2store.md">e2store</a>
 * (Nimbus): {@code header := type: [2]byte | length: uint32 LE | reserved: [2]byte (zero)}, then
 * {@code length} bytes of value. Not thread-safe: one reader per thread.
 */
public final class E2StoreReader {
    private final SeekableByteChannel channel;
    private final long size;
    private final ByteBuffer header =
            ByteBuffer.allocate(E2Entry.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);

    public E2StoreReader(SeekableByteChannel channel) {
        this.channel = channel;
        try {
            this.size = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file's size", e);
        }
    }

    /** The file's size in bytes. */
    public long size() {
        return size;
    }

    /**
     * The entry whose header starts at {@code offset}.
     *
     * @throws EraFormatException when the header lies outside the file, its reserved bytes are not
     *     zero, or its value runs past the end of the file (a truncated entry)
     */
    public E2Entry entryAt(long offset) {
        if (offset < 0 || offset > size - E2Entry.HEADER_SIZE) {
            throw EraFormatException.atEntry(
                    offset, "no entry header fits there (the file has " + size + " bytes)");
        }
        header.clear();
        readFully(offset, header);
        header.flip();
        int type = header.getShort(0) & 0xffff;
        long length = header.getInt(2) & 0xffffffffL;
        int reserved = header.getShort(6) & 0xffff;
        if (reserved != 0) {
            throw EraFormatException.atEntry(
                    offset,
                    "reserved header bytes are not zero (" + EntryTypes.describe(type) + ")");
        }
        E2Entry entry = new E2Entry(offset, type, length);
        if (entry.end() > size) {
            throw EraFormatException.atEntry(
                    offset,
                    EntryTypes.describe(type)
                            + " of "
                            + length
                            + " bytes is truncated: the file ends "
                            + (entry.end() - size)
                            + " bytes early");
        }
        return entry;
    }

    /** The entry at {@code offset}, which must be of {@code type}. */
    public E2Entry entryAt(long offset, int type) {
        E2Entry entry = entryAt(offset);
        if (entry.type() != type) {
            throw EraFormatException.atEntry(
                    offset,
                    "expected "
                            + EntryTypes.describe(type)
                            + ", found "
                            + EntryTypes.describe(entry.type()));
        }
        return entry;
    }

    /**
     * Reads the value of {@code entry}.
     *
     * @throws EraFormatException when it is longer than {@code maxLength}
     */
    public byte[] value(E2Entry entry, int maxLength) {
        if (entry.length() > maxLength) {
            throw EraFormatException.atEntry(
                    entry.offset(),
                    EntryTypes.describe(entry.type())
                            + " of "
                            + entry.length()
                            + " bytes is larger than the limit of "
                            + maxLength);
        }
        byte[] value = new byte[(int) entry.length()];
        readFully(entry.valueOffset(), ByteBuffer.wrap(value));
        return value;
    }

    /** {@code length} raw bytes at {@code offset}, which must lie within the file. */
    public byte[] valueAt(long offset, int length) {
        if (offset < 0 || offset > size - length) {
            throw EraFormatException.atEntry(
                    offset, "reading " + length + " bytes past the end of the file");
        }
        byte[] out = new byte[length];
        readFully(offset, ByteBuffer.wrap(out));
        return out;
    }

    /**
     * The entries from {@code from} to the end of the file, in order, reading only their headers.
     *
     * @throws EraFormatException when an entry is malformed, or there are more than {@code
     *     maxEntries}
     */
    public List<E2Entry> scan(long from, int maxEntries) {
        List<E2Entry> entries = new ArrayList<>();
        long at = from;
        while (at < size) {
            if (entries.size() == maxEntries) {
                throw EraFormatException.atEntry(
                        at, "more than " + maxEntries + " entries: not an era file of one epoch");
            }
            E2Entry entry = entryAt(at);
            entries.add(entry);
            at = entry.end();
        }
        return entries;
    }

    private void readFully(long position, ByteBuffer into) {
        try {
            channel.position(position);
            while (into.hasRemaining()) {
                if (channel.read(into) < 0) {
                    throw EraFormatException.atEntry(position, "the file ended while reading");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading at byte " + position + " failed", e);
        }
    }
}
