package io.annals.core.era;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.testing.RandomChain;
import io.annals.core.types.HeaderFormat;
import io.annals.core.types.Receipts;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** era1 and eraE written and read back, and files broken in the ways a mirror can break them. */
class EraCodecTest {

    @Test
    void era1RoundTripKeepsEveryByte() {
        List<RandomChain.GeneratedBlock> blocks = EraTestFiles.chain(1, 40, HeaderFormat.FRONTIER);
        EraFile file = EraTestFiles.open(EraTestFiles.era1(blocks), EraKind.ERA1);
        assertThat(file.startBlock()).isEqualTo(blocks.get(0).header().number());
        assertThat(file.blockCount()).isEqualTo(40);
        BigInteger[] tds = EraTestFiles.totalDifficulties(blocks);
        for (int i = 0; i < blocks.size(); i++) {
            EraBlock read = file.block(i);
            assertThat(read.header()).isEqualTo(blocks.get(i).header().encoding());
            assertThat(read.body()).isEqualTo(blocks.get(i).body().encode());
            assertThat(read.receipts().orElseThrow())
                    .isEqualTo(Receipts.encodeEth68List(blocks.get(i).receipts()));
            assertThat(read.totalDifficulty()).contains(tds[i]);
        }
        EpochCheck check = new EpochVerifier(EraTestFiles.CHAIN).verify(file);
        assertThat(check.accumulatorRoot()).isEqualTo(file.accumulatorRoot());
        assertThat(check.initialTotalDifficulty()).contains(EraTestFiles.INITIAL_TD);
        assertThat(check.finalTotalDifficulty()).contains(tds[39]);
        assertThat(check.lastHash()).isEqualTo(blocks.get(39).header().hash());
        assertThat(check.firstParentHash()).isEqualTo(blocks.get(0).header().parentHash());
    }

    @Test
    void eraEOfEachSideOfTheMerge() {
        for (int firstProofOfStake : new int[] {30, 12, 0}) {
            List<RandomChain.GeneratedBlock> blocks =
                    EraTestFiles.mergingChain(firstProofOfStake + 2, 30, firstProofOfStake);
            EraFile file =
                    EraTestFiles.open(EraTestFiles.eraE(blocks, firstProofOfStake), EraKind.ERAE);
            assertThat(file.receiptForm()).contains(ReceiptForm.SLIM);
            assertThat(file.accumulatorRoot().isPresent()).isEqualTo(firstProofOfStake > 0);
            BigInteger[] tds = EraTestFiles.totalDifficulties(blocks);
            for (int i = 0; i < blocks.size(); i++) {
                EraBlock read = file.block(i);
                assertThat(read.header()).isEqualTo(blocks.get(i).header().encoding());
                assertThat(read.body()).isEqualTo(blocks.get(i).body().encode());
                assertThat(read.receipts().orElseThrow())
                        .isEqualTo(Receipts.encodeEth69List(blocks.get(i).receipts()));
                // after the merge the spec fills in the final total difficulty
                if (firstProofOfStake == 0) {
                    assertThat(read.totalDifficulty()).isEmpty();
                } else {
                    assertThat(read.totalDifficulty())
                            .contains(tds[Math.min(i, firstProofOfStake - 1)]);
                }
            }
            EpochCheck check = new EpochVerifier(EraTestFiles.CHAIN).verify(file);
            assertThat(check.accumulatorRoot()).isEqualTo(file.accumulatorRoot());
            if (firstProofOfStake > 0) {
                EpochAccumulator expected = new EpochAccumulator();
                for (int i = 0; i < firstProofOfStake; i++) {
                    expected.add(blocks.get(i).header().hash(), tds[i]);
                }
                assertThat(check.accumulatorRoot()).contains(expected.root());
                assertThat(check.finalTotalDifficulty()).contains(tds[firstProofOfStake - 1]);
            }
        }
    }

    @Test
    void aWrongIndexOffsetIsRefusedNamingTheIndex() {
        List<RandomChain.GeneratedBlock> blocks = EraTestFiles.chain(2, 12, HeaderFormat.LONDON);
        byte[] file = EraTestFiles.era1(blocks);
        int slot = file.length - 8 - 8 * (12 - 5);
        EraTestFiles.putLong(file, slot, EraTestFiles.getLong(file, slot) + 8);
        long block5 = blocks.get(5).header().number();
        assertThatThrownBy(() -> EraTestFiles.open(file, EraKind.ERA1))
                .isInstanceOf(EraFormatException.class)
                .hasMessageContaining("BlockIndex offset of block " + block5);
    }

    @Test
    void offsetsThatLeaveTheAccumulatorOutAreRefused() {
        // @ethereumjs/e2store 10.0.0's createBlockIndex counts from 32 bytes too early
        List<RandomChain.GeneratedBlock> blocks = EraTestFiles.chain(3, 6, HeaderFormat.LONDON);
        byte[] file = EraTestFiles.era1(blocks);
        for (int i = 0; i < 6; i++) {
            int slot = file.length - 8 - 8 * (6 - i);
            EraTestFiles.putLong(file, slot, EraTestFiles.getLong(file, slot) + 32);
        }
        assertThatThrownBy(() -> EraTestFiles.open(file, EraKind.ERA1))
                .isInstanceOf(EraFormatException.class)
                .hasMessageContaining(
                        "BlockIndex offset of block " + blocks.get(0).header().number())
                .hasMessageContaining("relative to the BlockIndex entry");
    }

    @Test
    void aTruncatedEntryNamesItsBlock() {
        List<RandomChain.GeneratedBlock> blocks = EraTestFiles.chain(4, 12, HeaderFormat.LONDON);
        byte[] file = EraTestFiles.era1(blocks);
        E2Entry body = entries(file).get(1 + 4 * 7 + 1);
        // cut 3 bytes out of block 7's body, leaving its header's length as it was
        byte[] cut = new byte[file.length - 3];
        int end = (int) body.end() - 3;
        System.arraycopy(file, 0, cut, 0, end);
        System.arraycopy(file, end + 3, cut, end, file.length - end - 3);
        assertThatThrownBy(() -> EraTestFiles.open(cut, EraKind.ERA1))
                .isInstanceOf(EraFormatException.class)
                .hasMessageContaining("block " + blocks.get(7).header().number());
    }

    @Test
    void aFlippedByteInACompressedBodyNamesItsBlock() {
        List<RandomChain.GeneratedBlock> blocks = EraTestFiles.chain(5, 12, HeaderFormat.LONDON);
        byte[] file = EraTestFiles.era1(blocks);
        E2Entry body = entries(file).get(1 + 4 * 3 + 1);
        file[(int) body.end() - 2] ^= 0x40;
        EraFile era = EraTestFiles.open(file, EraKind.ERA1);
        assertThatThrownBy(() -> new EpochVerifier(EraTestFiles.CHAIN).verify(era))
                .isInstanceOf(EraFormatException.class)
                .hasMessageContaining("block " + blocks.get(3).header().number())
                .hasMessageContaining("corrupt snappy frame");
    }

    @Test
    void aWrongAccumulatorIsRefused() {
        List<RandomChain.GeneratedBlock> blocks = EraTestFiles.chain(6, 8, HeaderFormat.LONDON);
        byte[] file = EraTestFiles.era1(blocks);
        List<E2Entry> entries = entries(file);
        E2Entry accumulator = entries.get(entries.size() - 2);
        assertThat(accumulator.type()).isEqualTo(EntryTypes.ACCUMULATOR);
        file[(int) accumulator.valueOffset()] ^= 1;
        EraFile era = EraTestFiles.open(file, EraKind.ERA1);
        assertThatThrownBy(() -> new EpochVerifier(EraTestFiles.CHAIN).verify(era))
                .isInstanceOf(EraFormatException.class)
                .hasMessageContaining("accumulator root recomputed");
    }

    @Test
    void aHeaderThatDoesNotLinkNamesItsBlock() {
        List<RandomChain.GeneratedBlock> blocks =
                new java.util.ArrayList<>(EraTestFiles.chain(7, 12, HeaderFormat.LONDON));
        RandomChain.GeneratedBlock moved = blocks.get(6);
        blocks.set(
                6,
                new RandomChain.GeneratedBlock(
                        moved.header().toBuilder().parentHash(moved.header().hash()).build(),
                        moved.body(),
                        moved.receipts()));
        EraFile era = EraTestFiles.open(EraTestFiles.era1(blocks), EraKind.ERA1);
        assertThatThrownBy(() -> new EpochVerifier(EraTestFiles.CHAIN).verify(era))
                .isInstanceOf(EraFormatException.class)
                .hasMessageContaining("block " + moved.header().number())
                .hasMessageContaining("does not link");
    }

    @Test
    void aBodyThatDoesNotMatchItsHeaderNamesItsBlock() {
        List<RandomChain.GeneratedBlock> blocks =
                new java.util.ArrayList<>(EraTestFiles.chain(8, 10, HeaderFormat.LONDON));
        int victim = 0;
        while (blocks.get(victim).body().transactions().isEmpty()) {
            victim++;
        }
        RandomChain.GeneratedBlock a = blocks.get(victim);
        RandomChain.GeneratedBlock other = blocks.get(victim == 0 ? 1 : 0);
        blocks.set(
                victim, new RandomChain.GeneratedBlock(a.header(), other.body(), other.receipts()));
        EraFile era = EraTestFiles.open(EraTestFiles.era1(blocks), EraKind.ERA1);
        assertThatThrownBy(() -> new EpochVerifier(EraTestFiles.CHAIN).verify(era))
                .isInstanceOf(EraFormatException.class)
                .hasMessageContaining("block " + a.header().number());
    }

    @Test
    void totalDifficultyMustAccumulate() {
        List<RandomChain.GeneratedBlock> blocks = EraTestFiles.chain(9, 8, HeaderFormat.LONDON);
        byte[] file = EraTestFiles.era1(blocks);
        E2Entry td = entries(file).get(1 + 4 * 4 + 3);
        file[(int) td.valueOffset()] ^= 1;
        EraFile era = EraTestFiles.open(file, EraKind.ERA1);
        assertThatThrownBy(() -> new EpochVerifier(EraTestFiles.CHAIN).verify(era))
                .isInstanceOf(EraFormatException.class)
                .hasMessageContaining("block " + blocks.get(4).header().number())
                .hasMessageContaining("total difficulty");
    }

    @Test
    void aWrongDynamicIndexOffsetIsRefused() {
        List<RandomChain.GeneratedBlock> blocks = EraTestFiles.mergingChain(10, 9, 4);
        byte[] file = EraTestFiles.eraE(blocks, 4);
        // block 2's body offset: after start, 2 blocks of 4 components, then header
        int slot = file.length - 8 - (8 + 8 * 9 * 4 + 16) + 8 + 8 + 8 * (2 * 4 + 1);
        EraTestFiles.putLong(file, slot, EraTestFiles.getLong(file, slot) + 8);
        assertThatThrownBy(() -> EraTestFiles.open(file, EraKind.ERAE))
                .isInstanceOf(EraFormatException.class)
                .hasMessageContaining(
                        "DynamicBlockIndex offset of block " + blocks.get(2).header().number());
    }

    @Test
    void anEntryPastItsLimitIsRefusedBeforeItIsInflated() {
        List<RandomChain.GeneratedBlock> blocks = EraTestFiles.chain(11, 4, HeaderFormat.LONDON);
        byte[] bytes = EraTestFiles.era1(blocks);
        EraFile file =
                EraFiles.open(
                        new EraTestFiles.MemoryChannel(bytes),
                        EraKind.ERA1,
                        new EraLimits(64 << 10, 1024, 32 << 20));
        int big = -1;
        for (int i = 0; i < blocks.size() && big < 0; i++) {
            if (blocks.get(i).body().encode().length > 1024) {
                big = i;
            }
        }
        assertThat(big).as("a block with a body over 1 KiB").isNotNegative();
        int victim = big;
        assertThatThrownBy(() -> file.block(victim))
                .isInstanceOf(EraFormatException.class)
                .hasMessageContaining("block " + blocks.get(victim).header().number());
    }

    @Test
    void mutatedFilesFailOnlyWithFormatErrors() {
        // Whatever a mirror serves, reading and verifying ends in a clean verdict, never another
        // exception, an endless loop or an allocation of the size a corrupt length claims.
        List<RandomChain.GeneratedBlock> blocks = EraTestFiles.chain(12, 6, HeaderFormat.LONDON);
        byte[] era1 = EraTestFiles.era1(blocks);
        byte[] eraE = EraTestFiles.eraE(EraTestFiles.mergingChain(13, 6, 3), 3);
        Random random = new Random(42);
        int refused = 0;
        for (int round = 0; round < 600; round++) {
            boolean first = round % 2 == 0;
            byte[] mutated = (first ? era1 : eraE).clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
            }
            if (random.nextInt(5) == 0) {
                mutated = Arrays.copyOf(mutated, random.nextInt(mutated.length));
            }
            try {
                EraFile file = EraTestFiles.open(mutated, first ? EraKind.ERA1 : EraKind.ERAE);
                new EpochVerifier(EraTestFiles.CHAIN).verify(file);
            } catch (EraFormatException expected) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(500);
    }

    private static List<E2Entry> entries(byte[] file) {
        return new E2StoreReader(new EraTestFiles.MemoryChannel(file)).scan(0, 100_000);
    }
}
