package io.annals.p2p.netty;

import io.annals.p2p.P2pSettings;
import io.annals.p2p.SessionListener;
import io.annals.p2p.SubProtocol;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.wire.Capability;
import io.annals.p2p.wire.P2pMessage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What every connection of a host shares: identity, settings, capabilities, listener, registry. */
record RlpxContext(
        NodeKey nodeKey,
        P2pSettings settings,
        List<SubProtocol> protocols,
        SessionListener listener,
        SessionRegistry registry,
        SecureRandom random,
        int advertisedPort) {

    RlpxContext {
        protocols = List.copyOf(protocols);
    }

    /** Our Hello: every version of every capability, sorted. */
    P2pMessage.Hello localHello() {
        List<Capability> capabilities = new ArrayList<>();
        for (SubProtocol protocol : protocols) {
            for (int version : protocol.versions()) {
                capabilities.add(new Capability(protocol.name(), version));
            }
        }
        Collections.sort(capabilities);
        return new P2pMessage.Hello(
                P2pMessage.Hello.VERSION,
                settings.clientId(),
                capabilities,
                advertisedPort,
                nodeKey.nodeId());
    }

    RlpxContext withAdvertisedPort(int port) {
        return new RlpxContext(nodeKey, settings, protocols, listener, registry, random, port);
    }
}
