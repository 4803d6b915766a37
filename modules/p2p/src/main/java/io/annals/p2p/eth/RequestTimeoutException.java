package io.annals.p2p.eth;

/**
 * The peer did not answer within {@code request-timeout}. The session stays up unless the peer let
 * {@code max-consecutive-timeouts} requests in a row time out; a late answer is dropped.
 */
public final class RequestTimeoutException extends EthRequestException {
    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(String message) {
        super(message);
    }
}
