package io.annals.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.annals.core.types.AccessListEntry;
import io.annals.core.types.AccessListTransaction;
import io.annals.core.types.Address;
import io.annals.core.types.BlobTransaction;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.DynamicFeeTransaction;
import io.annals.core.types.Hash;
import io.annals.core.types.LegacyTransaction;
import io.annals.core.types.Log;
import io.annals.core.types.LogsBloom;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.core.types.Transaction;
import io.annals.core.types.TransactionFields;
import io.annals.core.util.ByteSlice;
import io.annals.core.util.Hex;
import io.annals.store.FullBlock;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a real block from its published JSON-RPC answers (or from another node's answers, as the
 * anvil comparison in the benchmarks does) (block with full transactions, and its receipts), and
 * accepts it only when it hashes to what was published: the header to the block hash, each
 * transaction to its hash, and the transactions, withdrawals and receipts to the header's roots.
 * Whatever passes is the mainnet block byte for byte, so serving it and comparing the answers with
 * the published ones tests the RPC layer against real data.
 */
public final class PublishedBlocks {
    private PublishedBlocks() {}

    public static FullBlock rebuild(JsonNode block, JsonNode receipts) {
        List<Transaction> transactions = new ArrayList<>();
        for (JsonNode tx : block.get("transactions")) {
            Transaction rebuilt = transaction(tx).toTransaction();
            check(
                    rebuilt.hash(),
                    hash(tx.get("hash")),
                    "transaction " + tx.get("transactionIndex").asText());
            transactions.add(rebuilt);
        }
        List<io.annals.core.types.Withdrawal> withdrawals =
                block.hasNonNull("withdrawals") ? new ArrayList<>() : null;
        for (JsonNode w : block.path("withdrawals")) {
            withdrawals.add(
                    new io.annals.core.types.Withdrawal(
                            number(w.get("index")),
                            number(w.get("validatorIndex")),
                            address(w.get("address")),
                            number(w.get("amount"))));
        }
        BlockBody body = BlockBody.of(transactions, List.of(), withdrawals);
        List<Receipt> receiptList = new ArrayList<>();
        for (JsonNode r : receipts) {
            List<Log> logs = new ArrayList<>();
            for (JsonNode log : r.get("logs")) {
                List<Hash> topics = new ArrayList<>();
                log.get("topics").forEach(t -> topics.add(hash(t)));
                logs.add(Log.of(address(log.get("address")), topics, bytes(log.get("data"))));
            }
            receiptList.add(
                    Receipt.withStatus(
                            (int) number(r.get("type")),
                            number(r.get("status")) == 1,
                            number(r.get("cumulativeGasUsed")),
                            logs));
        }
        var builder =
                BlockHeader.builder()
                        .parentHash(hash(block.get("parentHash")))
                        .ommersHash(hash(block.get("sha3Uncles")))
                        .beneficiary(address(block.get("miner")))
                        .stateRoot(hash(block.get("stateRoot")))
                        .transactionsRoot(hash(block.get("transactionsRoot")))
                        .receiptsRoot(hash(block.get("receiptsRoot")))
                        .logsBloom(LogsBloom.wrap(bytes(block.get("logsBloom"))))
                        .difficulty(big(block.get("difficulty")))
                        .number(number(block.get("number")))
                        .gasLimit(number(block.get("gasLimit")))
                        .gasUsed(number(block.get("gasUsed")))
                        .timestamp(number(block.get("timestamp")))
                        .extraData(bytes(block.get("extraData")))
                        .mixHash(hash(block.get("mixHash")))
                        .nonce(new BigInteger(1, bytes(block.get("nonce"))).longValue());
        // the fork fields, each present from its fork on
        if (block.hasNonNull("baseFeePerGas")) {
            builder.baseFeePerGas(big(block.get("baseFeePerGas")));
        }
        if (block.hasNonNull("withdrawalsRoot")) {
            builder.withdrawalsRoot(hash(block.get("withdrawalsRoot")));
        }
        if (block.hasNonNull("blobGasUsed")) {
            builder.blobGasUsed(number(block.get("blobGasUsed")))
                    .excessBlobGas(number(block.get("excessBlobGas")));
        }
        if (block.hasNonNull("parentBeaconBlockRoot")) {
            builder.parentBeaconBlockRoot(hash(block.get("parentBeaconBlockRoot")));
        }
        if (block.hasNonNull("requestsHash")) {
            builder.requestsHash(hash(block.get("requestsHash")));
        }
        BlockHeader header = builder.build();
        check(header.hash(), hash(block.get("hash")), "header");
        check(body.transactionsRoot(), header.transactionsRoot(), "transactions root");
        if (withdrawals != null) {
            check(
                    body.withdrawalsRoot().orElseThrow(),
                    header.withdrawalsRoot().orElseThrow(),
                    "withdrawals root");
        }
        check(Receipts.root(receiptList), header.receiptsRoot(), "receipts root");
        return new FullBlock(header, body, receiptList);
    }

    private static TransactionFields transaction(JsonNode tx) {
        long type = number(tx.get("type"));
        long nonce = number(tx.get("nonce"));
        long gas = number(tx.get("gas"));
        Address to = tx.get("to").isNull() ? null : address(tx.get("to"));
        BigInteger value = big(tx.get("value"));
        ByteSlice input = ByteSlice.of(bytes(tx.get("input")));
        BigInteger r = big(tx.get("r"));
        BigInteger s = big(tx.get("s"));
        if (type == 0) {
            return new LegacyTransaction(
                    nonce, big(tx.get("gasPrice")), gas, to, value, input, big(tx.get("v")), r, s);
        }
        long chainId = number(tx.get("chainId"));
        int yParity = (int) number(tx.get("v"));
        List<AccessListEntry> accessList = new ArrayList<>();
        for (JsonNode entry : tx.get("accessList")) {
            List<Hash> keys = new ArrayList<>();
            entry.get("storageKeys").forEach(k -> keys.add(hash(k)));
            accessList.add(new AccessListEntry(address(entry.get("address")), keys));
        }
        if (type == 1) {
            return new AccessListTransaction(
                    chainId,
                    nonce,
                    big(tx.get("gasPrice")),
                    gas,
                    to,
                    value,
                    input,
                    accessList,
                    yParity,
                    r,
                    s);
        }
        BigInteger tip = big(tx.get("maxPriorityFeePerGas"));
        BigInteger cap = big(tx.get("maxFeePerGas"));
        if (type == 2) {
            return new DynamicFeeTransaction(
                    chainId, nonce, tip, cap, gas, to, value, input, accessList, yParity, r, s);
        }
        List<Hash> blobs = new ArrayList<>();
        tx.get("blobVersionedHashes").forEach(h -> blobs.add(hash(h)));
        return new BlobTransaction(
                chainId,
                nonce,
                tip,
                cap,
                gas,
                to,
                value,
                input,
                accessList,
                big(tx.get("maxFeePerBlobGas")),
                blobs,
                yParity,
                r,
                s);
    }

    private static void check(Hash actual, Hash published, String what) {
        if (!actual.equals(published)) {
            throw new IllegalStateException(
                    "rebuilt " + what + " hashes to " + actual + ", published " + published);
        }
    }

    static long number(JsonNode quantity) {
        return big(quantity).longValueExact();
    }

    static BigInteger big(JsonNode quantity) {
        return new BigInteger(quantity.asText().substring(2), 16);
    }

    static byte[] bytes(JsonNode data) {
        return Hex.decode(data.asText());
    }

    static Hash hash(JsonNode data) {
        return Hash.wrap(bytes(data));
    }

    static Address address(JsonNode data) {
        return Address.wrap(bytes(data));
    }
}
