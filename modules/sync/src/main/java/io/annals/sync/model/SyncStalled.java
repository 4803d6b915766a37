package io.annals.sync.model;

import io.annals.store.BlockRange;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

/**
 * What the scheduler saw when waiting work made no progress (no block delivered) for longer than
 * the stall threshold: enough to tell, from one log line, which blocks are stuck, when each could
 * next be tried, what every peer is doing and whether an actor is drowning in messages. Times are
 * absolute on the engine's clock; {@link #toLogLine()} prints them relative to {@link #atMillis()}.
 */
public record SyncStalled(
        SyncMode mode,
        long atMillis,
        Duration stalledFor,
        long pending,
        int inFlight,
        long escalation,
        long awaitingDurability,
        List<EscalatedBlock> escalatedBlocks,
        int escalatedNotListed,
        List<PeerStatus> peers,
        List<MailboxDepth> mailboxes,
        List<BlockRange> unserved) {

    /** Means "no time": no connected peer's head covers the block. */
    public static final long NEVER = Long.MAX_VALUE;

    public SyncStalled {
        escalatedBlocks = List.copyOf(escalatedBlocks);
        peers = List.copyOf(peers);
        mailboxes = List.copyOf(mailboxes);
        unserved = List.copyOf(unserved);
    }

    /** One escalated block: its failures and the earliest time any connected peer may get it. */
    public record EscalatedBlock(long block, int attempts, long earliestRetryMillis) {}

    /** What one peer is doing. */
    public record PeerStatus(
            PeerId peer, long head, PeerState state, long blocks, long untilMillis, String why) {}

    /** How one peer stands with the scheduler. */
    public enum PeerState {
        /** Has a batch in flight. */
        FETCHING,
        /** Parked: every waiting block it covers is cooling down for it, or it backs off. */
        COOLING_DOWN,
        /** Parked: waiting work lies above its head. */
        HEAD_BEHIND,
        /** Parked with nothing waiting for it. */
        PARKED,
        /** Reported its last batch and has not asked again. */
        IDLE
    }

    /** Queue depth of an actor's metered mailbox; -1 when the actor is not metered. */
    public record MailboxDepth(String actor, int depth) {}

    public String toLogLine() {
        StringBuilder line = new StringBuilder(256);
        line.append("sync stalled for ")
                .append(seconds(stalledFor.toMillis()))
                .append(" (")
                .append(mode.configSection())
                .append("): pending=")
                .append(pending)
                .append(" inflight=")
                .append(inFlight)
                .append(" escalation=")
                .append(escalation)
                .append(" awaiting_durability=")
                .append(awaitingDurability);
        StringJoiner blocks = new StringJoiner(", ", " | escalated [", "]");
        for (EscalatedBlock block : escalatedBlocks) {
            blocks.add(
                    block.block()
                            + " attempts "
                            + block.attempts()
                            + " retry "
                            + relative(block.earliestRetryMillis()));
        }
        if (escalatedNotListed > 0) {
            blocks.add("+" + escalatedNotListed + " more");
        }
        line.append(blocks);
        StringJoiner peerList = new StringJoiner(", ", " | peers [", "]");
        for (PeerStatus peer : peers) {
            peerList.add(peer.peer() + " head " + peer.head() + " " + peer.why());
        }
        line.append(peerList);
        StringJoiner depths = new StringJoiner(" ", " | mailbox ", "");
        for (MailboxDepth depth : mailboxes) {
            depths.add(
                    depth.actor()
                            + "="
                            + (depth.depth() < 0 ? "unmetered" : Integer.toString(depth.depth())));
        }
        line.append(depths);
        if (!unserved.isEmpty()) {
            line.append(" | ").append(describeUnserved(unserved));
        }
        return line.toString();
    }

    /**
     * What a list of runs without a source means, for logs and /health: {@code no source for blocks
     * 0..15537393: no connected peer serves them, and no era source covers them
     * (annals.history.era-sources)}.
     */
    public static String describeUnserved(List<BlockRange> runs) {
        StringJoiner list = new StringJoiner(", ", "no source for blocks ", "");
        runs.forEach(run -> list.add(run.first() + ".." + run.last()));
        return list
                + ": no connected peer serves them (their earliest blocks are above), and no era"
                + " source covers them (annals.history.era-sources)";
    }

    /** A time as an offset from the report, e.g. {@code +96s}; "never" when no peer covers it. */
    public String relative(long millis) {
        if (millis == NEVER) {
            return "never (no peer's head covers it)";
        }
        long delta = millis - atMillis;
        return delta <= 0 ? "now" : "+" + seconds(delta);
    }

    static String seconds(long millis) {
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
