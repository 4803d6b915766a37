package io.annals.era;

import io.annals.core.chain.ChainSpec;
import io.annals.devnet.chain.BlockGenerator;
import io.annals.devnet.chain.ChainParameters;
import io.annals.devnet.chain.ChainShape;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.devnet.chain.ParallelComposer;
import io.annals.devnet.chain.TransactionMix;
import io.annals.era.export.EraExporter;
import io.annals.store.ChainIdentity;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Devnet chains with a merge, generated once per test JVM (and kept under target/ across runs:
 * generation is deterministic), and their exports. The long chain merges at the epoch boundary: an
 * era1 file of epoch 0 (all proof of work) and an eraE file of part of epoch 1 (all proof of stake,
 * no total difficulty); the short one merges at block 100: an era1 file of 0..99 and the merge
 * epoch's eraE file of 0..140, both sides of the merge in one file.
 */
public final class EraFixture {
    public static final long MERGE = 8_192;
    public static final long HEAD = 8_192 + 160;

    /** Near-empty blocks: the long chain is about epochs and file kinds, not volume. */
    static final ChainShape SHAPE =
            new ChainShape(0, 2, 0.5, 2.0, 2, 2, 36_000_000L, 6, TransactionMix.MAINNET);

    public static final ChainParameters PARAMS =
            ChainParameters.mainnetLike(17).withShape(SHAPE).withMergeAt(MERGE);

    /**
     * A short chain with a merge at block 100: an era1 file of 0..99 and an eraE file of 0..140.
     */
    public static final ChainParameters SMALL_PARAMS =
            ChainParameters.mainnetLike(18).withShape(ChainShape.SMALL).withMergeAt(100);

    public static final long SMALL_HEAD = 140;

    private static GeneratedChain chain;
    private static Path exported;
    private static GeneratedChain small;
    private static Path smallExported;

    private EraFixture() {}

    static Path root() {
        return Path.of("target", "era-fixture").toAbsolutePath();
    }

    public static synchronized GeneratedChain chain() {
        if (chain == null) {
            GeneratedChain opened = GeneratedChain.open(root(), new BlockGenerator(PARAMS));
            try (ParallelComposer composer = new ParallelComposer(2)) {
                opened.extendTo(HEAD, 0, composer, head -> {});
            }
            chain = opened;
        }
        return chain;
    }

    public static synchronized GeneratedChain small() {
        if (small == null) {
            GeneratedChain opened = GeneratedChain.open(root(), new BlockGenerator(SMALL_PARAMS));
            try (ParallelComposer composer = new ParallelComposer(1)) {
                opened.extendTo(SMALL_HEAD, 0, composer, head -> {});
            }
            small = opened;
        }
        return small;
    }

    /** The short chain's export. */
    public static synchronized Path smallExported() {
        if (smallExported == null) {
            Path dir = root().resolve("export-small-" + ProcessHandle.current().pid());
            try {
                new EraExporter(small().store(), small().spec()).export(0, SMALL_HEAD, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            smallExported = dir;
        }
        return smallExported;
    }

    public static ChainSpec spec() {
        return chain().spec();
    }

    /** The exported files (a fresh export per JVM); copy them before changing any. */
    public static synchronized Path exported() {
        if (exported == null) {
            Path dir = root().resolve("export-" + ProcessHandle.current().pid());
            chain();
            try (Stream<Path> old = Files.list(root())) {
                for (Path stale :
                        old.filter(
                                        p ->
                                                p.getFileName().toString().startsWith("export-")
                                                        && !p.getFileName()
                                                                .toString()
                                                                .endsWith(
                                                                        "-"
                                                                                + ProcessHandle
                                                                                        .current()
                                                                                        .pid()))
                                .toList()) {
                    deleteTree(stale);
                }
                new EraExporter(chain().store(), spec()).export(0, HEAD, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            exported = dir;
        }
        return exported;
    }

    /** The exported file names, sorted. */
    public static List<String> fileNames() {
        try (Stream<Path> files = Files.list(exported())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("checksums.txt"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the export into {@code dir} (with checksums.txt unless {@code withChecksums} is off).
     */
    public static void copyTo(Path dir, boolean withChecksums) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(exported())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (withChecksums || !file.getFileName().toString().equals("checksums.txt")) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
        }
    }

    /** A new empty store for this chain in {@code dir}. */
    public static HistoryStore emptyStore(Path dir, long startBlock) {
        return HistoryStore.open(
                dir,
                new ChainIdentity(PARAMS.chainId(), spec().genesisHash()),
                StoreSettings.defaults().withStartBlock(startBlock).withSyncWrites(false));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
