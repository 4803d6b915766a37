package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.Fork;
import io.annals.core.chain.Hardfork;
import io.annals.core.types.Address;
import io.annals.core.types.BlobTransaction;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.DynamicFeeTransaction;
import io.annals.core.types.Hash;
import io.annals.core.types.LegacyTransaction;
import io.annals.core.types.LogsBloom;
import io.annals.core.types.Receipt;
import io.annals.core.types.Transaction;
import io.annals.core.types.TransactionSigner;
import io.annals.core.util.ByteSlice;
import io.annals.rpc.json.BlockNumberOrTag;
import io.annals.rpc.json.BlockTag;
import io.annals.rpc.methods.RpcException;
import io.annals.store.ChainIdentity;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go-ethereum's own tests of its gas price oracle ({@code eth/gasprice/gasprice_test.go}, {@code
 * TestSuggestTipCap}; {@code feehistory_test.go}, {@code TestFeeHistory}), on the same chain its
 * {@code newTestBackend} generates: 32 blocks after the genesis (plus one geth keeps as pending,
 * which a history node does not have), each with one transaction of tip {@code i+1} gwei from one
 * key to the zero address (legacy before London, EIP-1559 from it), the fee recipient {@code
 * 0x...01}, and from Cancun on {@code min(i, 6)} blob transactions more. The expected values and
 * counts are geth's, copied from those tables; the rows about a pending block are left out.
 */
class GethGasPriceTest {
    private static final byte[] KEY =
            HexFormat.of()
                    .parseHex("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");
    private static final long CHAIN_ID = 1337;
    private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
    private static final long TEST_HEAD = 32;
    private static final Address COINBASE = Address.wrap(leftPad(new byte[] {1}, 20));
    private static final Hash EMPTY_BLOB_HASH =
            Hash.fromHex("0x010657f37554c781402a22917dee2f75def7ab966d7b770905398eba3c444014");

    @TempDir Path dir;

    @Test
    void suggestTipCapIsThirtyGweiWhereverLondonStarts() {
        // {nil, 30}, {0, 30}, {1, 30}, {32, 30}, {33, 30}: "The gas price sampled is: 32G, 31G,
        // 30G,
        // 29G, 28G, 27G"
        Long[] forks = {null, 0L, 1L, 32L, 33L};
        int run = 0;
        for (Long london : forks) {
            try (Backend backend = new Backend(dir.resolve("tip" + run++), london, null)) {
                GasPriceOracle oracle = new GasPriceOracle(backend.view, backend.reads, 3, 60);
                assertThat(oracle.suggestTipCap())
                        .as("London at " + london)
                        .isEqualTo(GWEI.multiply(BigInteger.valueOf(30)));
            }
        }
    }

    /** geth's rows: pending, maxHeader, maxBlock, count, last, percentiles, expFirst, expCount. */
    private record Row(
            long maxHeader,
            long maxBlock,
            long count,
            BlockNumberOrTag last,
            List<Double> percent,
            long expFirst,
            int expCount,
            boolean beyondHead) {}

    @Test
    void feeHistoryHasGethsFirstBlocksAndCounts() {
        BlockNumberOrTag latest = BlockNumberOrTag.of(BlockTag.LATEST);
        BlockNumberOrTag pending = BlockNumberOrTag.of(BlockTag.PENDING);
        List<Double> none = List.of();
        List<Double> zeroTen = List.of(0.0, 10.0);
        List<Row> rows =
                List.of(
                        new Row(1000, 1000, 10, n(30), none, 21, 10, false),
                        new Row(1000, 1000, 10, n(30), zeroTen, 21, 10, false),
                        new Row(1000, 1000, 1000000000, n(30), none, 0, 31, false),
                        new Row(1000, 1000, 1000000000, latest, none, 0, 33, false),
                        new Row(1000, 1000, 10, n(40), none, 0, 0, true),
                        new Row(20, 2, 100, latest, none, 13, 20, false),
                        new Row(20, 2, 100, latest, zeroTen, 31, 2, false),
                        new Row(20, 2, 100, n(32), zeroTen, 31, 2, false),
                        new Row(1000, 1000, 1, pending, none, 0, 0, false),
                        new Row(1000, 1000, 2, pending, none, 32, 1, false),
                        new Row(
                                1000,
                                1000,
                                2,
                                BlockNumberOrTag.of(BlockTag.FINALIZED),
                                zeroTen,
                                24,
                                2,
                                false),
                        new Row(
                                1000,
                                1000,
                                2,
                                BlockNumberOrTag.of(BlockTag.SAFE),
                                zeroTen,
                                24,
                                2,
                                false));
        try (Backend backend = new Backend(dir, 16L, 28L)) {
            for (Row row : rows) {
                FeeHistory history =
                        new FeeHistory(
                                backend.view,
                                backend.reads,
                                new BaseFees(backend.chain),
                                new BlobFees(backend.chain),
                                row.maxHeader(),
                                row.maxBlock());
                boolean isPending =
                        row.last() instanceof BlockNumberOrTag.Tagged t
                                && t.tag() == BlockTag.PENDING;
                long last =
                        row.last() instanceof BlockNumberOrTag.Numbered numbered
                                ? numbered.number()
                                : backend.view.resolve(row.last()).getAsLong();
                if (row.beyondHead()) {
                    assertThatThrownBy(
                                    () ->
                                            history.query(
                                                    row.count(), last, isPending, row.percent()))
                            .isInstanceOf(RpcException.class)
                            .hasMessage("request beyond head block: requested 40, head 32");
                    continue;
                }
                FeeHistory.Result result =
                        history.query(row.count(), last, isPending, row.percent());
                assertThat(result.oldestBlock()).as(row.toString()).isEqualTo(row.expFirst());
                assertThat(result.blocks()).as(row.toString()).hasSize(row.expCount());
                for (FeeHistory.BlockFees fees : result.blocks()) {
                    assertThat(fees.gasUsedRatio()).isLessThanOrEqualTo(1);
                    assertThat(fees.blobGasUsedRatio()).isLessThanOrEqualTo(1);
                    assertThat(fees.rewards() == null ? 0 : fees.rewards().size())
                            .isEqualTo(row.percent().size());
                }
            }
            FeeHistory history =
                    new FeeHistory(
                            backend.view,
                            backend.reads,
                            new BaseFees(backend.chain),
                            new BlobFees(backend.chain));
            // {false, 1000, 1000, 10, 30, []float64{20, 10}, 0, 0, errInvalidPercentile}
            assertThatThrownBy(() -> history.query(10, 30, false, List.of(20.0, 10.0)))
                    .hasMessage("invalid reward percentile: #0:20.000000 >= #1:10.000000");
        }
    }

    private static BlockNumberOrTag n(long number) {
        return BlockNumberOrTag.of(number);
    }

    /** geth's {@code newTestBackend}, as a store; safe and finalized are block 25 (depth 7). */
    private static final class Backend implements AutoCloseable {
        final ChainSpec chain;
        final HistoryStore store;
        final ChainView view;
        final BlockReads reads;

        Backend(Path dir, Long london, Long cancun) {
            chain = spec(london, cancun);
            store =
                    HistoryStore.open(
                            dir,
                            new ChainIdentity(CHAIN_ID, Hash.ZERO),
                            StoreSettings.defaults()
                                    .withSyncWrites(false)
                                    .withLevelDb(1 << 20, 4 << 10, false));
            store.write(blocks(chain, london, cancun));
            view = new ChainView(store, new HistorySettings.BlockTags(7, 7));
            reads = new BlockReads(store, new SenderCache(1024));
        }

        @Override
        public void close() {
            store.close();
        }
    }

    private static ChainSpec spec(Long london, Long cancun) {
        List<Fork> forks = new ArrayList<>();
        for (Hardfork f :
                List.of(
                        Hardfork.HOMESTEAD,
                        Hardfork.TANGERINE_WHISTLE,
                        Hardfork.SPURIOUS_DRAGON,
                        Hardfork.BYZANTIUM,
                        Hardfork.CONSTANTINOPLE,
                        Hardfork.PETERSBURG,
                        Hardfork.ISTANBUL,
                        Hardfork.BERLIN)) {
            forks.add(Fork.atBlock(f, 0));
        }
        if (london != null) {
            forks.add(Fork.atBlock(Hardfork.LONDON, london));
        }
        if (cancun != null) {
            // "fixed 10 sec block time in blockgen"
            forks.add(Fork.atTimestamp(Hardfork.SHANGHAI, cancun * 10));
            forks.add(Fork.atTimestamp(Hardfork.CANCUN, cancun * 10));
        }
        return new ChainSpec(
                "geth-gasprice-test", CHAIN_ID, CHAIN_ID, Hash.ZERO, 0, forks, Optional.empty());
    }

    private static List<FullBlock> blocks(ChainSpec chain, Long london, Long cancun) {
        BaseFees baseFees = new BaseFees(chain);
        List<FullBlock> blocks = new ArrayList<>();
        BlockHeader parent = header(0, Hash.ZERO, 0, null, null, 0, List.of());
        blocks.add(new FullBlock(parent, BlockBody.of(List.of(), List.of(), null), List.of()));
        long nonce = 0;
        for (int i = 0; i < TEST_HEAD; i++) {
            long number = i + 1;
            BigInteger tip = GWEI.multiply(BigInteger.valueOf(i + 1));
            List<Transaction> txs = new ArrayList<>();
            boolean isLondon = london != null && number >= london;
            if (isLondon) {
                txs.add(
                        TransactionSigner.sign(
                                new DynamicFeeTransaction(
                                        CHAIN_ID,
                                        nonce++,
                                        tip,
                                        GWEI.multiply(BigInteger.valueOf(100)),
                                        30000,
                                        Address.ZERO,
                                        BigInteger.ZERO,
                                        ByteSlice.of(new byte[0]),
                                        List.of(),
                                        0,
                                        BigInteger.ZERO,
                                        BigInteger.ZERO),
                                KEY));
            } else {
                txs.add(
                        TransactionSigner.sign(
                                LegacyTransaction.unsigned(
                                        nonce++,
                                        tip,
                                        21000,
                                        Address.ZERO,
                                        BigInteger.valueOf(100),
                                        new byte[0],
                                        OptionalLong.of(CHAIN_ID)),
                                KEY));
            }
            boolean isCancun = cancun != null && number >= cancun;
            if (isCancun) {
                for (int j = 0; j < i && j < 6; j++) {
                    txs.add(
                            TransactionSigner.sign(
                                    new BlobTransaction(
                                            CHAIN_ID,
                                            nonce++,
                                            tip,
                                            GWEI.multiply(BigInteger.valueOf(100)),
                                            30000,
                                            Address.ZERO,
                                            BigInteger.valueOf(100),
                                            ByteSlice.of(new byte[0]),
                                            List.of(),
                                            BigInteger.ONE,
                                            List.of(EMPTY_BLOB_HASH),
                                            0,
                                            BigInteger.ZERO,
                                            BigInteger.ZERO),
                                    KEY));
                }
            }
            BigInteger baseFee = isLondon ? baseFees.next(parent) : null;
            long gasUsed = 0;
            List<Receipt> receipts = new ArrayList<>();
            for (Transaction tx : txs) {
                gasUsed += 21000;
                receipts.add(Receipt.withStatus(tx.type(), true, gasUsed, List.of()));
            }
            Long blobGas = isCancun ? (long) (txs.size() - 1) * BlobFees.GAS_PER_BLOB : null;
            BlockHeader header =
                    header(number, parent.hash(), gasUsed, baseFee, blobGas, number * 10, txs);
            blocks.add(
                    new FullBlock(
                            header,
                            BlockBody.of(txs, List.of(), isCancun ? List.of() : null),
                            receipts));
            parent = header;
        }
        return blocks;
    }

    private static BlockHeader header(
            long number,
            Hash parent,
            long gasUsed,
            BigInteger baseFee,
            Long blobGasUsed,
            long timestamp,
            List<Transaction> txs) {
        var builder =
                BlockHeader.builder()
                        .parentHash(parent)
                        .ommersHash(Hash.ZERO)
                        .beneficiary(COINBASE)
                        .stateRoot(Hash.ZERO)
                        .transactionsRoot(BlockBody.of(txs, List.of(), null).transactionsRoot())
                        .receiptsRoot(Hash.ZERO)
                        .logsBloom(LogsBloom.EMPTY)
                        .difficulty(BigInteger.ONE)
                        .number(number)
                        .gasLimit(4_712_388)
                        .gasUsed(gasUsed)
                        .timestamp(timestamp)
                        .extraData(new byte[0])
                        .mixHash(Hash.ZERO)
                        .nonce(0);
        if (baseFee != null) {
            builder.baseFeePerGas(baseFee);
        }
        if (blobGasUsed != null) {
            builder.withdrawalsRoot(Hash.ZERO)
                    .blobGasUsed(blobGasUsed)
                    .excessBlobGas(0L)
                    .parentBeaconBlockRoot(Hash.ZERO);
        }
        return builder.build();
    }

    private static byte[] leftPad(byte[] bytes, int size) {
        byte[] out = new byte[size];
        System.arraycopy(bytes, 0, out, size - bytes.length, bytes.length);
        return out;
    }
}
