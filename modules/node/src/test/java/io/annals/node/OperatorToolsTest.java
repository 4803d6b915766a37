package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.types.BlockHeader;
import io.annals.devnet.DevnetSettings;
import io.annals.devnet.chain.BlockGenerator;
import io.annals.store.ChainIdentity;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands on a real store of generated mainnet-like blocks: verify (whole and a
 * range), db stats, export in geth's format (plain and gzip) read back block by block, and a
 * flipped segment byte that verify reports (exit 4), db repair drops, and verify then passes.
 */
class OperatorToolsTest {
    private static final int BLOCKS = 40;

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<FullBlock> blocks = new ArrayList<>();
    private Path data;

    private int run(String... args) {
        out.reset();
        err.reset();
        return AnnalsMain.newCommandLine(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void writeAStore() {
        DevnetSettings devnet =
                TestNetwork.devnet(
                        1, 0, "seed = 31, shape { min-transactions = 2, max-transactions = 6 }");
        BlockGenerator generator = new BlockGenerator(devnet.chain());
        FullBlock block = generator.genesis();
        blocks.add(block);
        for (int i = 1; i < BLOCKS; i++) {
            block = generator.next(block.header(), 0);
            blocks.add(block);
        }
        data = dir.resolve("data");
        try (HistoryStore store =
                HistoryStore.open(
                        data.resolve("store"),
                        new ChainIdentity(1337, blocks.get(0).header().hash()),
                        StoreSettings.defaults().withSyncWrites(false))) {
            store.write(blocks);
        }
    }

    @Test
    void verifyChecksTheWholeStoreOrARange() {
        assertThat(run("verify", "--data-dir", data.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out())
                .contains("verified blocks (the whole store): 40 blocks")
                .contains("consistent: no problems");

        assertThat(run("verify", "--data-dir", data.toString(), "--from", "20", "--to", "22"))
                .isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("verified blocks 16..31: 16 blocks").contains("a range");
    }

    @Test
    void statsCountBlocksTablesAndSegments() {
        assertThat(run("db", "stats", "--data-dir", data.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out())
                .contains("chain 1337")
                .contains("log index 256 buckets with (address, topic 0) pairs")
                .contains("blocks: 40 in 1 runs (0..39)")
                .contains("gaps: 0")
                .containsPattern("h headers +40 entries")
                .containsPattern("n canonical index +40 entries")
                .contains("segment files: 1")
                .contains("log index:");
    }

    @Test
    void exportWritesGethsFormatThatReadsBackToTheStoredBlocks() throws Exception {
        Path plain = dir.resolve("chain.rlp");
        Path gzip = dir.resolve("chain.rlp.gz");
        assertThat(run("export", "--data-dir", data.toString(), plain.toString()))
                .isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("exported blocks 0..39 (40 blocks)");
        assertThat(
                        run(
                                "export",
                                "--data-dir",
                                data.toString(),
                                "--from",
                                "5",
                                "--to",
                                "9",
                                gzip.toString()))
                .isEqualTo(ExitCodes.OK);

        assertExported(Files.readAllBytes(plain), 0, 39);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
            assertExported(in.readAllBytes(), 5, 9);
        }
        assertThat(dir.resolve("chain.rlp.partial")).doesNotExist();

        assertThat(run("export", "--data-dir", data.toString(), "--to", "99", plain.toString()))
                .isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("40..99 are not stored");
    }

    /** Each block is rlp([header, transactions, uncles, withdrawals]), in order, nothing else. */
    private void assertExported(byte[] file, long first, long last) {
        RlpReader stream = RlpReader.of(file);
        long n = first;
        while (stream.hasNext()) {
            RlpReader block = stream.readList();
            BlockHeader header = BlockHeader.decode(block.readRaw());
            FullBlock expected = blocks.get((int) n);
            assertThat(header.hash()).as("block %d", n).isEqualTo(expected.header().hash());
            RlpWriter body = new RlpWriter();
            int list = body.startList();
            while (block.hasNext()) {
                body.writeRaw(block.readRaw());
            }
            assertThat(body.endList(list).toByteArray())
                    .as("body of block %d", n)
                    .isEqualTo(expected.body().encode());
            n++;
        }
        assertThat(n - 1).isEqualTo(last);
    }

    @Test
    void aDamagedBlockFailsVerifyAndRepairDropsItForSyncToFetchAgain() throws Exception {
        try (RandomAccessFile segment =
                new RandomAccessFile(
                        data.resolve("store/segments/shard-0000000000.seg").toFile(), "rw")) {
            segment.seek(segment.length() - 200); // inside the last block's record
            int b = segment.read();
            segment.seek(segment.length() - 200);
            segment.write(b ^ 0x01);
        }

        assertThat(run("verify", "--data-dir", data.toString())).isEqualTo(ExitCodes.STORE_DAMAGED);
        assertThat(out())
                .contains("NOT consistent")
                .contains("block 39: the receipts of block 39")
                .contains("fail their checksum")
                // block 39's log-index entries cannot be recomputed: its whole 16-block group is
                // suspect, and repair drops the group's blocks
                .contains("blocks 32..47: log-index bucket");

        assertThat(run("db", "repair", "--data-dir", data.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out())
                .contains("dropped 8 damaged blocks (32..39)")
                .contains("after the repair:")
                .contains("consistent: no problems");

        assertThat(run("verify", "--data-dir", data.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("32 blocks");
        assertThat(run("db", "repair", "--data-dir", data.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("nothing to repair");
    }

    @Test
    void theToolsNeedAStoreAndTheNodeRunsAsRunToo() {
        assertThat(run("verify", "--data-dir", dir.resolve("none").toString()))
                .isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no store in");
        assertThat(run("run", "--print-config")).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("network mainnet");
        assertThat(run("--print-config")).isEqualTo(ExitCodes.OK);
        assertThat(run("help")).isNotEqualTo(ExitCodes.OK); // no such command: a usage error
    }
}
