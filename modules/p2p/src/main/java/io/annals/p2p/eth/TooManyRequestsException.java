package io.annals.p2p.eth;

/**
 * The request was not sent: {@code max-outstanding-requests} are already in flight to this peer, or
 * it asks for more than {@code max-request-items} items.
 */
public final class TooManyRequestsException extends EthRequestException {
    private static final long serialVersionUID = 1L;

    public TooManyRequestsException(String message) {
        super(message);
    }
}
