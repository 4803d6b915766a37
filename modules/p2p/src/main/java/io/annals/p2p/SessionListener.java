package io.annals.p2p;

/** Told about every session that becomes active, inbound or outbound. Called on the I/O thread. */
@FunctionalInterface
public interface SessionListener {
    void onSessionActive(RlpxSession session);

    SessionListener NONE = session -> {};
}
