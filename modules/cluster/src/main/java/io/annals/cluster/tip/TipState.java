package io.annals.cluster.tip;

import io.annals.cluster.wire.ClusterMessage;
import java.util.Objects;

/**
 * What the tip publishes to every host: the network head it follows, the sealed blocks (up to the
 * head minus the rollback window: deep enough that no reorg the engine follows reaches them, so
 * each range's owner syncs them), where the tip host's own window begins, and which host runs the
 * tip.
 *
 * @param head the network head the tip host's peers agree on
 * @param sealedThrough the highest sealed block (below the start block while none is)
 * @param floor the first block of the tip host's window: it syncs {@code floor..head}
 * @param member the member id of the tip host
 */
public record TipState(long head, long sealedThrough, long floor, String member)
        implements ClusterMessage {

    public TipState {
        Objects.requireNonNull(member, "member");
    }
}
