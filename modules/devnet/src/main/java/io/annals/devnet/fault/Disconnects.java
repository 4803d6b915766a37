package io.annals.devnet.fault;

import io.annals.p2p.wire.DisconnectReason;
import java.util.Objects;

/**
 * Dropped connections: the peer disconnects instead of answering its {@code afterRequests}-th
 * request of a session (0: never for that reason), or any request with {@code probability}. The
 * node may dial again; every new session starts counting afresh.
 */
public record Disconnects(int afterRequests, double probability, DisconnectReason reason) {
    public Disconnects {
        Objects.requireNonNull(reason, "reason");
        if (afterRequests < 0) {
            throw new IllegalArgumentException(
                    "after-requests must not be negative, got " + afterRequests);
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(
                    "probability must be within 0..1, got " + probability);
        }
        if (afterRequests == 0 && probability == 0) {
            throw new IllegalArgumentException(
                    "set after-requests or a probability above 0, or leave disconnect out");
        }
    }
}
