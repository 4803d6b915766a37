package io.annals.core.era;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.KnownEpochs;
import io.annals.core.chain.Merge;
import io.annals.core.rlp.RlpException;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Verifies an era file before anything of it is stored, one block at a time (no epoch is held in
 * memory). Every check names the block that failed it:
 *
 * <ul>
 *   <li>each header decodes, has the next number and links to the one before by parent hash; block
 *       0 is the chain's genesis;
 *   <li>each body matches its header (transactions root, ommers hash, withdrawals) and each receipt
 *       list too (receipts root, logs bloom, gas used), as sync checks blocks from peers;
 *   <li>difficulty agrees with the chain's merge (proof of work below the first proof-of-stake
 *       block, zero from it on) and the total difficulty accumulates: {@code td(n) = td(n - 1) +
 *       difficulty(n)}, zero before genesis, reaching the terminal total difficulty exactly at the
 *       last proof-of-work block;
 *   <li>the accumulator root, recomputed over the file's pre-merge blocks (all of them in era1, as
 *       go-ethereum wrote era1 files past the merge), equals the file's and, where the chain
 *       publishes it, the known root of the epoch ({@link KnownEpochs}).
 * </ul>
 *
 * What links one file to the next (the first parent hash, the total difficulty carried over) is
 * returned in the {@link EpochCheck} for the caller to hold against its neighbours and the store.
 */
public final class EpochVerifier {
    private final ChainSpec chain;
    private final KnownEpochs known;

    public EpochVerifier(ChainSpec chain) {
        this.chain = chain;
        this.known = chain.knownEpochs();
    }

    /**
     * Reads and checks every block of {@code file}.
     *
     * @throws EraFormatException naming the block and the check that failed
     */
    public EpochCheck verify(EraFile file) {
        ReceiptForm form =
                file.receiptForm()
                        .orElseThrow(
                                () ->
                                        EraFormatException.ofFile(
                                                "the file holds no receipts (a noreceipts profile);"
                                                        + " every stored block needs them"));
        int n = file.blockCount();
        int[] crcs = new int[n];
        EpochAccumulator accumulator = new EpochAccumulator();
        Hash firstParent = null;
        Hash previous = null;
        BigInteger initialTd = null;
        BigInteger td = null;
        boolean sawProofOfStake = false;
        for (int i = 0; i < n; i++) {
            EraBlock raw = file.block(i);
            crcs[i] = crc(raw);
            DecodedBlock block = decode(raw, form);
            BlockHeader header = block.header();
            long number = raw.number();
            Hash hash = header.hash();
            if (header.number() != number) {
                throw at(raw, "the header says block " + Long.toUnsignedString(header.number()));
            }
            if (i == 0) {
                firstParent = header.parentHash();
                if (number == 0 && !hash.equals(chain.genesisHash())) {
                    throw at(
                            raw,
                            "block 0 is "
                                    + hash
                                    + ", not the genesis of "
                                    + chain.name()
                                    + " ("
                                    + chain.genesisHash()
                                    + "): a file of another network");
                }
            } else if (!header.parentHash().equals(previous)) {
                throw at(
                        raw,
                        "the header does not link: its parent hash "
                                + header.parentHash()
                                + " is not block "
                                + (number - 1)
                                + " ("
                                + previous
                                + ")");
            }
            Optional<String> bodyMismatch = block.body().mismatchWith(header);
            if (bodyMismatch.isPresent()) {
                throw at(raw, "the body does not match the header: " + bodyMismatch.get());
            }
            Optional<String> receiptsMismatch = Receipts.mismatchWith(header, block.receipts());
            if (receiptsMismatch.isPresent()) {
                throw at(raw, "the receipts do not match the header: " + receiptsMismatch.get());
            }
            boolean proofOfWork = header.difficulty().signum() > 0;
            checkMergeRules(raw, header, proofOfWork);
            if (proofOfWork && sawProofOfStake) {
                throw at(raw, "a proof-of-work block after a proof-of-stake one");
            }
            sawProofOfStake |= !proofOfWork;
            if (i > 0 && block.totalDifficulty().isPresent() != (td != null)) {
                throw at(raw, "total difficulty is given for some blocks of the file only");
            }
            if (block.totalDifficulty().isPresent()) {
                BigInteger total = block.totalDifficulty().get();
                BigInteger expected =
                        td == null
                                ? (number == 0 ? header.difficulty() : null)
                                : td.add(header.difficulty());
                if (expected != null && !expected.equals(total)) {
                    throw at(
                            raw,
                            "total difficulty "
                                    + total
                                    + " is not "
                                    + (td == null
                                            ? "the genesis difficulty " + expected
                                            : "block "
                                                    + (number - 1)
                                                    + "'s "
                                                    + td
                                                    + " + "
                                                    + header.difficulty()));
                }
                if (td == null) {
                    initialTd = total.subtract(header.difficulty());
                    if (initialTd.signum() < 0) {
                        throw at(
                                raw,
                                "total difficulty " + total + " is below the block's difficulty");
                    }
                }
                checkTerminal(raw, total);
                td = total;
                if (file.kind() == EraKind.ERA1 || proofOfWork) {
                    accumulator.add(hash, total);
                }
            } else if (proofOfWork) {
                throw at(raw, "a proof-of-work block without its total difficulty");
            }
            previous = hash;
        }
        Optional<Hash> computed =
                accumulator.count() > 0 ? Optional.of(accumulator.root()) : Optional.empty();
        checkAccumulator(file, computed);
        KnownEpochs.Verdict trust = KnownEpochs.Verdict.UNKNOWN;
        if (computed.isPresent() && file.startBlock() % EpochAccumulator.EPOCH_SIZE == 0) {
            long epoch = file.startBlock() / EpochAccumulator.EPOCH_SIZE;
            trust = known.check(epoch, computed.get());
            if (trust == KnownEpochs.Verdict.MISMATCH) {
                throw EraFormatException.ofFile(
                        "accumulator root "
                                + computed.get()
                                + " of blocks "
                                + file.startBlock()
                                + ".."
                                + file.lastBlock()
                                + " is not "
                                + chain.name()
                                + "'s known root of epoch "
                                + epoch
                                + " ("
                                + known.expected(epoch).orElse("?")
                                + "): a file of another network, or forged");
            }
        }
        return new EpochCheck(
                file.startBlock(),
                n,
                firstParent,
                previous,
                Optional.ofNullable(initialTd),
                Optional.ofNullable(td),
                computed,
                trust,
                crcs);
    }

    /**
     * Reads block {@code i} again for storing: its bytes must be those {@code check} verified (same
     * CRC-32C), then it is decoded; the roots are not recomputed.
     */
    public static DecodedBlock reread(EraFile file, int i, EpochCheck check) {
        EraBlock raw = file.block(i);
        if (crc(raw) != check.blockCrcs()[i]) {
            throw at(raw, "the file changed after it was verified");
        }
        return decode(raw, file.receiptForm().orElseThrow());
    }

    /** Decodes a block within the p2p decoders' bounds ({@code DecodeLimits}). */
    public static DecodedBlock decode(EraBlock raw, ReceiptForm form) {
        BlockHeader header;
        try {
            header = BlockHeader.decode(raw.header());
        } catch (RlpException e) {
            throw at(raw, "the header does not decode: " + e.getMessage());
        }
        BlockBody body;
        try {
            body = BlockBody.decode(raw.body());
        } catch (RlpException e) {
            throw at(raw, "the body does not decode: " + e.getMessage());
        }
        List<Receipt> receipts;
        try {
            byte[] encoded = raw.receipts().orElseThrow();
            receipts =
                    form == ReceiptForm.FULL
                            ? Receipts.decodeEth68List(encoded)
                            : Receipts.decodeEth69List(encoded);
        } catch (RlpException e) {
            throw at(raw, "the receipts do not decode: " + e.getMessage());
        }
        if (receipts.size() != body.transactions().size()) {
            throw at(
                    raw,
                    body.transactions().size()
                            + " transactions but "
                            + receipts.size()
                            + " receipts");
        }
        return new DecodedBlock(header, body, receipts, raw.totalDifficulty());
    }

    private void checkMergeRules(EraBlock raw, BlockHeader header, boolean proofOfWork) {
        Optional<Merge> merge = chain.merge();
        if (merge.isEmpty()) {
            return;
        }
        boolean postMerge = merge.get().isPostMerge(raw.number());
        if (postMerge == proofOfWork) {
            throw at(
                    raw,
                    "difficulty "
                            + header.difficulty()
                            + (postMerge ? " at or above " : " below ")
                            + chain.name()
                            + "'s first proof-of-stake block "
                            + merge.get().firstBlock());
        }
    }

    /**
     * The terminal block is the last proof-of-work one: its TD reaches the TTD, its parent's not.
     */
    private void checkTerminal(EraBlock raw, BigInteger total) {
        Optional<Merge> merge = chain.merge();
        if (merge.isEmpty() || merge.get().firstBlock() == 0) {
            return;
        }
        long terminal = merge.get().firstBlock() - 1;
        BigInteger ttd = merge.get().terminalTotalDifficulty();
        boolean reached = total.compareTo(ttd) >= 0;
        if (raw.number() < terminal && reached || raw.number() == terminal && !reached) {
            throw at(
                    raw,
                    "total difficulty "
                            + total
                            + (reached ? " reaches" : " falls short of")
                            + " the terminal total difficulty "
                            + ttd
                            + " (the last proof-of-work block is "
                            + terminal
                            + ")");
        }
    }

    private static void checkAccumulator(EraFile file, Optional<Hash> computed) {
        Optional<Hash> stated = file.accumulatorRoot();
        if (stated.isPresent() && computed.isEmpty()) {
            throw EraFormatException.ofFile(
                    "the file has an Accumulator but no pre-merge block to accumulate");
        }
        if (computed.isPresent() && stated.isEmpty()) {
            throw EraFormatException.ofFile("the file has pre-merge blocks but no Accumulator");
        }
        if (computed.isPresent() && !computed.get().equals(stated.get())) {
            throw EraFormatException.ofFile(
                    "the accumulator root recomputed over blocks "
                            + file.startBlock()
                            + ".."
                            + file.lastBlock()
                            + " is "
                            + computed.get()
                            + ", but the file says "
                            + stated.get());
        }
    }

    private static int crc(EraBlock raw) {
        CRC32C crc = new CRC32C();
        crc.update(raw.header());
        crc.update(raw.body());
        raw.receipts().ifPresent(crc::update);
        return (int) crc.getValue();
    }

    private static EraFormatException at(EraBlock raw, String reason) {
        return EraFormatException.atBlock(raw.number(), raw.offset(), reason);
    }
}
