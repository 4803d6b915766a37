package io.annals.p2p.rlpx;

/** An RLPx frame whose MAC does not verify, or whose declared size exceeds the limit. */
public final class FrameException extends RlpxException {
    private static final long serialVersionUID = 1L;

    public FrameException(String message) {
        super(message);
    }
}
