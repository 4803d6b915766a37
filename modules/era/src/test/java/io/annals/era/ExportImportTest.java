package io.annals.era;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.era.EraLimits;
import io.annals.core.types.Hash;
import io.annals.era.importer.EraImporter;
import io.annals.era.importer.FileOutcome;
import io.annals.era.importer.ImportListener;
import io.annals.era.importer.ImportSettings;
import io.annals.era.importer.ImportSummary;
import io.annals.era.source.EraSource;
import io.annals.era.source.HttpSource;
import io.annals.store.HistoryStore;
import io.annals.sync.chain.Checkpoints;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chain with a merge exported to era1 and eraE and imported into a fresh store. */
class ExportImportTest {
    @TempDir Path dir;

    static ImportSettings settings(Path work) {
        return new ImportSettings(
                2, false, 64, EraLimits.DEFAULT, HttpSource.Settings.DEFAULT, work);
    }

    @Test
    void exportWritesEra1BeforeTheMergeAndEraEForEpochsWithProofOfStake() {
        List<String> names = EraFixture.fileNames();
        assertThat(names).hasSize(2);
        assertThat(names.get(0)).startsWith("devnet-00000-").endsWith(".era1");
        assertThat(names.get(1)).startsWith("devnet-00001-").endsWith("-noproofs.ere");
        Hash last = EraFixture.chain().header(EraFixture.HEAD).hash();
        assertThat(names.get(1)).contains(last.toHex().substring(2, 10));
    }

    @Test
    void importStoresEveryBlockAsTheSourceHoldsItAndASecondRunStoresNothing() throws Exception {
        Path copy = dir.resolve("files");
        EraFixture.copyTo(copy, true);
        try (HistoryStore store = EraFixture.emptyStore(dir.resolve("store"), 0)) {
            EraImporter importer =
                    new EraImporter(
                            store,
                            EraFixture.spec(),
                            Checkpoints.NONE,
                            settings(dir.resolve("work")),
                            ImportListener.NONE);
            ImportSummary first =
                    importer.run(EraSource.of(copy.toString(), HttpSource.Settings.DEFAULT));
            assertThat(first.refused()).isEmpty();
            assertThat(first.complete()).isTrue();
            assertThat(first.blocksWritten()).isEqualTo(EraFixture.HEAD + 1);
            assertThat(store.contiguousHead()).hasValue(EraFixture.HEAD);
            HistoryStore source = EraFixture.chain().store();
            for (long n = 0; n <= EraFixture.HEAD; n++) {
                assertThat(store.header(n).orElseThrow().encoding())
                        .as("header %d", n)
                        .isEqualTo(source.header(n).orElseThrow().encoding());
                assertThat(store.bodyRlp(n).orElseThrow())
                        .as("body %d", n)
                        .isEqualTo(source.bodyRlp(n).orElseThrow());
                assertThat(store.receipts(n)).as("receipts %d", n).isEqualTo(source.receipts(n));
            }
            assertThat(store.verify().problems()).isEmpty();

            ImportSummary second =
                    importer.run(EraSource.of(copy.toString(), HttpSource.Settings.DEFAULT));
            assertThat(second.blocksWritten()).isZero();
            assertThat(second.refused()).isEmpty();
            assertThat(second.outcomes())
                    .filteredOn(o -> o instanceof FileOutcome.Skipped)
                    .hasSizeGreaterThanOrEqualTo(1);
        }
    }
}
