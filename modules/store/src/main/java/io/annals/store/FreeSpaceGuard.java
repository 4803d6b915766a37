package io.annals.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses a write that adds blocks once the store's filesystem has less than the configured space
 * free. LevelDB (1.8, through leveldbjni) writes its log and tables through memory-mapped files: a
 * mapped write that finds the disk full raises SIGBUS and kills the whole process, where a failed
 * {@code write(2)} would have been an error to report. The segment files are written with ordinary
 * writes, so the store stops cleanly on a full disk only if LevelDB never meets one: it stops while
 * there is still room ({@code annals.store.min-free-space}).
 */
final class FreeSpaceGuard {
    private final Path directory;
    private final long minFreeBytes;
    private final FileStore fileStore;

    FreeSpaceGuard(Path directory, long minFreeBytes) {
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
        try {
            this.fileStore = Files.getFileStore(directory);
        } catch (IOException e) {
            throw new StoreException(
                    "cannot read the filesystem of " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws StoreWriteException when less than the reserve is free; nothing has been written
     */
    void check() {
        if (minFreeBytes == 0) {
            return;
        }
        long free;
        try {
            free = fileStore.getUsableSpace();
        } catch (IOException e) {
            throw new StoreWriteException(
                    "cannot read the free space of " + directory + ": " + e.getMessage(), e);
        }
        if (free < minFreeBytes) {
            throw new StoreWriteException(
                    "No space left on device for the store: "
                            + free
                            + " bytes free under "
                            + directory
                            + ", below the "
                            + minFreeBytes
                            + " it keeps free so that LevelDB never writes to a full disk"
                            + " (annals.store.min-free-space)",
                    null);
        }
    }
}
