package io.annals.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.annals.core.crypto.Keccak256;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.core.types.Transaction;
import io.annals.core.types.TransactionType;
import io.annals.store.FullBlock;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default shape over 150 generated blocks looks like recent mainnet: 150-200 transactions and
 * 500-800 logs per non-empty block, about 250 KB of body and eth/69 receipts, the transaction type
 * mix of the parameters, and heavy repetition of contracts and event topics (ERC-20 Transfer the
 * most frequent event).
 */
class ChainShapeTest {
    private static final int BLOCKS = 150;
    private static final Hash TRANSFER =
            Keccak256.hashOf(
                    "Transfer(address,address,uint256)".getBytes(StandardCharsets.US_ASCII));

    private static final Map<TransactionType, Integer> types = new EnumMap<>(TransactionType.class);
    private static final Map<Address, Integer> logsByAddress = new HashMap<>();
    private static final Map<Hash, Integer> logsByEvent = new HashMap<>();
    private static int emptyBlocks;
    private static long transactions;
    private static long logs;
    private static long bytes;
    private static int minTransactions = Integer.MAX_VALUE;
    private static int maxTransactions;

    @BeforeAll
    static void generate() {
        BlockGenerator generator = new BlockGenerator(ChainParameters.mainnetLike(11));
        FullBlock block = generator.genesis();
        for (int i = 0; i < BLOCKS; i++) {
            block = generator.next(block.header(), 0);
            int count = block.body().transactions().size();
            if (count == 0) {
                emptyBlocks++;
            } else {
                minTransactions = Math.min(minTransactions, count);
                maxTransactions = Math.max(maxTransactions, count);
            }
            transactions += count;
            bytes +=
                    block.body().encode().length
                            + Receipts.encodeEth69List(block.receipts()).length;
            for (Transaction tx : block.body().transactions()) {
                types.merge(tx.knownType().orElseThrow(), 1, Integer::sum);
            }
            for (Receipt receipt : block.receipts()) {
                for (Log log : receipt.logs()) {
                    logs++;
                    logsByAddress.merge(log.address(), 1, Integer::sum);
                    logsByEvent.merge(log.topics().get(0), 1, Integer::sum);
                }
            }
        }
    }

    @Test
    void transactionsLogsAndBytesPerBlockAreMainnetSized() {
        int full = BLOCKS - emptyBlocks;
        assertThat(minTransactions).isGreaterThanOrEqualTo(150);
        assertThat(maxTransactions).isLessThanOrEqualTo(200);
        assertThat(emptyBlocks).as("3 %% empty blocks").isBetween(0, 15);
        assertThat((double) logs / full).as("logs per non-empty block").isBetween(500.0, 800.0);
        assertThat((double) logs / transactions)
                .as("logs per transaction")
                .isCloseTo(4.0, within(0.5));
        assertThat(bytes / BLOCKS)
                .as("body + eth/69 receipts per block")
                .isBetween(200_000L, 300_000L);
    }

    @Test
    void transactionTypesFollowTheMix() {
        TransactionMix mix = TransactionMix.MAINNET;
        for (TransactionType type : TransactionType.values()) {
            double expected = (double) mix.weight(type) / mix.total();
            double actual = (double) types.getOrDefault(type, 0) / transactions;
            // blob carriers are cut when a block's blobs run out, and become EIP-1559 transactions
            assertThat(actual).as("share of %s", type).isCloseTo(expected, within(0.02));
            assertThat(types.getOrDefault(type, 0)).as("%s present", type).isPositive();
        }
    }

    @Test
    void contractsAndEventsRepeatLikeOnMainnet() {
        Hash topEvent =
                logsByEvent.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .orElseThrow()
                        .getKey();
        assertThat(topEvent).as("ERC-20 Transfer is the most frequent event").isEqualTo(TRANSFER);
        assertThat((double) logsByEvent.get(TRANSFER) / logs).isGreaterThan(0.1);
        int topContract =
                logsByAddress.values().stream().max(Comparator.naturalOrder()).orElseThrow();
        assertThat((double) topContract / logs)
                .as("the busiest contract's share of logs")
                .isGreaterThan(0.03);
        // and a long tail: many contracts appear only a few times
        long rare = logsByAddress.values().stream().filter(n -> n <= 2).count();
        assertThat(rare).isGreaterThan(logsByAddress.size() / 3);
    }
}
