package io.annals.p2p.wire;

import io.annals.p2p.SubProtocol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The capabilities a session shares with its peer and their message-id ranges (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#message-id-based-multiplexing">rlpx.md,
 * Message ID-based Multiplexing</a>): ids 0x00-0x0f belong to "p2p"; each shared capability, in
 * alphabetic order of name, takes the next {@code messageCount} ids. When several versions of a
 * name are shared, only the highest counts.
 */
public final class NegotiatedCapabilities {
    private final List<SharedCapability> shared;

    private NegotiatedCapabilities(List<SharedCapability> shared) {
        this.shared = List.copyOf(shared);
    }

    public static NegotiatedCapabilities negotiate(
            List<SubProtocol> local, List<Capability> remote) {
        List<SubProtocol> byName = new ArrayList<>(local);
        byName.sort(Comparator.comparing(SubProtocol::name));
        List<SharedCapability> shared = new ArrayList<>();
        int offset = P2pMessage.BASE_PROTOCOL_LENGTH;
        for (SubProtocol protocol : byName) {
            int best = -1;
            for (Capability capability : remote) {
                if (capability.name().equals(protocol.name())
                        && protocol.versions().contains(capability.version())) {
                    best = Math.max(best, capability.version());
                }
            }
            if (best >= 0) {
                int count = protocol.messageCount(best);
                shared.add(new SharedCapability(protocol, best, offset, count));
                offset += count;
            }
        }
        return new NegotiatedCapabilities(shared);
    }

    public List<SharedCapability> shared() {
        return shared;
    }

    public boolean isEmpty() {
        return shared.isEmpty();
    }

    public Optional<SharedCapability> byName(String name) {
        return shared.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The capability whose range holds an absolute message id (0x10 and above). */
    public Optional<SharedCapability> forMessageId(int messageId) {
        for (SharedCapability capability : shared) {
            if (capability.owns(messageId)) {
                return Optional.of(capability);
            }
        }
        return Optional.empty();
    }
}
