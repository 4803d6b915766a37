package io.annals.sync.head;

/** How the engine learned a peer's head. */
public enum HeadSource {
    /** The peer announced it (Status, BlockRangeUpdate, NewBlockHashes): a claim, not proof. */
    ANNOUNCED,
    /** The peer served the header when its session started or its head was re-checked. */
    PROBED,
    /** The peer served the header when polled for head discovery at the tip. */
    POLLED,
    /** The peer served the header right after it announced a higher head. */
    ANNOUNCEMENT_PROBED;

    /** Whether the peer proved the head by serving its header. */
    public boolean proven() {
        return this != ANNOUNCED;
    }
}
