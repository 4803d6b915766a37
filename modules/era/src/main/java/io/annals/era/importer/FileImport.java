package io.annals.era.importer;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.KnownEpochs;
import io.annals.core.era.DecodedBlock;
import io.annals.core.era.EpochCheck;
import io.annals.core.era.EpochVerifier;
import io.annals.core.era.EraFile;
import io.annals.core.era.EraFileName;
import io.annals.core.era.EraFiles;
import io.annals.core.era.EraFormatException;
import io.annals.core.era.EraKind;
import io.annals.core.util.Hex;
import io.annals.era.source.EraListing;
import io.annals.era.source.EraSource;
import io.annals.era.source.FetchedFile;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.sync.write.FileBlockWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of an import, start to end: fetch, checksum, structure, verification of every block
 * ({@link EpochVerifier}), agreement with its neighbours ({@link NeighbourChecks}), then a second
 * read that stores the blocks in batches through the sync writer's path ({@link FileBlockWriter}).
 * Nothing is stored before every check passed; if the second read fails (the file changed, or the
 * writer refuses a block) what it stored is removed again.
 */
final class FileImport {
    private static final Logger LOG = LoggerFactory.getLogger(FileImport.class);

    /** A refusal: why, for the summary. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String reason) {
            super(reason, null, false, false);
        }
    }

    private final EraSource source;
    private final HistoryStore store;
    private final ChainSpec chain;
    private final FileBlockWriter writer;
    private final NeighbourChecks neighbours;
    private final ImportSettings settings;
    private final ImportListener listener;

    FileImport(
            EraSource source,
            HistoryStore store,
            ChainSpec chain,
            FileBlockWriter writer,
            NeighbourChecks neighbours,
            ImportSettings settings,
            ImportListener listener) {
        this.source = source;
        this.store = store;
        this.chain = chain;
        this.writer = writer;
        this.neighbours = neighbours;
        this.settings = settings;
        this.listener = listener;
    }

    FileOutcome run(EraListing listing) {
        listener.started(listing);
        try (FetchedFile fetched = source.fetch(listing, settings.workDir())) {
            checkSha256(listing, fetched);
            try (FileChannel channel = FileChannel.open(fetched.path(), StandardOpenOption.READ)) {
                EraFile file = EraFiles.open(channel, listing.name().kind(), settings.limits());
                checkName(listing.name(), file);
                EpochCheck check = new EpochVerifier(chain).verify(file);
                checkShortHash(listing.name(), check);
                Optional<String> disagreement = neighbours.admit(check);
                if (disagreement.isPresent()) {
                    throw new Refusal(disagreement.get());
                }
                return store(listing, file, check);
            }
        } catch (EraFormatException e) {
            return refused(listing, e.getMessage());
        } catch (Refusal e) {
            return refused(listing, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return refused(listing, "it cannot be read: " + e.getMessage());
        }
    }

    private FileOutcome refused(EraListing listing, String reason) {
        LOG.warn("refused {}: {}", listing.fileName(), reason);
        return new FileOutcome.Refused(listing.fileName(), reason);
    }

    private void checkSha256(EraListing listing, FetchedFile fetched) throws IOException, Refusal {
        Optional<String> published = chain.knownEpochs().sha256(listing.fileName());
        if (listing.sha256().isEmpty() && published.isEmpty()) {
            return;
        }
        String actual = fetched.sha256().isPresent() ? fetched.sha256().get() : sha256(fetched);
        if (listing.sha256().isPresent() && !listing.sha256().get().equals(actual)) {
            throw new Refusal(
                    "its SHA-256 is "
                            + actual
                            + ", but the source's checksums.txt says "
                            + listing.sha256().get());
        }
        if (published.isPresent()) {
            // A file of a published name but other bytes may still be valid (another writer's
            // compression); its content checks decide. Say which it is.
            LOG.info(
                    "{} {} the file {} publishes",
                    listing.fileName(),
                    published.get().equals(actual) ? "is" : "is not byte for byte",
                    chain.name());
        }
    }

    private static void checkName(EraFileName name, EraFile file) throws Refusal {
        if (file.startBlock() != name.startBlock()) {
            throw new Refusal(
                    "its name says era "
                            + name.epoch()
                            + " (block "
                            + name.startBlock()
                            + "), but it starts at block "
                            + file.startBlock());
        }
        if (file.kind() == EraKind.ERA1 && file.accumulatorRoot().isPresent()) {
            String prefix = file.accumulatorRoot().get().toHex().substring(2, 10);
            if (!prefix.equals(name.shortHash())) {
                throw new Refusal(
                        "its name carries root prefix "
                                + name.shortHash()
                                + ", but its accumulator root is "
                                + file.accumulatorRoot().get());
            }
        }
    }

    private static void checkShortHash(EraFileName name, EpochCheck check) throws Refusal {
        if (name.kind() == EraKind.ERAE
                && !check.lastHash().toHex().substring(2, 10).equals(name.shortHash())) {
            throw new Refusal(
                    "its name carries hash prefix "
                            + name.shortHash()
                            + ", but its last block is "
                            + check.lastHash());
        }
    }

    private FileOutcome store(EraListing listing, EraFile file, EpochCheck check) throws Refusal {
        int written = 0;
        int alreadyStored = 0;
        List<long[]> stored = new ArrayList<>();
        List<FullBlock> batch = new ArrayList<>(settings.batchBlocks());
        long from = Math.max(store.startBlock(), file.startBlock());
        try {
            for (int i = (int) (from - file.startBlock()); i < file.blockCount(); i++) {
                DecodedBlock block = EpochVerifier.reread(file, i, check);
                batch.add(new FullBlock(block.header(), block.body(), block.receipts()));
                if (batch.size() == settings.batchBlocks() || i == file.blockCount() - 1) {
                    List<Long> fresh = new ArrayList<>();
                    batch.stream()
                            .map(FullBlock::number)
                            .filter(n -> !store.isPresent(n))
                            .forEach(fresh::add);
                    FileBlockWriter.Outcome outcome =
                            writer.write("era:" + listing.fileName(), batch);
                    if (!outcome.refused().isEmpty()) {
                        FileBlockWriter.Refused first = outcome.refused().get(0);
                        throw new Refusal(
                                "block "
                                        + first.number()
                                        + " refused at the store: "
                                        + first.reason());
                    }
                    fresh.forEach(n -> addTo(stored, n));
                    written += outcome.written();
                    alreadyStored += outcome.alreadyStored();
                    listener.stored(listing, batch.size());
                    batch.clear();
                }
            }
        } catch (EraFormatException | Refusal e) {
            undo(stored);
            throw e instanceof Refusal refusal ? refusal : new Refusal(e.getMessage());
        }
        KnownEpochs.Verdict trust = check.trust();
        return new FileOutcome.Imported(
                listing.fileName(), from, file.lastBlock(), written, alreadyStored, trust);
    }

    /** Adds {@code number} to ascending runs, extending the last when it follows it. */
    private static void addTo(List<long[]> runs, long number) {
        if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == number - 1) {
            runs.get(runs.size() - 1)[1] = number;
        } else {
            runs.add(new long[] {number, number});
        }
    }

    /** Removes the runs this file stored (they were not there before it), at most 1,024 at once. */
    private void undo(List<long[]> runs) {
        for (long[] run : runs) {
            for (long first = run[0]; first <= run[1]; first += HistoryStore.MAX_ATOMIC_ROLLBACK) {
                store.removeRange(
                        first, Math.min(run[1], first + HistoryStore.MAX_ATOMIC_ROLLBACK - 1));
            }
        }
    }

    private static String sha256(FetchedFile fetched) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(fetched.path())) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return Hex.encode(sha.digest());
    }
}
