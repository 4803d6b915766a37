package io.annals.era.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where era files come from: a local directory, or an HTTP mirror with an index page (and perhaps a
 * {@code checksums.txt}), as the public era mirrors serve them.
 */
public sealed interface EraSource permits DirectorySource, HttpSource {

    /** The era files offered, in no particular order. */
    List<EraListing> list() throws IOException;

    /**
     * The file, where it can be read: the file itself for a directory, a downloaded copy in {@code
     * workDir} for a mirror (deleted by {@link FetchedFile#close}).
     */
    FetchedFile fetch(EraListing listing, Path workDir) throws IOException;

    /** For messages: the directory or URL. */
    String describe();

    /**
     * A directory path or an {@code http(s)://} URL.
     *
     * @throws IllegalArgumentException when it is neither an existing directory nor such a URL
     */
    static EraSource of(String location, HttpSource.Settings http) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return new HttpSource(
                    URI.create(location.endsWith("/") ? location : location + "/"), http);
        }
        Path dir = Path.of(location);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "era source " + location + " is neither a directory nor an http(s) URL");
        }
        return new DirectorySource(dir);
    }
}
