package io.annals.devnet.fault;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How one devnet peer misbehaves; every part is optional and they combine. Data faults (missing
 * tip, corruption, a stuck head) act in the peer's view of the chain; session faults (latency,
 * disconnects, partial answers) act on its eth messages. All randomness is drawn from the devnet
 * seed, the peer and the session, so a run replays.
 *
 * @param stuckAt the peer never sees blocks past this one (nor reorgs once it got there)
 * @param expiredBelow the peer has expired its history below this block, as clients did with
 *     pre-merge history (EIP-4444): it announces it as its earliest block and serves no body or
 *     receipts below it (headers still)
 */
public record FaultPlan(
        Optional<MissingTip> missingTip,
        Optional<Latency> latency,
        Optional<Disconnects> disconnects,
        Optional<PartialAnswers> partial,
        Optional<Corruption> corruption,
        OptionalLong stuckAt,
        OptionalLong expiredBelow) {
    public static final FaultPlan NONE =
            new FaultPlan(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    OptionalLong.empty(),
                    OptionalLong.empty());

    public FaultPlan {
        Objects.requireNonNull(missingTip);
        Objects.requireNonNull(latency);
        Objects.requireNonNull(disconnects);
        Objects.requireNonNull(partial);
        Objects.requireNonNull(corruption);
        Objects.requireNonNull(stuckAt);
        Objects.requireNonNull(expiredBelow);
        if (stuckAt.isPresent() && stuckAt.getAsLong() < 0) {
            throw new IllegalArgumentException("stuck-at must not be negative");
        }
    }

    public FaultPlan withMissingTip(MissingTip value) {
        return new FaultPlan(
                Optional.of(value),
                latency,
                disconnects,
                partial,
                corruption,
                stuckAt,
                expiredBelow);
    }

    public FaultPlan withLatency(Latency value) {
        return new FaultPlan(
                missingTip,
                Optional.of(value),
                disconnects,
                partial,
                corruption,
                stuckAt,
                expiredBelow);
    }

    public FaultPlan withDisconnects(Disconnects value) {
        return new FaultPlan(
                missingTip,
                latency,
                Optional.of(value),
                partial,
                corruption,
                stuckAt,
                expiredBelow);
    }

    public FaultPlan withPartial(PartialAnswers value) {
        return new FaultPlan(
                missingTip,
                latency,
                disconnects,
                Optional.of(value),
                corruption,
                stuckAt,
                expiredBelow);
    }

    public FaultPlan withCorruption(Corruption value) {
        return new FaultPlan(
                missingTip,
                latency,
                disconnects,
                partial,
                Optional.of(value),
                stuckAt,
                expiredBelow);
    }

    public FaultPlan withStuckAt(long block) {
        return new FaultPlan(
                missingTip,
                latency,
                disconnects,
                partial,
                corruption,
                OptionalLong.of(block),
                expiredBelow);
    }

    public FaultPlan withExpiredBelow(long block) {
        return new FaultPlan(
                missingTip,
                latency,
                disconnects,
                partial,
                corruption,
                stuckAt,
                OptionalLong.of(block));
    }

    public boolean isNone() {
        return equals(NONE);
    }
}
