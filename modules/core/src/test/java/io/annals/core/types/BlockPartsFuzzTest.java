package io.annals.core.types;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.annals.core.rlp.RlpException;
import io.annals.core.testing.FuzzContract;
import java.util.Arrays;
import java.util.List;

/**
 * What peers send as block parts: headers, bodies (with every transaction's fields decoded, as RPC
 * does), receipt lists in the eth/68 and eth/69 forms, single transactions (the typed envelope and
 * its fields), consensus receipts (the receipts-trie value) and withdrawals. The first input byte
 * picks the decoder. Each fails only with {@link RlpException}, and what decodes encodes back to
 * the same bytes.
 */
class BlockPartsFuzzTest {
    private static final FuzzContract CONTRACT = FuzzContract.of(64, RlpException.class);

    @FuzzTest
    void decodesBlockPartsOrFailsWithRlpException(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] data = Arrays.copyOfRange(input, 1, input.length);
        switch ((input[0] & 0xff) % 7) {
            case 0 -> header(data);
            case 1 -> body(data);
            case 2 -> receipts(data, true);
            case 3 -> receipts(data, false);
            case 4 -> transaction(data);
            case 5 -> consensusReceipt(data);
            default -> withdrawal(data);
        }
    }

    private static void header(byte[] data) {
        BlockHeader header =
                CONTRACT.decode(
                        data.length,
                        () -> {
                            BlockHeader decoded = BlockHeader.decode(data);
                            decoded.hash();
                            return decoded;
                        });
        if (header != null) {
            FuzzContract.requireEqual(data, header.encoding(), "header");
        }
    }

    private static void body(byte[] data) {
        BlockBody body = CONTRACT.decode(data.length, () -> BlockBody.decode(data));
        if (body == null) {
            return;
        }
        FuzzContract.requireEqual(data, body.encode(), "body");
        for (Transaction transaction : body.transactions()) {
            // the envelope decoded; its fields are decoded on first use (RPC), and may still fail
            CONTRACT.decode(data.length, transaction::fields);
        }
    }

    private static void transaction(byte[] data) {
        Transaction transaction =
                CONTRACT.decode(
                        data.length,
                        () -> {
                            Transaction decoded = Transaction.decode(data);
                            decoded.fields();
                            return decoded;
                        });
        if (transaction != null) {
            FuzzContract.requireEqual(data, transaction.encoding(), "transaction");
        }
    }

    private static void consensusReceipt(byte[] data) {
        Receipt receipt = CONTRACT.decode(data.length, () -> ReceiptCodec.decodeConsensus(data));
        if (receipt != null) {
            FuzzContract.requireEqual(
                    data, ReceiptCodec.encodeConsensus(receipt), "consensus receipt");
        }
    }

    private static void withdrawal(byte[] data) {
        CONTRACT.decode(data.length, () -> Withdrawal.decode(data));
    }

    private static void receipts(byte[] data, boolean eth69) {
        List<Receipt> receipts =
                CONTRACT.decode(
                        data.length,
                        () ->
                                eth69
                                        ? Receipts.decodeEth69List(data)
                                        : Receipts.decodeEth68List(data));
        if (receipts != null) {
            FuzzContract.requireEqual(
                    data,
                    eth69 ? Receipts.encodeEth69List(receipts) : Receipts.encodeEth68List(receipts),
                    eth69 ? "eth/69 receipts" : "eth/68 receipts");
        }
    }
}
