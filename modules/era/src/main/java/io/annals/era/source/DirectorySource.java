package io.annals.era.source;

import io.annals.core.era.EraFileName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Era files in a local directory, with its {@code checksums.txt} when there is one. */
public record DirectorySource(Path directory) implements EraSource {

    @Override
    public List<EraListing> list() throws IOException {
        Path checksumFile = directory.resolve(Checksums.FILE_NAME);
        Map<String, String> checksums =
                Files.isRegularFile(checksumFile)
                        ? Checksums.parse(Files.readString(checksumFile, StandardCharsets.UTF_8))
                        : Map.of();
        List<EraListing> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                Optional<EraFileName> parsed = EraFileName.parse(name);
                if (parsed.isPresent() && Files.isRegularFile(file)) {
                    out.add(
                            new EraListing(
                                    name, parsed.get(), Optional.ofNullable(checksums.get(name))));
                }
            }
        }
        return out;
    }

    @Override
    public FetchedFile fetch(EraListing listing, Path workDir) {
        return new FetchedFile(directory.resolve(listing.fileName()), Optional.empty(), false);
    }

    @Override
    public String describe() {
        return directory.toString();
    }
}
