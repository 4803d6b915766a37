package io.annals.bench.rpc;

import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.store.FullBlock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Counts, while the chain is generated, how many logs each address, each event signature (topic 0)
 * and each (address, topic 0) pair has, and then picks for each query shape the value whose count
 * is closest to a target rate: filters of known selectivity, so the benchmark's answers have
 * realistic sizes (about two thousand logs) instead of nothing or the result limit.
 */
final class ChainStatistics {
    private final Map<String, Integer> addresses = new HashMap<>();
    private final Map<String, Integer> topics = new HashMap<>();
    private final Map<String, Integer> pairs = new HashMap<>();
    private long logs;
    private long blocks;

    void observe(FullBlock block) {
        blocks++;
        for (Receipt receipt : block.receipts()) {
            for (Log log : receipt.logs()) {
                logs++;
                String address = log.address().toHex();
                addresses.merge(address, 1, Integer::sum);
                if (!log.topics().isEmpty()) {
                    String topic = log.topics().get(0).toHex();
                    topics.merge(topic, 1, Integer::sum);
                    pairs.merge(address + "/" + topic, 1, Integer::sum);
                }
            }
        }
    }

    /** The chosen values and their expected logs per block, as properties for the load driver. */
    Properties choose() {
        Properties out = new Properties();
        out.setProperty("logs-per-block", String.format("%.1f", (double) logs / blocks));
        pick(out, "address", addresses, 2.0);
        pick(out, "topic0", topics, 0.25);
        String pair = pick(out, "pair", pairs, 0.2);
        out.setProperty("pair.address", pair.substring(0, pair.indexOf('/')));
        out.setProperty("pair.topic0", pair.substring(pair.indexOf('/') + 1));
        return out;
    }

    private String pick(Properties out, String name, Map<String, Integer> counts, double perBlock) {
        double target = perBlock * blocks;
        String best = null;
        double distance = Double.MAX_VALUE;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            double d = Math.abs(Math.log(e.getValue() / target));
            if (d < distance) {
                distance = d;
                best = e.getKey();
            }
        }
        out.setProperty(name, best);
        out.setProperty(
                name + ".logs-per-block",
                String.format("%.3f", counts.get(best) / (double) blocks));
        return best;
    }
}
