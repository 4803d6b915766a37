package io.annals.node.monitor;

import io.annals.sync.model.SyncStalled;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SyncStalled} report as plain maps and lists for the JSON of {@code /health}: queue
 * sizes, each escalated block with its attempts and earliest retry (milliseconds from the report,
 * or "never"), each peer's state, the mailbox depths.
 */
final class StallDetails {
    private StallDetails() {}

    static Map<String, Object> of(SyncStalled report) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", report.mode().configSection());
        details.put("stalledForMillis", report.stalledFor().toMillis());
        details.put("pending", report.pending());
        details.put("inFlight", report.inFlight());
        details.put("escalation", report.escalation());
        details.put("awaitingDurability", report.awaitingDurability());
        List<Map<String, Object>> blocks =
                report.escalatedBlocks().stream()
                        .map(
                                block -> {
                                    Map<String, Object> entry = new LinkedHashMap<>();
                                    entry.put("block", block.block());
                                    entry.put("attempts", block.attempts());
                                    entry.put(
                                            "retryInMillis",
                                            block.earliestRetryMillis() == SyncStalled.NEVER
                                                    ? "never"
                                                    : Math.max(
                                                            0,
                                                            block.earliestRetryMillis()
                                                                    - report.atMillis()));
                                    return entry;
                                })
                        .toList();
        details.put("escalatedBlocks", blocks);
        details.put("escalatedNotListed", report.escalatedNotListed());
        List<Map<String, Object>> peers =
                report.peers().stream()
                        .map(
                                peer -> {
                                    Map<String, Object> entry = new LinkedHashMap<>();
                                    entry.put("peer", peer.peer().toString());
                                    entry.put("head", peer.head());
                                    entry.put("state", peer.state().name());
                                    entry.put("why", peer.why());
                                    return entry;
                                })
                        .toList();
        details.put("peers", peers);
        Map<String, Object> mailboxes = new LinkedHashMap<>();
        report.mailboxes().forEach(depth -> mailboxes.put(depth.actor(), depth.depth()));
        details.put("mailboxes", mailboxes);
        return details;
    }
}
