package io.annals.devnet;

import io.annals.devnet.chain.SplitMix;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How long after the devnet produces a block (or switches branch) each peer sees it: a uniform draw
 * per (seed, peer, block, branch), or a fixed delay per peer.
 */
public sealed interface Propagation {
    Duration delay(int peer, long number, int branch);

    /** Uniform in {@code min..max}, drawn deterministically from the seed. */
    record Uniform(Duration min, Duration max, long seed) implements Propagation {
        public Uniform {
            Objects.requireNonNull(min);
            Objects.requireNonNull(max);
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException(
                        "propagation needs 0 <= min <= max, got " + min + ".." + max);
            }
        }

        @Override
        public Duration delay(int peer, long number, int branch) {
            long millis =
                    SplitMix.of(seed, 0x70726fL, peer, number, branch)
                            .between(min.toMillis(), max.toMillis());
            return Duration.ofMillis(millis);
        }
    }

    /** Peer {@code i} always sees blocks {@code delays.get(i)} late. */
    record PerPeer(List<Duration> delays) implements Propagation {
        public PerPeer {
            delays = List.copyOf(delays);
            if (delays.stream().anyMatch(Duration::isNegative)) {
                throw new IllegalArgumentException(
                        "propagation delays must not be negative: " + delays);
            }
        }

        @Override
        public Duration delay(int peer, long number, int branch) {
            return delays.get(peer);
        }
    }
}
