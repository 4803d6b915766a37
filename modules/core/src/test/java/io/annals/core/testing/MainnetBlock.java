package io.annals.core.testing;

import io.annals.core.rlp.RlpReader;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.types.ReceiptCodec;
import io.annals.core.types.Receipts;
import java.util.ArrayList;
import java.util.List;

/**
 * One real mainnet block as published in a public test-vector set: its header and body in their
 * devp2p encodings and its receipts in the form the source gives (see {@link ReceiptForm}), plus
 * the block hash the source names for it. Load them with {@link MainnetBlocks}.
 */
public record MainnetBlock(
        String era,
        long number,
        Hash knownHash,
        byte[] headerRlp,
        byte[] bodyRlp,
        ReceiptForm receiptForm,
        List<byte[]> receiptItems) {

    public MainnetBlock {
        receiptItems = List.copyOf(receiptItems);
    }

    /** How the source encodes the receipts. */
    public enum ReceiptForm {
        /**
         * The consensus encoding of each receipt (legacy list, or type || list), bloom included.
         */
        CONSENSUS,
        /** The eth/69 per-receipt list {@code [type, outcome, cumulativeGas, logs]}, no bloom. */
        ETH69
    }

    /** A copy of the header RLP (the fixture is shared: accessors never hand out its arrays). */
    @Override
    public byte[] headerRlp() {
        return headerRlp.clone();
    }

    /** A copy of the devp2p body RLP. */
    @Override
    public byte[] bodyRlp() {
        return bodyRlp.clone();
    }

    /** Copies of the receipts in the source's form. */
    @Override
    public List<byte[]> receiptItems() {
        return receiptItems.stream().map(byte[]::clone).toList();
    }

    public BlockHeader header() {
        return BlockHeader.decode(headerRlp);
    }

    public BlockBody body() {
        return BlockBody.decode(bodyRlp);
    }

    /** The receipts decoded from the source's own form. */
    public List<Receipt> receipts() {
        List<Receipt> out = new ArrayList<>(receiptItems.size());
        for (byte[] item : receiptItems) {
            out.add(
                    receiptForm == ReceiptForm.CONSENSUS
                            ? ReceiptCodec.decodeConsensus(item)
                            : ReceiptCodec.readEth69(RlpReader.of(item)));
        }
        return out;
    }

    /** The receipts as one eth/68 per-block list, built from the source form by this code. */
    public byte[] receiptsEth68() {
        return Receipts.encodeEth68List(receipts());
    }

    /** The receipts as one eth/69 per-block list, built from the source form by this code. */
    public byte[] receiptsEth69() {
        return Receipts.encodeEth69List(receipts());
    }

    @Override
    public String toString() {
        return era + " block " + number;
    }
}
