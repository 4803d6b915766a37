package io.annals.era.sync;

import io.annals.core.chain.ChainSpec;
import io.annals.core.era.EpochCheck;
import io.annals.core.era.EpochVerifier;
import io.annals.core.era.EraFile;
import io.annals.core.era.EraFiles;
import io.annals.core.era.EraFormatException;
import io.annals.era.importer.ImportSettings;
import io.annals.era.source.EraListing;
import io.annals.era.source.EraSource;
import io.annals.era.source.FetchedFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The era files a sync source serves from: fetched and verified in full on first use, at most two
 * kept open (a batch may straddle two epochs), a refused or unreadable one remembered so that it is
 * not fetched again. Used from one thread.
 */
final class EpochFiles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EpochFiles.class);
    private static final int OPEN_FILES = 2;

    /** An open, verified file. */
    record Open(
            EraListing listing,
            FetchedFile fetched,
            FileChannel channel,
            EraFile era,
            EpochCheck check) {}

    private final Map<EraListing, EraSource> origin;
    private final ChainSpec chain;
    private final ImportSettings settings;
    private final Map<EraListing, String> refused = new HashMap<>();
    private final LinkedHashMap<EraListing, Open> open = new LinkedHashMap<>(4, 0.75f, true);

    EpochFiles(Map<EraListing, EraSource> origin, ChainSpec chain, ImportSettings settings) {
        this.origin = origin;
        this.chain = chain;
        this.settings = settings;
    }

    /** The verified file, or null when it was refused or cannot be read (logged once). */
    Open open(EraListing listing) {
        Open file = open.get(listing);
        if (file != null || refused.containsKey(listing)) {
            return file;
        }
        FetchedFile fetched = null;
        FileChannel channel = null;
        try {
            fetched = origin.get(listing).fetch(listing, settings.workDir());
            channel = FileChannel.open(fetched.path(), StandardOpenOption.READ);
            EraFile era = EraFiles.open(channel, listing.name().kind(), settings.limits());
            if (era.startBlock() != listing.name().startBlock()) {
                throw EraFormatException.ofFile(
                        "its name says era "
                                + listing.name().epoch()
                                + " but it starts at block "
                                + era.startBlock());
            }
            EpochCheck check = new EpochVerifier(chain).verify(era);
            file = new Open(listing, fetched, channel, era, check);
            LOG.info(
                    "serving blocks {}..{} from {} (verified; {})",
                    era.startBlock(),
                    era.lastBlock(),
                    listing.fileName(),
                    check.trust());
        } catch (IOException | RuntimeException e) {
            refused.put(listing, e.getMessage());
            LOG.error("refused {} as a sync source: {}", listing.fileName(), e.getMessage());
            closeQuietly(channel, fetched);
            return null;
        }
        open.put(listing, file);
        if (open.size() > OPEN_FILES) {
            var eldest = open.entrySet().iterator().next();
            open.remove(eldest.getKey());
            closeQuietly(eldest.getValue().channel(), eldest.getValue().fetched());
        }
        return file;
    }

    /**
     * The last header of {@code listing}'s file, read without verifying the file (it is a hint of
     * the head; the blocks are verified when served).
     *
     * @throws IOException when the file cannot be fetched or read
     */
    io.annals.core.types.BlockHeader lastHeader(EraListing listing) throws IOException {
        try (FetchedFile fetched = origin.get(listing).fetch(listing, settings.workDir());
                FileChannel channel = FileChannel.open(fetched.path(), StandardOpenOption.READ)) {
            EraFile era = EraFiles.open(channel, listing.name().kind(), settings.limits());
            return io.annals.core.types.BlockHeader.decode(era.header(era.blockCount() - 1));
        } catch (RuntimeException e) {
            throw new IOException(
                    "cannot read the last era file " + listing.fileName() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        open.values().forEach(file -> closeQuietly(file.channel(), file.fetched()));
        open.clear();
    }

    private static void closeQuietly(FileChannel channel, FetchedFile fetched) {
        try {
            if (channel != null) {
                channel.close();
            }
            if (fetched != null) {
                fetched.close();
            }
        } catch (IOException e) {
            LOG.debug("closing an era file failed", e);
        }
    }
}
