package io.annals.p2p.peers;

/** Why the peer manager dropped a peer (and does not dial it again for a while). */
public enum EvictionReason {
    /** Its eth entry or Status names a fork id incompatible with ours. */
    WRONG_FORK("wrong fork id"),
    /** It serves no block of the range the node still needs (eth/69 earliest block above it). */
    NO_HISTORY("no history in the needed range"),
    /** Its answers kept failing or coming back empty. */
    FAILED_PROBES("failed requests"),
    /** Its answers kept coming slower than the slow-request limit. */
    TOO_SLOW("too slow");

    private final String description;

    EvictionReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
