package io.annals.sync.testing;

/** A fake peer's session ended; its outstanding requests fail with this. */
public final class ScriptedDisconnect extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScriptedDisconnect(String peer) {
        super(peer + " disconnected");
    }
}
