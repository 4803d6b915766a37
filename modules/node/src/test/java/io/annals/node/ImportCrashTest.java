package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigRenderOptions;
import io.annals.devnet.chain.BlockGenerator;
import io.annals.devnet.chain.ChainParameters;
import io.annals.devnet.chain.ChainShape;
import io.annals.devnet.chain.DevnetChainSpec;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.devnet.chain.ParallelComposer;
import io.annals.devnet.chain.TransactionMix;
import io.annals.era.export.EraExporter;
import io.annals.store.ChainIdentity;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import io.annals.store.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code annals import-era} killed with SIGKILL while it stores blocks: the store it leaves opens
 * and verifies (every stored block's roots recomputed, every index checked: the store's verifier,
 * {@code HistoryStore.verify}, and {@code annals verify} as a process), and a rerun completes the
 * import, storing every block exactly once.
 */
class ImportCrashTest {
    private static final Logger LOG = LoggerFactory.getLogger(ImportCrashTest.class);

    /** An era1 file of epoch 0, then an era1 and an eraE file of part of epoch 1. */
    private static final long HEAD = 8_192 + 600;

    private static final ChainParameters PARAMS =
            ChainParameters.mainnetLike(47)
                    .withShape(
                            new ChainShape(
                                    0, 2, 0.5, 2.0, 2, 2, 36_000_000L, 6, TransactionMix.MAINNET))
                    .withMergeAt(8_500);

    @TempDir Path dir;

    @Test
    void aRerunAfterSigkillCompletesTheImport() throws Exception {
        Path files = dir.resolve("era");
        Path data = dir.resolve("node");
        Path config = dir.resolve("node.conf");
        ChainIdentity identity;
        try (GeneratedChain chain =
                        GeneratedChain.open(TestNetwork.CHAIN_CACHE, new BlockGenerator(PARAMS));
                ParallelComposer composer = new ParallelComposer(2)) {
            chain.extendTo(HEAD, 0, composer, head -> {});
            new EraExporter(chain.store(), chain.spec()).export(0, HEAD, files);
            identity = new ChainIdentity(chain.spec().chainId(), chain.genesisHash());
            Files.writeString(
                    config,
                    "annals.node { network = devnet, data-dir = \""
                            + data.toString().replace("\\", "/")
                            + "\" }\n"
                            + "annals.era.import.progress-interval = 100ms\n"
                            + "annals.chain = "
                            + DevnetChainSpec.toConfig(chain.spec())
                                    .getValue("annals.chain")
                                    .render(ConfigRenderOptions.concise())
                            + "\n");
        }

        Path firstLog = dir.resolve("import-1.log");
        long afterKill;
        try (NodeProcess run =
                NodeProcess.command(
                        firstLog,
                        "import-era",
                        files.toString(),
                        "--config",
                        config.toString(),
                        "--jobs",
                        "1")) {
            awaitLine(run, firstLog, "progress: 0/3 files done");
            Thread.sleep(new Random().nextInt(200));
            assertThat(run.isAlive()).as("still importing when killed:%n%s", run.tail()).isTrue();
            run.kill();
        }
        assertVerifies(dir.resolve("verify-1.log"), config);
        try (HistoryStore store =
                HistoryStore.open(data.resolve("store"), identity, StoreSettings.defaults())) {
            VerificationReport report = store.verify();
            assertThat(report.problems()).as("the store after SIGKILL").isEmpty();
            afterKill = store.contiguousHead().orElse(-1);
            LOG.info("killed with blocks 0..{} stored: {}", afterKill, store.presentRanges());
            assertThat(afterKill).as("killed in the middle of the import").isLessThan(HEAD);
        }

        Path secondLog = dir.resolve("import-2.log");
        try (NodeProcess rerun =
                NodeProcess.command(
                        secondLog, "import-era", files.toString(), "--config", config.toString())) {
            assertThat(rerun.awaitExit(Duration.ofMinutes(3)))
                    .as("exit code:%n%s", rerun.tail())
                    .isZero();
            assertThat(Files.readString(secondLog, StandardCharsets.UTF_8))
                    .contains("0 refused, 0 not attempted");
        }
        assertVerifies(dir.resolve("verify-2.log"), config);
        try (GeneratedChain reference =
                        GeneratedChain.open(TestNetwork.CHAIN_CACHE, new BlockGenerator(PARAMS));
                HistoryStore store =
                        HistoryStore.open(
                                data.resolve("store"), identity, StoreSettings.defaults())) {
            VerificationReport report = store.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.blocks()).as("every block exactly once").isEqualTo(HEAD + 1);
            assertThat(store.contiguousHead()).hasValue(HEAD);
            for (long n = 0; n <= HEAD; n++) {
                assertThat(store.canonicalHash(n))
                        .as("block %d", n)
                        .isEqualTo(reference.store().canonicalHash(n));
            }
        }
    }

    /** The operator's check, as a process: {@code annals verify} exits 0. */
    private static void assertVerifies(Path log, Path config) throws Exception {
        try (NodeProcess verify =
                NodeProcess.command(log, "verify", "--config", config.toString())) {
            assertThat(verify.awaitExit(Duration.ofMinutes(2)))
                    .as("annals verify:%n%s", verify.tail())
                    .isZero();
        }
    }

    private static void awaitLine(NodeProcess process, Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
            assertThat(process.isAlive()).as("the import runs:%n%s", process.tail()).isTrue();
            assertThat(System.nanoTime())
                    .as("'%s' printed:%n%s", text, process.tail())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
