package io.annals.p2p;

import java.util.Set;

/**
 * A capability this node speaks on top of the p2p base protocol (eth, for instance). The session
 * advertises every version in Hello; when the peer shares one or more, the highest shared version
 * is negotiated and {@link #attach} is called once, on the session's I/O thread, when the session
 * becomes active.
 */
public interface SubProtocol {
    /** The capability name as advertised in Hello, e.g. "eth". */
    String name();

    /** Every version this node speaks. */
    Set<Integer> versions();

    /**
     * How many message ids the given version uses; its id range starts at the capability's offset.
     */
    int messageCount(int version);

    /**
     * Binds the capability to an active session.
     *
     * @return the handler of this capability's incoming messages on that session
     */
    CapabilityHandler attach(RlpxSession session, int version);
}
