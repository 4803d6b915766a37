package io.annals.era.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An era file on local disk, ready to read: {@code sha256} is known when it was computed on the way
 * (a download). A temporary copy is deleted on close.
 */
public record FetchedFile(Path path, Optional<String> sha256, boolean temporary)
        implements AutoCloseable {

    @Override
    public void close() throws IOException {
        if (temporary) {
            Files.deleteIfExists(path);
        }
    }
}
