package io.annals.rpc.eth.subscriptions;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.rpc.eth.json.LogJson;
import io.annals.rpc.ws.SubscriptionSource;
import io.annals.store.LogEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code logs} subscription: the logs of each new block that match its addresses and topics
 * (eth_getLogs' rules: any listed address; at each listed topic position one of the alternatives,
 * or any topic for an empty list, so a log needs a topic at every listed position), and on a reorg
 * the logs it had sent from dropped blocks again with {@code removed: true} before the new
 * branch's, as geth does. It keeps what it sent from the newest {@code window} blocks, at most
 * {@code maxRetained} logs.
 */
final class LogSubscription {
    private record Sent(long number, Hash hash, List<LogEntry> logs) {}

    private final Set<Address> addresses;
    private final List<Set<Hash>> topics;
    private final SubscriptionSource.Sink sink;
    private final int window;
    private final int maxRetained;
    private final Deque<Sent> sent = new ArrayDeque<>();
    private int retained;

    LogSubscription(
            List<Address> addresses,
            List<List<Hash>> topics,
            SubscriptionSource.Sink sink,
            int window,
            int maxRetained) {
        this.addresses = new HashSet<>(addresses);
        this.topics = topics.stream().<Set<Hash>>map(HashSet::new).toList();
        this.sink = sink;
        this.window = window;
        this.maxRetained = maxRetained;
    }

    /** Reports dropped blocks' logs as removed; false once the connection is gone. */
    boolean dropped(List<ChainFollower.Dropped> blocks) {
        List<Sent> removed = new ArrayList<>();
        for (ChainFollower.Dropped block : blocks) {
            sent.removeIf(
                    s -> {
                        if (s.number() == block.number() && s.hash().equals(block.hash())) {
                            removed.add(s);
                            return true;
                        }
                        return false;
                    });
        }
        for (Sent s : removed) {
            retained -= s.logs().size();
            for (LogEntry log : s.logs()) {
                if (!sink.push(new LogJson(log, true))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Sends the block's matching logs; false once the connection is gone. */
    boolean added(long number, Hash hash, List<LogEntry> blockLogs) {
        List<LogEntry> matching = new ArrayList<>();
        for (LogEntry entry : blockLogs) {
            if (matches(entry.log())) {
                matching.add(entry);
            }
        }
        for (LogEntry log : matching) {
            if (!sink.push(LogJson.of(log))) {
                return false;
            }
        }
        if (!matching.isEmpty()) {
            sent.addLast(new Sent(number, hash, List.copyOf(matching)));
            retained += matching.size();
        }
        while (!sent.isEmpty()
                && (sent.peekFirst().number() <= number - window || retained > maxRetained)) {
            retained -= sent.pollFirst().logs().size();
        }
        return true;
    }

    private boolean matches(Log log) {
        if (!addresses.isEmpty() && !addresses.contains(log.address())) {
            return false;
        }
        List<Hash> logTopics = log.topics();
        for (int p = 0; p < topics.size(); p++) {
            if (logTopics.size() <= p) {
                return false;
            }
            Set<Hash> alternatives = topics.get(p);
            if (!alternatives.isEmpty() && !alternatives.contains(logTopics.get(p))) {
                return false;
            }
        }
        return true;
    }
}
