package io.annals.sync.write;

import io.annals.store.FullBlock;
import io.annals.sync.chain.Checkpoints;
import io.annals.sync.model.PeerId;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer's store side for blocks that come from files rather than peers (era import): the same
 * {@link ParentLinks} checks against the stored chain and the trusted hashes, and the same atomic
 * {@code HistoryStore.write}, as the {@link Writer}'s stream applies to blocks from peers, so the
 * tables, the canonical index and the log index come out the same whichever way a block arrived.
 * The caller runs it on its own thread (it blocks on disk); calls are serialised here.
 */
public final class FileBlockWriter {

    /** A block the checks refused, and why. */
    public record Refused(long number, String reason) {}

    /** What one write did: blocks stored now, blocks found stored already, refusals. */
    public record Outcome(int written, int alreadyStored, long bytes, List<Refused> refused) {
        public Outcome {
            refused = List.copyOf(refused);
        }
    }

    private final WriteLane lane;

    public FileBlockWriter(SyncStore store, Checkpoints checkpoints) {
        this.lane = new WriteLane(store, checkpoints);
    }

    /**
     * Checks and stores {@code blocks} (of one source, named in nothing but the refusals' origin).
     */
    public synchronized Outcome write(String source, List<FullBlock> blocks) {
        PeerId origin = PeerId.of(source);
        List<WriteOp> group = new ArrayList<>(blocks.size());
        for (FullBlock block : blocks) {
            group.add(new PendingBlock(origin, block, 1, 0));
        }
        int written = 0;
        long bytes = 0;
        int persisted = 0;
        List<Refused> refused = new ArrayList<>();
        for (WriteLane.Step step : lane.apply(group).steps()) {
            if (step instanceof WriteLane.Wrote wrote) {
                written += wrote.written();
                bytes += wrote.bytes();
                persisted += wrote.persisted().size();
                wrote.refused()
                        .forEach(r -> refused.add(new Refused(r.block().number(), r.reason())));
            }
        }
        return new Outcome(written, persisted - written, bytes, refused);
    }
}
