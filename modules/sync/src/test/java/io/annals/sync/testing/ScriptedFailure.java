package io.annals.sync.testing;

/** A fake peer's request failed on purpose (as a timeout or an error would). */
public final class ScriptedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScriptedFailure(String message) {
        super(message);
    }
}
