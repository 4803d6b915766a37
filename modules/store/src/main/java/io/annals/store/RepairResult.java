package io.annals.store;

import java.util.List;

/**
 * What {@link HistoryStore#repair} did.
 *
 * @param dropped the runs of damaged blocks dropped (sync fetches them again)
 * @param unrepaired what a drop could not fix, one sentence each
 */
public record RepairResult(List<BlockRange> dropped, List<String> unrepaired) {
    public RepairResult {
        dropped = List.copyOf(dropped);
        unrepaired = List.copyOf(unrepaired);
    }

    public long droppedBlocks() {
        return dropped.stream().mapToLong(BlockRange::size).sum();
    }
}
