package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * go-ethereum's member orders: blocks and receipts are Go maps (written in sorted key order);
 * transactions follow the {@code RPCTransaction} struct and logs the {@code Log} struct ({@code
 * internal/ethapi/api.go}, {@code core/types/gen_log_json.go}).
 */
final class GethShapes {
    static final List<String> TRANSACTION =
            List.of(
                    "blockHash",
                    "blockNumber",
                    "blockTimestamp",
                    "from",
                    "gas",
                    "gasPrice",
                    "maxFeePerGas",
                    "maxPriorityFeePerGas",
                    "maxFeePerBlobGas",
                    "hash",
                    "input",
                    "nonce",
                    "to",
                    "transactionIndex",
                    "value",
                    "type",
                    "accessList",
                    "chainId",
                    "blobVersionedHashes",
                    "authorizationList",
                    "v",
                    "r",
                    "s",
                    "yParity");
    static final List<String> LOG =
            List.of(
                    "address",
                    "topics",
                    "data",
                    "blockNumber",
                    "transactionHash",
                    "transactionIndex",
                    "blockHash",
                    "blockTimestamp",
                    "logIndex",
                    "removed");

    private GethShapes() {}

    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            names.add(it.next().getKey());
        }
        return names;
    }

    /** A block (with its transactions, withdrawals) or receipt list (with logs) in geth's order. */
    static void assertBlockShape(JsonNode block) {
        assertSorted(block);
        for (JsonNode tx : block.get("transactions")) {
            if (tx.isObject()) {
                assertTransactionShape(tx);
            }
        }
    }

    static void assertTransactionShape(JsonNode tx) {
        List<String> names = names(tx);
        assertThat(TRANSACTION).containsAll(names);
        assertThat(names).isEqualTo(TRANSACTION.stream().filter(names::contains).toList());
    }

    static void assertReceiptShape(JsonNode receipt) {
        assertSorted(receipt);
        receipt.get("logs").forEach(GethShapes::assertLogShape);
    }

    static void assertLogShape(JsonNode log) {
        assertThat(names(log)).isEqualTo(LOG);
    }

    private static void assertSorted(JsonNode object) {
        List<String> names = names(object);
        assertThat(names).isSorted();
    }
}
