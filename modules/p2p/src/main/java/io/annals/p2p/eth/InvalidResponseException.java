package io.annals.p2p.eth;

/**
 * The peer answered with something the protocol forbids: malformed RLP, more items than asked,
 * headers that do not follow the query, a partial receipt list past its bounds. The session is
 * disconnected with reason BreachOfProtocol.
 */
public final class InvalidResponseException extends EthRequestException {
    private static final long serialVersionUID = 1L;

    public InvalidResponseException(String message) {
        super(message);
    }

    public InvalidResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
