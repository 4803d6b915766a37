package io.annals.p2p.eth;

import io.annals.core.chain.ForkIdValidation;
import io.annals.core.chain.ForkIdValidator;
import io.annals.p2p.eth.message.EthMessage;
import io.annals.p2p.wire.DisconnectReason;
import java.util.Optional;

/**
 * Decides whether a peer's Status lets it stay, as go-ethereum's handshake does
 * (eth/protocols/eth/handshake.go): same version as negotiated, same network id, same genesis, a
 * fork id the EIP-2124 rules accept with our head, and (eth/69+) an announced range with {@code
 * earliest <= latest}. A range in the past or the future is fine: the peer may be syncing, or ahead
 * of us.
 */
final class StatusCheck {
    /** Why a peer must go: the reason to send and what differed, for the log. */
    record Rejection(DisconnectReason reason, String description) {}

    private StatusCheck() {}

    static Optional<Rejection> check(
            int negotiatedVersion,
            LocalChain local,
            ForkIdValidator forkIds,
            EthMessage.Status remote) {
        if (remote.version() != negotiatedVersion) {
            return reject(
                    DisconnectReason.SUBPROTOCOL_REASON,
                    "Status says eth/"
                            + remote.version()
                            + ", negotiated eth/"
                            + negotiatedVersion);
        }
        if (remote.networkId() != local.spec().networkId()) {
            return reject(
                    DisconnectReason.SUBPROTOCOL_REASON,
                    "network id "
                            + Long.toUnsignedString(remote.networkId())
                            + " differs from ours, "
                            + local.spec().networkId()
                            + " ("
                            + local.spec().name()
                            + ")");
        }
        if (!remote.genesisHash().equals(local.spec().genesisHash())) {
            return reject(
                    DisconnectReason.SUBPROTOCOL_REASON,
                    "genesis "
                            + remote.genesisHash()
                            + " differs from ours, "
                            + local.spec().genesisHash()
                            + " ("
                            + local.spec().name()
                            + ")");
        }
        ForkIdValidation verdict =
                forkIds.validate(remote.forkId(), local.range().latest(), local.headTimestamp());
        if (verdict instanceof ForkIdValidation.Rejected rejected) {
            return reject(
                    DisconnectReason.SUBPROTOCOL_REASON,
                    "fork id "
                            + remote.forkId()
                            + " rejected ("
                            + rejected.reason().description()
                            + ": "
                            + rejected.detail()
                            + "); ours is "
                            + local.forkId());
        }
        if (remote instanceof EthMessage.StatusEth69 status && !status.range().isValid()) {
            return reject(
                    DisconnectReason.BREACH_OF_PROTOCOL,
                    "Status announces the range " + status.range() + " with earliest > latest");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(DisconnectReason reason, String description) {
        return Optional.of(new Rejection(reason, description));
    }
}
