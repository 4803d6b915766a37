package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.BlockBody;
import io.annals.core.types.Hash;
import io.annals.core.types.HeaderFormat;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.core.types.Transaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks go in and come out equal, with their roots still matching their headers. */
class RoundTripTest {
    @TempDir Path dir;

    @Test
    void randomBlocksOfEveryLayoutComeBackEqual() {
        RandomChain random = new RandomChain(11);
        List<FullBlock> blocks = new ArrayList<>();
        long next = 100;
        for (HeaderFormat format : HeaderFormat.values()) {
            for (RandomChain.GeneratedBlock g : random.chain(4, format, 12)) {
                // renumber into one range (the generator starts each chain at a random number)
                FullBlock block =
                        new FullBlock(
                                g.header().toBuilder().number(next++).build(),
                                g.body(),
                                g.receipts());
                blocks.add(block);
            }
        }
        try (HistoryStore store = TestStores.open(dir)) {
            store.write(blocks);
            for (FullBlock block : blocks) {
                assertStoredAsWritten(store, block);
            }
            assertThat(store.presentRanges()).containsExactly(new BlockRange(100, next - 1));
        }
    }

    @Test
    void blocksInMoreShardsThanOpenFilesStayReadable() {
        RandomChain random = new RandomChain(12);
        List<FullBlock> blocks = new ArrayList<>();
        for (int shard = 0; shard < SegmentFiles.MAX_OPEN_FILES + 20; shard++) {
            RandomChain.GeneratedBlock g = random.block(null, HeaderFormat.SHANGHAI, 3);
            long number = shard * HistoryStore.SHARD_SIZE + shard % 7;
            blocks.add(
                    new FullBlock(
                            g.header().toBuilder().number(number).build(), g.body(), g.receipts()));
        }
        try (HistoryStore store = TestStores.open(dir)) {
            for (int i = 0; i < blocks.size(); i += 10) {
                store.write(blocks.subList(i, Math.min(blocks.size(), i + 10)));
            }
            for (FullBlock block : blocks) {
                assertStoredAsWritten(store, block);
            }
            assertThat(store.verify().problems()).isEmpty();
        }
        try (HistoryStore store = TestStores.open(dir)) {
            assertThat(store.body(blocks.get(0).number())).contains(blocks.get(0).body());
        }
    }

    @Test
    void mainnetBlocksKeepTheirRootsAndHashes() {
        try (HistoryStore store = TestStores.open(dir)) {
            List<FullBlock> blocks = new ArrayList<>();
            for (MainnetBlock block : MainnetBlocks.all()) {
                blocks.add(TestStores.full(block));
            }
            store.write(blocks);
            for (MainnetBlock source : MainnetBlocks.all()) {
                long n = source.number();
                if (source.knownHash() != null) {
                    assertThat(store.canonicalHash(n)).contains(source.knownHash());
                    assertThat(store.header(source.knownHash()).orElseThrow().number())
                            .isEqualTo(n);
                }
                BlockBody body = store.body(n).orElseThrow();
                assertThat(body.encode()).isEqualTo(source.bodyRlp());
                var header = store.header(n).orElseThrow();
                assertThat(header.unsafeEncoding()).isEqualTo(source.headerRlp());
                assertThat(body.mismatchWith(header)).isEmpty();
                List<Receipt> receipts =
                        store.receipts(n).orElseThrow().receipts().stream()
                                .map(StoredReceipt::receipt)
                                .toList();
                assertThat(Receipts.mismatchWith(header, receipts)).isEmpty();
                assertThat(Receipts.encodeEth69List(receipts)).isEqualTo(source.receiptsEth69());
            }
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    @Test
    void consecutiveFrontierBlocksFormOneRun() {
        try (HistoryStore store = TestStores.open(dir, 1_000_001)) {
            store.write(MainnetBlocks.FRONTIER_RANGE.stream().map(TestStores::full).toList());
            assertThat(store.contiguousHead()).hasValue(1_000_010);
            assertThat(store.earliestBlock()).hasValue(1_000_001);
            VerificationReport report = store.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.blocks()).isEqualTo(10);
            assertThat(report.transactions())
                    .isEqualTo(
                            MainnetBlocks.FRONTIER_RANGE.stream()
                                    .mapToLong(b -> b.body().transactions().size())
                                    .sum());
        }
    }

    @Test
    void receiptsCarryPositionsAndPerTransactionGas() {
        FullBlock block = TestStores.full(MainnetBlocks.PRAGUE_SET_CODE);
        try (HistoryStore store = TestStores.open(dir)) {
            store.write(block);
            BlockReceipts stored = store.receipts(block.number()).orElseThrow();
            assertThat(stored.blockHash()).isEqualTo(block.hash());
            long previous = 0;
            int logIndex = 0;
            for (int i = 0; i < block.receipts().size(); i++) {
                StoredReceipt r = stored.receipts().get(i);
                Receipt expected = block.receipts().get(i);
                assertThat(r.receipt()).isEqualTo(expected);
                assertThat(r.transactionIndex()).isEqualTo(i);
                assertThat(r.transactionHash())
                        .isEqualTo(block.body().transactions().get(i).hash());
                assertThat(r.gasUsed()).isEqualTo(expected.cumulativeGasUsed() - previous);
                previous = expected.cumulativeGasUsed();
                for (int l = 0; l < r.logs().size(); l++) {
                    LogEntry entry = r.logs().get(l);
                    assertThat(entry.log()).isEqualTo(expected.logs().get(l));
                    assertThat(entry.logIndex()).isEqualTo(logIndex++);
                    assertThat(entry.transactionIndex()).isEqualTo(i);
                    assertThat(entry.blockNumber()).isEqualTo(block.number());
                    assertThat(entry.blockHash()).isEqualTo(block.hash());
                    assertThat(entry.blockTimestamp()).isEqualTo(block.header().timestamp());
                    assertThat(entry.removed()).isFalse();
                }
            }
            assertThat(logIndex)
                    .isEqualTo(block.receipts().stream().mapToInt(r -> r.logs().size()).sum());
        }
    }

    @Test
    void repeatedWriteOfTheSameBlockIsHarmlessAndAnotherHashIsRefused() {
        FullBlock block = TestStores.full(MainnetBlocks.SHANGHAI);
        try (HistoryStore store = TestStores.open(dir)) {
            assertThat(store.write(block).blocksWritten()).isEqualTo(1);
            assertThat(store.write(block).blocksAlreadyPresent()).isEqualTo(1);
            FullBlock other =
                    new FullBlock(
                            block.header().toBuilder().extraData(new byte[] {1}).build(),
                            block.body(),
                            block.receipts());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.write(other))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another hash");
            assertThat(store.canonicalHash(block.number())).contains(block.hash());
            assertThat(store.verify().problems()).isEmpty();
        }
    }

    static void assertStoredAsWritten(HistoryStore store, FullBlock block) {
        long n = block.number();
        assertThat(store.isPresent(n)).isTrue();
        assertThat(store.header(n)).contains(block.header());
        assertThat(store.header(block.hash())).contains(block.header());
        assertThat(store.canonicalHash(n)).contains(block.hash());
        assertThat(store.blockNumber(block.hash())).hasValue(n);
        assertThat(store.body(n)).contains(block.body());
        List<Transaction> transactions = block.body().transactions();
        assertThat(store.transactionHashes(n))
                .contains(transactions.stream().map(Transaction::hash).toList());
        for (int i = 0; i < transactions.size(); i++) {
            TransactionLocation found = store.transaction(transactions.get(i).hash()).orElseThrow();
            assertThat(found.transaction()).isEqualTo(transactions.get(i));
            assertThat(found.blockNumber()).isEqualTo(n);
            assertThat(found.blockHash()).isEqualTo(block.hash());
            assertThat(found.index()).isEqualTo(i);
        }
        BlockReceipts receipts = store.receipts(n).orElseThrow();
        assertThat(receipts.receipts().stream().map(StoredReceipt::receipt).toList())
                .isEqualTo(block.receipts());
        List<Log> logs =
                receipts.receipts().stream()
                        .flatMap(r -> r.logs().stream())
                        .map(LogEntry::log)
                        .toList();
        assertThat(logs)
                .isEqualTo(block.receipts().stream().flatMap(r -> r.logs().stream()).toList());
        assertThat(Receipts.root(receipts.receipts().stream().map(StoredReceipt::receipt).toList()))
                .isEqualTo(block.header().receiptsRoot());
        assertThat(store.transaction(Hash.ZERO)).isEmpty();
    }
}
