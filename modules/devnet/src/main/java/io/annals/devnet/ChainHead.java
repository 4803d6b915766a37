package io.annals.devnet;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.devnet.peer.BlockBirths;
import io.annals.devnet.peer.DevnetPeer;
import io.annals.devnet.serve.CanonicalChain;
import io.annals.devnet.serve.ChainVersion;
import io.annals.devnet.serve.EncodedBlock;
import io.annals.devnet.serve.EncodedChain;
import io.annals.devnet.serve.RetiredBranch;
import io.annals.store.FullBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devnet's head and branches, owned by the scheduler's thread (every method runs there, so no
 * locks). Producing a block generates it (or finds it in the store from an earlier run), encodes it
 * for serving and schedules each peer to see it after its propagation delay. A reorg keeps the
 * replaced blocks as a {@link RetiredBranch} for the peers still on them, writes the sibling branch
 * to the store, and announces the new head like a new block: each peer switches when its delay has
 * passed. Branches no peer serves any more are dropped.
 */
final class ChainHead {
    private static final Logger LOG = LoggerFactory.getLogger(ChainHead.class);

    private final GeneratedChain chain;
    private final EncodedChain encoded;
    private final BlockBirths births;
    private final DevnetScheduler scheduler;
    private final Propagation propagation;
    private final Map<Integer, ChainVersion> versions = new TreeMap<>();

    /** The fork point of the reorg that created each branch above 0. */
    private final Map<Integer, Long> forkPoints = new HashMap<>();

    private final List<DevnetPeer> peers = new ArrayList<>();
    private long head;
    private int branch;

    ChainHead(
            GeneratedChain chain,
            EncodedChain encoded,
            BlockBirths births,
            DevnetScheduler scheduler,
            Propagation propagation,
            long head) {
        this.chain = chain;
        this.encoded = encoded;
        this.births = births;
        this.scheduler = scheduler;
        this.propagation = propagation;
        this.head = head;
        versions.put(0, new CanonicalChain(encoded, 0));
    }

    void attach(List<DevnetPeer> started) {
        peers.addAll(started);
    }

    long head() {
        return head;
    }

    int branch() {
        return branch;
    }

    ChainVersion current() {
        return versions.get(branch);
    }

    Hash headHash() {
        return current().hashOf(head).orElseThrow();
    }

    /** Produces the next block and announces it. */
    void produce() {
        long number = head + 1;
        GeneratedChain.Produced produced = chain.produce(number, branch);
        produced.generated().ifPresent(encoded::remember);
        births.record(number, scheduler.nowMillis());
        head = number;
        announce(number, branch);
    }

    /** Replaces the top {@code depth} blocks by a sibling branch and announces its head. */
    void reorg(int depth) {
        if (depth < 1 || depth > head) {
            throw new IllegalArgumentException(
                    "a reorg replaces 1.." + head + " blocks at head " + head + ", not " + depth);
        }
        if (depth > ReorgPlan.MAX_DEPTH) {
            throw new IllegalArgumentException(
                    "a reorg replaces at most " + ReorgPlan.MAX_DEPTH + " blocks");
        }
        long forkPoint = head - depth;
        int newBranch = branch + 1;
        CanonicalChain next = new CanonicalChain(encoded, newBranch);
        // the retired branch defers to the new current branch below its fork point, and so do the
        // branches retired before it that deferred to the branch retired now
        RetiredBranch retired =
                new RetiredBranch(branch, forkPoint, retiredBlocks(forkPoint), next);
        ChainVersion retiring = current();
        for (ChainVersion version : versions.values()) {
            if (version instanceof RetiredBranch older) {
                older.successorRetired(retiring, retired);
            }
        }
        versions.put(branch, retired);
        versions.put(newBranch, next);
        forkPoints.put(newBranch, forkPoint);
        peers.forEach(peer -> peer.view().retire(retired));
        encoded.branchChanging();
        List<FullBlock> siblings = chain.replaceTop(forkPoint, head, newBranch);
        encoded.forgetAbove(forkPoint);
        long now = scheduler.nowMillis();
        for (FullBlock sibling : siblings) {
            encoded.remember(sibling);
            births.record(sibling.number(), now);
        }
        branch = newBranch;
        LOG.info(
                "reorg: blocks {}..{} replaced by branch {}, head now {}",
                forkPoint + 1,
                head,
                branch,
                headHash());
        announce(head, branch);
        prune();
    }

    private List<EncodedBlock> retiredBlocks(long forkPoint) {
        ChainVersion current = current();
        List<EncodedBlock> blocks = new ArrayList<>();
        for (long n = forkPoint + 1; n <= head; n++) {
            byte[] header = current.headerRlp(n).orElseThrow();
            Hash hash = BlockHeader.decode(header).hash();
            blocks.add(
                    new EncodedBlock(
                            n,
                            hash,
                            header,
                            current.bodyRlp(hash).orElseThrow(),
                            current.receiptsEth69(hash).orElseThrow()));
        }
        return blocks;
    }

    private void announce(long number, int onBranch) {
        for (DevnetPeer peer : peers) {
            scheduler.schedule(
                    propagation.delay(peer.index(), number, onBranch),
                    () -> deliver(peer, number, onBranch));
        }
    }

    /**
     * Peer {@code peer} hears of block {@code number} on branch {@code onBranch}. When that
     * switches it to a later branch, it first announces the common ancestor and then the new head:
     * eth/69's BlockRangeUpdate is sent only when the head number moves, so a reorg to a branch of
     * the same height would otherwise go unannounced.
     */
    private void deliver(DevnetPeer peer, long number, int onBranch) {
        ChainVersion version = versions.get(onBranch);
        if (version == null) {
            return;
        }
        int from = peer.view().state().version().branch();
        if (onBranch > from) {
            long ancestor = number;
            for (int b = from + 1; b <= onBranch; b++) {
                ancestor = Math.min(ancestor, forkPoints.get(b));
            }
            if (ancestor < number && peer.view().see(ancestor, version)) {
                peer.chainUpdated();
            }
        }
        if (peer.view().see(number, version)) {
            peer.chainUpdated();
        }
        if (onBranch > from) {
            prune();
        }
    }

    /** Drops branches below the lowest one a peer still serves. */
    private void prune() {
        int lowest =
                peers.stream()
                        .mapToInt(peer -> peer.view().state().version().branch())
                        .min()
                        .orElse(branch);
        versions.keySet().removeIf(b -> b < lowest);
    }
}
