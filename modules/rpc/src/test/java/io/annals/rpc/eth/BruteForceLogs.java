package io.annals.rpc.eth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.util.Hex;
import io.annals.store.FullBlock;
import java.util.List;

/**
 * The logs a filter selects, found by reading every log of every block and written as geth writes
 * them: the reference {@code eth_getLogs} answers are compared with. Matching is geth's {@code
 * filterLogs}: any listed address; at least as many topics as positions; each non-empty position
 * lists the log's topic there.
 */
final class BruteForceLogs {
    private BruteForceLogs() {}

    static ArrayNode select(
            List<FullBlock> blocks,
            long from,
            long to,
            List<Address> addresses,
            List<List<Hash>> topics) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (FullBlock block : blocks) {
            if (block.number() < from || block.number() > to) {
                continue;
            }
            int logIndex = 0;
            for (int tx = 0; tx < block.receipts().size(); tx++) {
                for (Log log : block.receipts().get(tx).logs()) {
                    if (matches(log, addresses, topics)) {
                        out.add(json(block, tx, logIndex, log));
                    }
                    logIndex++;
                }
            }
        }
        return out;
    }

    static boolean matches(Log log, List<Address> addresses, List<List<Hash>> topics) {
        if (!addresses.isEmpty() && !addresses.contains(log.address())) {
            return false;
        }
        if (topics.size() > log.topics().size()) {
            return false;
        }
        for (int p = 0; p < topics.size(); p++) {
            if (!topics.get(p).isEmpty() && !topics.get(p).contains(log.topics().get(p))) {
                return false;
            }
        }
        return true;
    }

    static ObjectNode json(FullBlock block, int tx, int logIndex, Log log) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("address", log.address().toHex());
        ArrayNode topics = out.putArray("topics");
        log.topics().forEach(t -> topics.add(t.toHex()));
        out.put("data", Hex.prefixed(log.data()));
        out.put("blockNumber", quantity(block.number()));
        out.put("transactionHash", block.body().transactions().get(tx).hash().toHex());
        out.put("transactionIndex", quantity(tx));
        out.put("blockHash", block.hash().toHex());
        out.put("blockTimestamp", quantity(block.header().timestamp()));
        out.put("logIndex", quantity(logIndex));
        out.put("removed", false);
        return out;
    }

    static String quantity(long value) {
        return "0x" + Long.toHexString(value);
    }
}
