package io.annals.era.importer;

import io.annals.core.chain.ChainSpec;
import io.annals.core.era.EraKind;
import io.annals.era.source.EraListing;
import io.annals.era.source.EraSource;
import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.sync.chain.Checkpoints;
import io.annals.sync.write.FileBlockWriter;
import io.annals.sync.write.SyncStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Imports the era files of a source into the store: in epoch order, {@link ImportSettings#jobs}
 * files at once, each verified in full before anything of it is stored, and stored through the same
 * checks and store write as sync ({@link FileBlockWriter}), so the tables, canonical index and log
 * index are identical whichever way a block arrived.
 *
 * <p><b>Resumable and idempotent.</b> The store is the only record of progress: a file whose blocks
 * are all stored is skipped without being read, one partly stored (a run killed in its middle:
 * every store write is one atomic batch) is verified again and its missing blocks stored. Running
 * an import twice stores nothing the second time.
 *
 * <p><b>Refusals.</b> A file of another network (by its name, its genesis, the chain's known epoch
 * roots or its links to stored blocks), a broken file, one whose checksum differs from the source's
 * {@code checksums.txt}: refused, naming the file, the block and the check; the import goes on with
 * the other files when {@link ImportSettings#keepGoing}, else stops after the files already
 * running. A store failure (disk full) stops everything and is thrown.
 */
public final class EraImporter {
    private final HistoryStore store;
    private final ChainSpec chain;
    private final ImportSettings settings;
    private final ImportListener listener;
    private final FileBlockWriter writer;

    public EraImporter(
            HistoryStore store,
            ChainSpec chain,
            Checkpoints checkpoints,
            ImportSettings settings,
            ImportListener listener) {
        this.store = store;
        this.chain = chain;
        this.settings = settings;
        this.listener = listener;
        this.writer = new FileBlockWriter(SyncStore.of(store), checkpoints);
    }

    public ImportSummary run(EraSource source) throws IOException {
        long started = System.nanoTime();
        List<EraListing> listings = new ArrayList<>(source.list());
        listings.sort(
                Comparator.comparingLong((EraListing l) -> l.name().epoch())
                        .thenComparing(l -> l.name().kind() == EraKind.ERA1 ? 0 : 1)
                        .thenComparing(EraListing::fileName));
        listener.planned(listings.size());
        NeighbourChecks neighbours = new NeighbourChecks(store);
        FileImport files =
                new FileImport(source, store, chain, writer, neighbours, settings, listener);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger refusedFirst = new AtomicInteger(-1);
        List<Future<FileOutcome>> futures = new ArrayList<>();
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        settings.jobs(),
                        r -> {
                            Thread t = new Thread(r, "era-import");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            for (int i = 0; i < listings.size(); i++) {
                EraListing listing = listings.get(i);
                int ordinal = i;
                futures.add(
                        pool.submit(
                                () -> {
                                    FileOutcome outcome =
                                            attempt(listing, files, stop, listings, refusedFirst);
                                    if (outcome instanceof FileOutcome.Refused
                                            && !settings.keepGoing()) {
                                        if (stop.compareAndSet(false, true)) {
                                            refusedFirst.set(ordinal);
                                        }
                                    }
                                    listener.finished(outcome);
                                    return outcome;
                                }));
            }
            List<FileOutcome> outcomes = new ArrayList<>(futures.size());
            for (Future<FileOutcome> future : futures) {
                outcomes.add(await(future, stop));
            }
            return new ImportSummary(
                    source.describe(), outcomes, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            pool.shutdownNow();
        }
    }

    private FileOutcome attempt(
            EraListing listing,
            FileImport files,
            AtomicBoolean stop,
            List<EraListing> listings,
            AtomicInteger refusedFirst)
            throws IOException {
        if (stop.get()) {
            int first = refusedFirst.get();
            return new FileOutcome.NotAttempted(
                    listing.fileName(),
                    "the import stopped after "
                            + (first >= 0 ? listings.get(first).fileName() : "an earlier file")
                            + " was refused (keep-going is off)");
        }
        if (!listing.name().network().equals(chain.name())) {
            return new FileOutcome.Refused(
                    listing.fileName(),
                    "the file is named for network "
                            + listing.name().network()
                            + ", but this store holds "
                            + chain.name());
        }
        long first = listing.name().startBlock();
        long last = first + io.annals.core.era.EpochAccumulator.EPOCH_SIZE - 1;
        if (last < store.startBlock()) {
            return new FileOutcome.Skipped(
                    listing.fileName(), "below the store's start block " + store.startBlock());
        }
        if (coveredUpTo(Math.max(first, store.startBlock()), last)) {
            return new FileOutcome.Skipped(listing.fileName(), "every block is stored already");
        }
        return files.run(listing);
    }

    /**
     * Whether every block from {@code first} to the end of the epoch or to the store's highest run
     * is present: for the merge epoch's and the last file, which hold fewer blocks.
     */
    private boolean coveredUpTo(long first, long last) {
        for (BlockRange run : store.presentRanges()) {
            if (run.first() <= first && run.last() >= last) {
                return true;
            }
        }
        return false;
    }

    private static FileOutcome await(Future<FileOutcome> future, AtomicBoolean stop)
            throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the import was interrupted", e);
        } catch (ExecutionException e) {
            stop.set(true);
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }
}
