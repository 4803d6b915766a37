package io.annals.era;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.era.E2Entry;
import io.annals.core.era.E2StoreReader;
import io.annals.core.era.EntryTypes;
import io.annals.core.era.EpochAccumulator;
import io.annals.core.era.EraFileName;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Receipts;
import io.annals.core.util.Hex;
import io.annals.era.importer.EraImporter;
import io.annals.era.importer.ImportListener;
import io.annals.era.importer.ImportSummary;
import io.annals.era.source.EraSource;
import io.annals.era.source.HttpSource;
import io.annals.store.ChainIdentity;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import io.annals.store.StoredReceipt;
import io.annals.sync.chain.Checkpoints;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against an independent implementation, @ethereumjs/e2store 10.0.0: its reader reads the era1 file
 * Annals exports with the same header, body and receipt bytes and the same accumulator root; an
 * era1 file its {@code formatEra1} writes is refused as it comes (its {@code createBlockIndex}
 * leaves the 40-byte Accumulator entry out of the offsets, so they miss their headers) and imported
 * once its offsets are rewritten as era1.md defines them.
 */
class EthereumJsE2storeTest {
    private static final long PRE_MERGE = 100;

    @TempDir Path dir;

    @Test
    void itsReaderReadsWhatAnnalsWrites() throws Exception {
        Path era1;
        try (var listing = Files.list(EraFixture.smallExported())) {
            era1 = listing.filter(p -> p.toString().endsWith(".era1")).findFirst().orElseThrow();
        }
        JsonNode read = EthereumJsEra1.read(era1);
        HistoryStore store = EraFixture.small().store();
        JsonNode blocks = read.get("blocks");
        assertThat(blocks.size()).isEqualTo(PRE_MERGE);
        EpochAccumulator ours = new EpochAccumulator();
        BigInteger td = BigInteger.ZERO;
        for (int n = 0; n < PRE_MERGE; n++) {
            JsonNode block = blocks.get(n);
            BlockHeader header = store.header(n).orElseThrow();
            td = td.add(header.difficulty());
            ours.add(header.hash(), td);
            assertThat(block.get("header").asText())
                    .as("header %d", n)
                    .isEqualTo(Hex.prefixed(header.encoding()));
            assertThat(block.get("body").asText())
                    .as("body %d", n)
                    .isEqualTo(Hex.prefixed(store.bodyRlp(n).orElseThrow()));
            assertThat(block.get("receipts").asText())
                    .as("receipts %d", n)
                    .isEqualTo(Hex.prefixed(Receipts.encodeEth68List(receipts(store, n))));
            assertThat(block.get("totalDifficulty").asText())
                    .as("td %d", n)
                    .isEqualTo(td.toString());
        }
        assertThat(read.get("accumulatorRoot").asText()).isEqualTo(ours.root().toHex());
        assertThat(read.get("recomputedRoot").asText()).isEqualTo(ours.root().toHex());
    }

    @Test
    void annalsImportsWhatItsWriterWritesOnceTheIndexIsRight() throws Exception {
        HistoryStore source = EraFixture.small().store();
        List<EthereumJsEra1.Block> blocks = new ArrayList<>();
        EpochAccumulator accumulator = new EpochAccumulator();
        BigInteger td = BigInteger.ZERO;
        for (int n = 0; n < PRE_MERGE; n++) {
            BlockHeader header = source.header(n).orElseThrow();
            td = td.add(header.difficulty());
            accumulator.add(header.hash(), td);
            blocks.add(
                    new EthereumJsEra1.Block(
                            Hex.prefixed(header.encoding()),
                            Hex.prefixed(source.bodyRlp(n).orElseThrow()),
                            Hex.prefixed(Receipts.encodeEth68List(receipts(source, n))),
                            td.toString()));
        }
        Path files = Files.createDirectories(dir.resolve("files"));
        String name = EraFileName.era1("devnet", 0, accumulator.root()).toString();
        Path file = files.resolve(name);
        EthereumJsEra1.write(0, blocks, file, dir);

        try (HistoryStore store = store("as-written")) {
            ImportSummary summary =
                    importer(store)
                            .run(EraSource.of(files.toString(), HttpSource.Settings.DEFAULT));
            assertThat(summary.refused())
                    .singleElement()
                    .satisfies(
                            r -> assertThat(r.reason()).contains("BlockIndex offset of block 0"));
            assertThat(store.presentRanges()).isEmpty();
        }

        int fixed = rewriteOffsets(file);
        assertThat(fixed).isEqualTo((int) PRE_MERGE);
        try (HistoryStore store = store("fixed")) {
            ImportSummary summary =
                    importer(store)
                            .run(EraSource.of(files.toString(), HttpSource.Settings.DEFAULT));
            assertThat(summary.refused()).isEmpty();
            assertThat(store.contiguousHead()).hasValue(PRE_MERGE - 1);
            for (long n = 0; n < PRE_MERGE; n++) {
                assertThat(store.canonicalHash(n)).isEqualTo(source.canonicalHash(n));
                assertThat(store.receipts(n)).isEqualTo(source.receipts(n));
            }
        }
    }

    /** Sets every BlockIndex offset to its CompressedHeader, relative to the index entry. */
    private static int rewriteOffsets(Path file) throws Exception {
        List<E2Entry> headers = new ArrayList<>();
        long indexAt;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<E2Entry> entries = new E2StoreReader(channel).scan(0, 1 << 16);
            for (E2Entry entry : entries) {
                if (entry.type() == EntryTypes.COMPRESSED_HEADER) {
                    headers.add(entry);
                }
            }
            E2Entry index = entries.get(entries.size() - 1);
            assertThat(index.type()).isEqualTo(EntryTypes.BLOCK_INDEX);
            indexAt = index.offset();
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < headers.size(); i++) {
            le.putLong((int) indexAt + 16 + 8 * i, headers.get(i).offset() - indexAt);
        }
        Files.write(file, bytes);
        return headers.size();
    }

    private static List<io.annals.core.types.Receipt> receipts(HistoryStore store, long n) {
        return store.receipts(n).orElseThrow().receipts().stream()
                .map(StoredReceipt::receipt)
                .toList();
    }

    private HistoryStore store(String name) {
        return HistoryStore.open(
                dir.resolve(name),
                new ChainIdentity(
                        EraFixture.SMALL_PARAMS.chainId(), EraFixture.small().spec().genesisHash()),
                StoreSettings.defaults().withSyncWrites(false));
    }

    private EraImporter importer(HistoryStore store) {
        return new EraImporter(
                store,
                EraFixture.small().spec(),
                Checkpoints.NONE,
                ExportImportTest.settings(dir.resolve("work")),
                ImportListener.NONE);
    }
}
