package io.annals.era;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.era.E2Entry;
import io.annals.core.era.E2StoreReader;
import io.annals.core.era.EpochContent;
import io.annals.core.era.EraEWriter;
import io.annals.core.era.EraFileName;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipts;
import io.annals.devnet.chain.BlockGenerator;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.devnet.chain.ParallelComposer;
import io.annals.era.export.EraExporter;
import io.annals.era.importer.EraImporter;
import io.annals.era.importer.FileOutcome;
import io.annals.era.importer.ImportListener;
import io.annals.era.importer.ImportSummary;
import io.annals.era.source.EraSource;
import io.annals.era.source.HttpSource;
import io.annals.store.HistoryStore;
import io.annals.store.StoredReceipt;
import io.annals.sync.chain.Checkpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and foreign files, each refused with an error that names the file and the block, with
 * nothing of it stored; the other files imported or not, by the keep-going flag.
 */
class BadFilesTest {
    static final long EPOCH1 = 8192;

    @TempDir Path dir;

    /** The export's eraE file of epoch 1 (161 post-merge blocks). */
    static String epoch1() {
        return EraFixture.fileNames().get(1);
    }

    @Test
    void aTruncatedEntry() throws Exception {
        Path files = copy();
        Path file = files.resolve(epoch1());
        E2Entry body = entries(file).get(1 + 161 + 40);
        byte[] bytes = Files.readAllBytes(file);
        byte[] cut = new byte[bytes.length - 5];
        int end = (int) body.end() - 5;
        System.arraycopy(bytes, 0, cut, 0, end);
        System.arraycopy(bytes, end + 5, cut, end, bytes.length - end - 5);
        Files.write(file, cut);
        assertRefusedAlone(files, epoch1(), "block " + (EPOCH1 + 40));
    }

    @Test
    void aWrongIndexOffset() throws Exception {
        Path files = copy();
        Path file = files.resolve(epoch1());
        byte[] bytes = Files.readAllBytes(file);
        // DynamicBlockIndex: start | 161 x (header, body, receipts) | components | count
        int index = bytes.length - 8 - (8 + 8 * 161 * 3 + 16);
        int slot = index + 8 + 8 + 8 * (7 * 3);
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        le.putLong(slot, le.getLong(slot) + 16);
        Files.write(file, bytes);
        assertRefusedAlone(files, epoch1(), "DynamicBlockIndex offset of block " + (EPOCH1 + 7));
    }

    @Test
    void aFlippedByteInACompressedBody() throws Exception {
        Path files = copy();
        Path file = files.resolve(epoch1());
        E2Entry body = largestBody(file);
        long block = EPOCH1 + (entries(file).indexOf(body) - 1 - 161);
        flip(file, body.end() - 3);
        assertRefusedAlone(files, epoch1(), "block " + block);
    }

    @Test
    void aHeaderThatDoesNotLink() throws Exception {
        Path files = copy();
        HistoryStore source = EraFixture.chain().store();
        Files.delete(files.resolve(epoch1()));
        Hash forged =
                rewriteEpoch1(files, source, 50, h -> h.toBuilder().parentHash(Hash.ZERO).build());
        String name = EraFileName.eraE("devnet", 1, forged).toString();
        assertRefusedAlone(files, name, "block " + (EPOCH1 + 50) + " (entry at byte");
        assertRefusedAlone(files, name, "does not link");
    }

    @Test
    void aChecksumThatDiffers() throws Exception {
        Path files = copy(true);
        Path sums = files.resolve("checksums.txt");
        String text = Files.readString(sums);
        String line = text.lines().filter(l -> l.endsWith(epoch1())).findFirst().orElseThrow();
        Files.writeString(sums, text.replace(line, "00".repeat(32) + "  " + epoch1()));
        assertRefusedAlone(files, epoch1(), "SHA-256");
    }

    @Test
    void aFileOfAnotherNetworkByName() throws Exception {
        Path files = copy();
        String renamed = epoch1().replace("devnet-", "sepolia-");
        Files.move(files.resolve(epoch1()), files.resolve(renamed));
        ImportSummary summary = runImport(files, EPOCH1, true);
        assertThat(refusal(summary, renamed)).contains("named for network sepolia");
    }

    @Test
    void aFileOfAnotherNetworkByContent() throws Exception {
        // another devnet (another seed, so another genesis) named like ours
        Path other = dir.resolve("other-chain");
        try (GeneratedChain chain =
                        GeneratedChain.open(
                                other,
                                new BlockGenerator(EraFixture.PARAMS.withSeed(99).withMergeAt(0)));
                ParallelComposer composer = new ParallelComposer(1)) {
            chain.extendTo(40, 0, composer, head -> {});
            new EraExporter(chain.store(), chain.spec()).export(0, 40, dir.resolve("foreign"));
        }
        String name;
        try (var listing = Files.list(dir.resolve("foreign"))) {
            name =
                    listing.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".ere"))
                            .findFirst()
                            .orElseThrow();
        }
        try (HistoryStore store = EraFixture.emptyStore(dir.resolve("store"), 0)) {
            ImportSummary summary =
                    importer(store, true)
                            .run(
                                    EraSource.of(
                                            dir.resolve("foreign").toString(),
                                            HttpSource.Settings.DEFAULT));
            assertThat(refusal(summary, name))
                    .contains("block 0")
                    .contains("not the genesis of devnet");
            assertThat(store.presentRanges()).isEmpty();
        }
    }

    @Test
    void aWrongAccumulatorRootStopsTheImportOrNotByTheFlag() throws Exception {
        // the short chain: era1 of blocks 0..99, eraE of 0..140
        Path files = Files.createTempDirectory(dir, "small");
        try (var listing = Files.list(EraFixture.smallExported())) {
            for (Path file : listing.toList()) {
                if (!file.getFileName().toString().equals("checksums.txt")) {
                    Files.copy(file, files.resolve(file.getFileName()));
                }
            }
        }
        String era1;
        try (var listing = Files.list(files)) {
            era1 =
                    listing.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".era1"))
                            .findFirst()
                            .orElseThrow();
        }
        List<E2Entry> entries = entries(files.resolve(era1));
        E2Entry accumulator = entries.get(entries.size() - 2);
        flip(files.resolve(era1), accumulator.valueOffset() + 31);
        try (HistoryStore store = smallStore("stop")) {
            ImportSummary summary =
                    sequential(store, false)
                            .run(EraSource.of(files.toString(), HttpSource.Settings.DEFAULT));
            assertThat(refusal(summary, era1))
                    .contains("accumulator root recomputed over blocks 0..99");
            assertThat(summary.describe())
                    .anyMatch(line -> line.startsWith("refused " + era1 + ": "));
            assertThat(summary.notAttempted()).isEqualTo(1);
            assertThat(summary.describe().get(0)).contains("1 refused, 1 not attempted");
            assertThat(store.presentRanges()).isEmpty();
        }
        try (HistoryStore store = smallStore("keep-going")) {
            ImportSummary summary =
                    sequential(store, true)
                            .run(EraSource.of(files.toString(), HttpSource.Settings.DEFAULT));
            assertThat(summary.refused()).hasSize(1);
            assertThat(summary.imported()).isEqualTo(1);
            // the merge epoch's eraE file holds the blocks the refused era1 file did, and more
            assertThat(store.contiguousHead()).hasValue(EraFixture.SMALL_HEAD);
        }
    }

    private HistoryStore smallStore(String name) {
        return HistoryStore.open(
                dir.resolve(name),
                new io.annals.store.ChainIdentity(
                        EraFixture.SMALL_PARAMS.chainId(), EraFixture.small().spec().genesisHash()),
                io.annals.store.StoreSettings.defaults().withSyncWrites(false));
    }

    /**
     * Imports {@code files} into a store starting at epoch 1: {@code name} refused, nothing of it
     * stored.
     */
    private void assertRefusedAlone(Path files, String name, String expected) throws IOException {
        Path storeDir = Files.createTempDirectory(dir, "store");
        try (HistoryStore store = EraFixture.emptyStore(storeDir, EPOCH1)) {
            ImportSummary summary =
                    importer(store, true)
                            .run(EraSource.of(files.toString(), HttpSource.Settings.DEFAULT));
            assertThat(refusal(summary, name)).contains(expected);
            assertThat(summary.describe())
                    .anyMatch(line -> line.startsWith("refused " + name + ": "));
            assertThat(store.presentRanges()).isEmpty();
        }
    }

    private static String refusal(ImportSummary summary, String name) {
        return summary.refused().stream()
                .filter(r -> r.fileName().equals(name))
                .map(FileOutcome.Refused::reason)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(name + " was not refused: " + summary.outcomes()));
    }

    private ImportSummary runImport(Path files, long start, boolean keepGoing) throws IOException {
        try (HistoryStore store =
                EraFixture.emptyStore(Files.createTempDirectory(dir, "store"), start)) {
            return importer(store, keepGoing)
                    .run(EraSource.of(files.toString(), HttpSource.Settings.DEFAULT));
        }
    }

    private EraImporter importer(HistoryStore store, boolean keepGoing) {
        return new EraImporter(
                store,
                EraFixture.spec(),
                Checkpoints.NONE,
                ExportImportTest.settings(dir.resolve("work")).withKeepGoing(keepGoing),
                ImportListener.NONE);
    }

    private EraImporter sequential(HistoryStore store, boolean keepGoing) {
        return new EraImporter(
                store,
                EraFixture.small().spec(),
                Checkpoints.NONE,
                ExportImportTest.settings(dir.resolve("work")).withKeepGoing(keepGoing).withJobs(1),
                ImportListener.NONE);
    }

    /** The exported files without checksums.txt, which would refuse any change first. */
    private Path copy() throws IOException {
        return copy(false);
    }

    private Path copy(boolean withChecksums) throws IOException {
        Path files = Files.createTempDirectory(dir, "files");
        Files.delete(files);
        EraFixture.copyTo(files, withChecksums);
        return files;
    }

    private static List<E2Entry> entries(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new E2StoreReader(channel).scan(0, 1 << 20);
        }
    }

    private static E2Entry largestBody(Path file) throws IOException {
        List<E2Entry> entries = entries(file);
        return entries.subList(1 + 161, 1 + 2 * 161).stream()
                .max(java.util.Comparator.comparingLong(E2Entry::length))
                .orElseThrow();
    }

    private static void flip(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= 0x10;
        Files.write(file, bytes);
    }

    /** Writes epoch 1 again with one header changed; returns its last block's hash. */
    private static Hash rewriteEpoch1(
            Path files,
            HistoryStore source,
            int victim,
            java.util.function.UnaryOperator<BlockHeader> change)
            throws IOException {
        int n = (int) (EraFixture.HEAD - EPOCH1 + 1);
        Path temporary = files.resolve("rewritten.tmp");
        EraEWriter.Written written;
        try (OutputStream out = Files.newOutputStream(temporary)) {
            written =
                    EraEWriter.write(
                            out,
                            new EpochContent() {
                                BlockHeader header(long number) {
                                    BlockHeader h = source.header(number).orElseThrow();
                                    return number == EPOCH1 + victim ? change.apply(h) : h;
                                }

                                @Override
                                public long startBlock() {
                                    return EPOCH1;
                                }

                                @Override
                                public int blockCount() {
                                    return n;
                                }

                                @Override
                                public byte[] header(int index) {
                                    return header(EPOCH1 + index).encoding();
                                }

                                @Override
                                public Hash hash(int index) {
                                    return header(EPOCH1 + index).hash();
                                }

                                @Override
                                public byte[] body(int index) {
                                    return source.bodyRlp(EPOCH1 + index).orElseThrow();
                                }

                                @Override
                                public byte[] slimReceipts(int index) {
                                    return Receipts.encodeEth69List(
                                            source
                                                    .receipts(EPOCH1 + index)
                                                    .orElseThrow()
                                                    .receipts()
                                                    .stream()
                                                    .map(StoredReceipt::receipt)
                                                    .toList());
                                }

                                @Override
                                public Optional<BigInteger> totalDifficulty(int index) {
                                    return Optional.empty();
                                }
                            });
        }
        Files.move(
                temporary,
                files.resolve(EraFileName.eraE("devnet", 1, written.lastHash()).toString()));
        return written.lastHash();
    }
}
