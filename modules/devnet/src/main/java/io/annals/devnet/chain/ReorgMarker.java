package io.annals.devnet.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * Remembers, across restarts, the lowest block a reorg replaced in a generated store. A reused
 * store must hold the original chain (branch 0) so that it equals what the generator would produce
 * again; the marker is written before a reorg touches the store, and on the next open every block
 * above it is rolled back (and regenerated on branch 0 when the head gets there again).
 */
final class ReorgMarker {
    private final Path file;

    ReorgMarker(Path file) {
        this.file = file;
    }

    OptionalLong read() {
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(
                    Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reorg marker " + file, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "the reorg marker " + file + " does not hold a block number", e);
        }
    }

    /**
     * Records that blocks above {@code forkPoint} were replaced (keeping the lowest such point).
     */
    void record(long forkPoint) {
        OptionalLong existing = read();
        if (existing.isPresent() && existing.getAsLong() <= forkPoint) {
            return;
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, Long.toString(forkPoint), StandardCharsets.US_ASCII);
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reorg marker " + file, e);
        }
    }

    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the reorg marker " + file, e);
        }
    }
}
