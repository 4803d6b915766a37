package io.annals.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Authorization;
import io.annals.core.types.BlobTransaction;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.HeaderFormat;
import io.annals.core.types.LegacyTransaction;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.core.types.SetCodeTransaction;
import io.annals.core.types.Transaction;
import io.annals.core.types.TransactionFields;
import io.annals.core.types.TransactionType;
import io.annals.store.FullBlock;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generator is deterministic, its blocks match their headers (roots, bloom, gas used), headers
 * are Prague headers linked to their parents, every transaction type decodes and has a recoverable
 * sender, and reorg siblings differ from the blocks they replace.
 */
class BlockGeneratorTest {
    private static final ChainParameters SMALL =
            ChainParameters.mainnetLike(7).withShape(ChainShape.SMALL);

    private static List<FullBlock> chain(BlockGenerator generator, int count, int branch) {
        List<FullBlock> blocks = new ArrayList<>();
        FullBlock parent = generator.genesis();
        blocks.add(parent);
        for (int i = 0; i < count; i++) {
            parent = generator.next(parent.header(), branch);
            blocks.add(parent);
        }
        return blocks;
    }

    @Test
    void sameSeedGivesTheSameBlocksAndAnotherSeedOtherBlocks() {
        List<Hash> first =
                chain(new BlockGenerator(SMALL), 30, 0).stream().map(FullBlock::hash).toList();
        List<Hash> again =
                chain(new BlockGenerator(SMALL), 30, 0).stream().map(FullBlock::hash).toList();
        List<Hash> otherSeed =
                chain(new BlockGenerator(SMALL.withSeed(8)), 30, 0).stream()
                        .map(FullBlock::hash)
                        .toList();

        assertThat(again).isEqualTo(first);
        assertThat(new HashSet<>(first)).hasSize(31);
        assertThat(otherSeed.get(0))
                .as("the genesis commits to the parameters")
                .isNotEqualTo(first.get(0));
        assertThat(otherSeed).doesNotContainAnyElementsOf(first);
    }

    @Test
    void contentDoesNotDependOnTheOrderOrThreadItIsComposedOn() throws Exception {
        BlockGenerator generator = new BlockGenerator(SMALL);
        BlockContent later = generator.compose(9, 0);
        Thread other = new Thread(() -> generator.compose(3, 0));
        other.start();
        other.join();
        BlockContent again = new BlockGenerator(SMALL).compose(9, 0);
        assertThat(again.transactions()).isEqualTo(later.transactions());
        assertThat(again.receipts()).isEqualTo(later.receipts());
        assertThat(again.receiptsRoot()).isEqualTo(later.receiptsRoot());
    }

    @Test
    void everyBlockMatchesItsHeaderAndLinksToItsParent() {
        BlockGenerator generator = new BlockGenerator(ChainParameters.mainnetLike(3));
        List<FullBlock> blocks = chain(generator, 12, 0);
        for (int i = 0; i < blocks.size(); i++) {
            FullBlock block = blocks.get(i);
            BlockHeader header = block.header();
            assertThat(block.body().mismatchWith(header)).as("body of block %d", i).isEmpty();
            assertThat(Receipts.mismatchWith(header, block.receipts()))
                    .as("receipts of block %d", i)
                    .isEmpty();
            assertThat(header.number()).isEqualTo(i);
            assertThat(header.format()).isEqualTo(HeaderFormat.PRAGUE);
            assertThat(header.difficulty()).isZero();
            assertThat(header.nonce()).isZero();
            assertThat(header.ommersHash()).isEqualTo(BlockGenerator.EMPTY_OMMERS_HASH);
            assertThat(header.requestsHash()).hasValue(Hash.wrap(sha256()));
            // receipts survive the eth/69 wire form (no blooms) and still match
            List<Receipt> wire =
                    Receipts.decodeEth69List(Receipts.encodeEth69List(block.receipts()));
            assertThat(Receipts.mismatchWith(header, wire)).isEmpty();
            assertThat(BlockBody.decode(block.body().encode()).mismatchWith(header)).isEmpty();
            if (i > 0) {
                BlockHeader parent = blocks.get(i - 1).header();
                assertThat(header.parentHash()).isEqualTo(parent.hash());
                assertThat(header.timestamp()).isEqualTo(parent.timestamp() + 12);
                assertThat(header.baseFeePerGas()).hasValue(eip1559(parent));
                long blobs =
                        block.body().transactions().stream()
                                .filter(t -> t.type() == 3)
                                .mapToLong(
                                        t ->
                                                ((BlobTransaction) t.fields())
                                                        .blobVersionedHashes()
                                                        .size())
                                .sum();
                assertThat(header.blobGasUsed()).hasValue(blobs * 131_072);
                assertThat(blobs).isLessThanOrEqualTo(9);
                assertThat(header.excessBlobGas())
                        .hasValue(
                                Math.max(
                                        0,
                                        parent.excessBlobGas().getAsLong()
                                                + parent.blobGasUsed().getAsLong()
                                                - 6 * 131_072L));
            }
        }
    }

    @Test
    void everyTransactionTypeDecodesAndYieldsADeterministicSender() {
        BlockGenerator generator = new BlockGenerator(ChainParameters.mainnetLike(5));
        Set<TransactionType> seen = EnumSet.noneOf(TransactionType.class);
        FullBlock parent = generator.genesis();
        for (int n = 0; n < 6 && seen.size() < 5; n++) {
            parent = generator.next(parent.header(), 0);
            for (Transaction tx : parent.body().transactions()) {
                TransactionFields fields = tx.fields();
                assertThat(fields.chainId()).hasValue(1337);
                assertThat(fields.s()).isLessThanOrEqualTo(halfOrder());
                if (seen.add(fields.type())) {
                    assertThat(tx.sender())
                            .as("%s sender", fields.type())
                            .isEqualTo(Transaction.decode(tx.encoding()).sender());
                }
                if (fields instanceof LegacyTransaction legacy) {
                    assertThat(legacy.isReplayProtected()).isTrue();
                }
                if (fields instanceof BlobTransaction blob) {
                    assertThat(blob.blobVersionedHashes())
                            .isNotEmpty()
                            .allSatisfy(
                                    hash ->
                                            assertThat(hash.unsafeArray()[0])
                                                    .isEqualTo((byte) 0x01));
                }
                if (fields instanceof SetCodeTransaction setCode) {
                    assertThat(setCode.authorizationList()).isNotEmpty();
                    for (Authorization auth : setCode.authorizationList()) {
                        assertThat(auth.recoverAuthority()).isPresent();
                    }
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(TransactionType.values());
    }

    @Test
    void siblingBranchReplacesTheBlocksWithOthersOnTheSameParent() {
        BlockGenerator generator = new BlockGenerator(SMALL);
        List<FullBlock> original = chain(generator, 10, 0);
        FullBlock forkPoint = original.get(7);
        FullBlock sibling8 = generator.next(forkPoint.header(), 1);
        FullBlock sibling9 = generator.next(sibling8.header(), 1);

        assertThat(sibling8.header().parentHash()).isEqualTo(forkPoint.hash());
        assertThat(sibling8.hash()).isNotEqualTo(original.get(8).hash());
        assertThat(sibling8.header().timestamp())
                .isNotEqualTo(original.get(8).header().timestamp());
        assertThat(sibling9.header().parentHash()).isEqualTo(sibling8.hash());
        assertThat(sibling9.hash()).isNotEqualTo(original.get(9).hash());
        assertThat(sibling8.body().mismatchWith(sibling8.header())).isEmpty();
        assertThat(Receipts.mismatchWith(sibling8.header(), sibling8.receipts())).isEmpty();
    }

    /**
     * EIP-1559, written out independently of the generator (gas target = half the limit, change at
     * most 1/8).
     */
    private static BigInteger eip1559(BlockHeader parent) {
        BigInteger base = parent.baseFeePerGas().orElseThrow();
        BigInteger target = BigInteger.valueOf(parent.gasLimit() / 2);
        BigInteger used = BigInteger.valueOf(parent.gasUsed());
        BigInteger next;
        if (used.compareTo(target) > 0) {
            next =
                    base.add(
                            base.multiply(used.subtract(target))
                                    .divide(target)
                                    .divide(BigInteger.valueOf(8))
                                    .max(BigInteger.ONE));
        } else {
            next =
                    base.subtract(
                            base.multiply(target.subtract(used))
                                    .divide(target)
                                    .divide(BigInteger.valueOf(8)));
        }
        BigInteger gwei = BigInteger.TEN.pow(9);
        return next.max(gwei.divide(BigInteger.TEN)).min(gwei.multiply(BigInteger.valueOf(100)));
    }

    private static BigInteger halfOrder() {
        return io.annals.core.crypto.Secp256k1.order().shiftRight(1);
    }

    private static byte[] sha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(new byte[0]);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
